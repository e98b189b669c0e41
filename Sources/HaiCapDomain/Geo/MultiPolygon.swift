/// Several separate areas that form one thing: a commune with islands, or a unit built from
/// the Voronoi cells of its sites.
public struct MultiPolygon: Sendable, Hashable {
    public let polygons: [Polygon]
    /// `nil` only when there are no polygons.
    public let bbox: BoundingBox?

    public init(_ polygons: [Polygon]) {
        self.polygons = polygons
        bbox = polygons.dropFirst().reduce(polygons.first?.bbox) { box, polygon in box?.union(polygon.bbox) }
    }

    public init(_ polygon: Polygon) { self.init([polygon]) }

    public var isEmpty: Bool { polygons.isEmpty }

    /// Inside any of the polygons. Parts are not merged: for parts that share an edge, a point
    /// on that edge is claimed by exactly one of them (see `edgeCrossesEastRay`).
    public func contains(_ point: GeoPoint) -> Bool {
        guard let bbox, bbox.contains(point) else { return false }
        return polygons.contains { $0.contains(point) }
    }

    /// Sum of the parts' spherical areas; parts are assumed not to overlap.
    public var areaKm2: Double { polygons.reduce(0) { $0 + $1.areaKm2 } }

    /// Area-weighted centroid of all parts on the equirectangular map; `nil` when empty.
    public var centroid: GeoPoint? {
        guard let origin = polygons.first?.outer.points[0] else { return nil }
        var total = PlanarMoments()
        for polygon in polygons { total.add(polygon.moments(origin: origin), sign: 1) }
        return total.centroid(origin: origin)
    }
}
