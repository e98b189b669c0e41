/// One area with optional holes (a commune with a lake, an island ward around a military zone).
///
/// Holes are not checked to lie inside the outer ring or to be disjoint: containment uses the
/// even-odd rule over all rings together, which for well-formed polygons is exactly
/// "inside the outer ring and in no hole", and for sloppy files degrades predictably instead of
/// failing the import.
public struct Polygon: Sendable, Hashable {
    public let outer: Ring
    public let holes: [Ring]

    public init(outer: Ring, holes: [Ring] = []) {
        self.outer = outer
        self.holes = holes
    }

    /// The outer ring's box: holes cannot reach outside it in a well-formed polygon.
    public var bbox: BoundingBox { outer.bbox }

    /// The outer ring first, then the holes.
    public var rings: [Ring] { [outer] + holes }

    public func contains(_ point: GeoPoint) -> Bool {
        guard outer.bbox.contains(point) else { return false }
        var inside = ringParity(outer.points, point)
        for hole in holes where ringParity(hole.points, point) { inside.toggle() }
        return inside
    }

    /// Spherical area of the outer ring minus the holes (see `Ring.signedAreaKm2`).
    public var areaKm2: Double {
        max(0, holes.reduce(outer.areaKm2) { $0 - $1.areaKm2 })
    }

    /// Area-weighted centroid on the equirectangular map: the outer ring's centre of mass with
    /// each hole's mass taken away.
    public var centroid: GeoPoint {
        let origin = outer.points[0]
        return moments(origin: origin).centroid(origin: origin)
    }

    func moments(origin: GeoPoint) -> PlanarMoments {
        var total = outer.planarMoments(origin: origin).unsigned
        for hole in holes { total.add(hole.planarMoments(origin: origin).unsigned, sign: -1) }
        return total
    }
}
