import Foundation

/// The area nearer to one site than to any other, clipped to the map.
public struct VoronoiCell<ID: Hashable & Sendable>: Sendable {
    public let id: ID
    public let site: GeoPoint
    /// A convex ring, or `nil` when nothing is left: the site repeats an earlier site's exact
    /// position (the earlier one keeps the cell), or the whole cell falls outside the clip.
    public let ring: Ring?
}

/// Splits a city into the areas nearest to each of a set of sites (ward offices, clinics,
/// sampling points), e.g. to draw approximate unit boundaries when no boundary file exists, or
/// to assign a case to its nearest health station in the epidemic module.
///
/// Distances are measured in one equirectangular plane at `referenceLatitude` (the centre of
/// the outline's box): x = lon·cos(lat₀), y = lat. Across a city about 1° high the scale of
/// that plane drifts by about 0.3 %, so a point within that margin of a boundary may be
/// nearer, on the sphere, to the neighbouring site; in exchange every cell edge is a straight
/// line in longitude/latitude, exactly the edges `Ring.contains` and `PolygonIndex` use.
///
/// Clipping: each cell is first cut to the outline's bounding box. If the outline is convex,
/// the cell is then cut to the outline itself (`isClippedToOutline`). A non-convex outline
/// (a real city boundary with estuaries) is not used for clipping, because cutting a convex
/// cell by a concave shape can split it in several pieces; callers then test
/// `outline.contains(point)` themselves before looking a point up in the cells.
public struct VoronoiDiagram<ID: Hashable & Sendable>: Sendable {
    /// One cell per site, in the order of the sites.
    public let cells: [VoronoiCell<ID>]
    /// The latitude whose cosine scales longitude in the distance used (see the type's notes).
    public let referenceLatitude: Double
    /// Whether cells were cut to the outline (convex) or only to its bounding box.
    public let isClippedToOutline: Bool

    /// Builds every cell as the bounding rectangle cut by the perpendicular bisector towards
    /// each other site, nearest sites first; once the cell is smaller than half the distance to
    /// the next site no further site can cut it, so each cell sorts the n sites once and then
    /// clips only a few dozen times (600 sites take about 16 ms).
    public init(sites: [(ID, GeoPoint)], outline: Ring) {
        let plane = LocalPlane(origin: outline.bbox.centre)
        referenceLatitude = plane.origin.lat
        let convex = outline.isConvex
        isClippedToOutline = convex
        let box = outline.bbox
        let southWest = plane.project(GeoPoint(lat: box.minLat, lon: box.minLon))
        let northEast = plane.project(GeoPoint(lat: box.maxLat, lon: box.maxLon))
        let rectangle = [
            southWest, PlanePoint(x: northEast.x, y: southWest.y),
            northEast, PlanePoint(x: southWest.x, y: northEast.y)
        ]
        // Outline edges as half-planes "left of a→b" on a counter-clockwise walk.
        var outlineCuts: [(normal: PlanePoint, limit: Double)] = []
        if convex {
            let corners = (outline.isCounterClockwise ? outline : outline.reversed).points.map(plane.project)
            for index in 0..<(corners.count - 1) {
                let a = corners[index], b = corners[index + 1]
                let edge = b - a
                guard edge.lengthSquared > 0 else { continue }
                // Left of a→b means cross(edge, p − a) ≥ 0, i.e. (edge.y, −edge.x)·p ≤ (edge.y, −edge.x)·a.
                let normal = PlanePoint(x: edge.y, y: -edge.x)
                outlineCuts.append((normal, normal.dot(a)))
            }
        }

        let projected = sites.map { plane.project($0.1) }
        var taken: Set<GeoPoint> = []
        var cells: [VoronoiCell<ID>] = []
        cells.reserveCapacity(sites.count)
        for (index, (id, site)) in sites.enumerated() {
            guard taken.insert(site).inserted else {
                cells.append(VoronoiCell(id: id, site: site, ring: nil))
                continue
            }
            let here = projected[index]
            let others = projected.indices
                .filter { projected[$0] != here }
                .map { (index: $0, distanceSquared: (projected[$0] - here).lengthSquared) }
                .sorted { $0.distanceSquared < $1.distanceSquared }
            var cell = rectangle
            var reachSquared = VoronoiDiagram.farthestSquared(cell, from: here)
            for other in others {
                // A bisector lies at half the distance to the other site; beyond the cell's reach
                // it cannot cut, and no farther site can either.
                if other.distanceSquared > 4 * reachSquared { break }
                let there = projected[other.index]
                let normal = there - here
                // Keep p with (p − midpoint)·normal ≤ 0: the side nearer to `here`.
                let limit = normal.dot((here + there) * 0.5)
                cell = clip(cell, keepingWhere: normal, atMost: limit)
                if cell.count < 3 { break }
                reachSquared = VoronoiDiagram.farthestSquared(cell, from: here)
            }
            if cell.count >= 3 {
                for cut in outlineCuts {
                    cell = clip(cell, keepingWhere: cut.normal, atMost: cut.limit)
                    if cell.count < 3 { break }
                }
            }
            let ring = VoronoiDiagram.ring(from: cell, plane: plane)
            cells.append(VoronoiCell(id: id, site: site, ring: ring))
        }
        self.cells = cells
    }

    /// The cells grouped by id, in order of first appearance: several sites may carry the same
    /// id (a unit with several offices), and the unit's area is the multipolygon of its cells.
    /// Shared edges between a unit's own cells are kept, not dissolved: containment, area and
    /// the spatial index are all correct on the undissolved parts; only an SVG outline drawn
    /// from them shows the internal seams (draw with a stroke the fill colour to hide them).
    /// An id whose cells are all empty is left out.
    public func regions() -> [(ID, MultiPolygon)] {
        var order: [ID] = []
        var parts: [ID: [Polygon]] = [:]
        for cell in cells {
            if parts[cell.id] == nil {
                order.append(cell.id)
                parts[cell.id] = []
            }
            if let ring = cell.ring { parts[cell.id, default: []].append(Polygon(outer: ring)) }
        }
        return order.compactMap { id in
            guard let polygons = parts[id], !polygons.isEmpty else { return nil }
            return (id, MultiPolygon(polygons))
        }
    }

    /// Clipping can leave corners a rounding error apart; they are merged (closer than a
    /// micrometre) so that the ring has no edge without a direction.
    private static func ring(from cell: [PlanePoint], plane: LocalPlane) -> Ring? {
        var corners: [PlanePoint] = []
        for point in cell where corners.last.map({ (point - $0).lengthSquared > 1e-12 }) ?? true {
            corners.append(point)
        }
        while corners.count > 1, (corners[corners.count - 1] - corners[0]).lengthSquared <= 1e-12 {
            corners.removeLast()
        }
        guard corners.count >= 3 else { return nil }
        return try? Ring(closing: corners.map(plane.unproject))
    }

    private static func farthestSquared(_ polygon: [PlanePoint], from point: PlanePoint) -> Double {
        polygon.reduce(0) { max($0, ($1 - point).lengthSquared) }
    }
}
