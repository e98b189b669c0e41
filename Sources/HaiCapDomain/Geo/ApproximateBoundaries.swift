import Foundation

/// Unit areas derived from points when no official boundary file has been imported.
///
/// Every published source gives the 168 units as centroids and the 441 old wards as centroids
/// plus a bounding box, never as polygons. From those this builds a partition that behaves
/// like real boundaries for routing and maps:
/// - **where the city is**: the union of the old wards' boxes (grown by `landMarginMetres`) plus
///   any extra boxes the caller adds (Côn Đảo has no old wards); the sea between Cần Giờ and
///   Vũng Tàu lies outside every box, so a point there belongs to no unit;
/// - **whose it is**: the nearest site — the Voronoi partition of the sites (unit centroids and
///   old-ward centroids labelled with the unit that took them over), restricted to the land.
///
/// The restriction is computed on a grid (`cellDegrees`, about 280 m by default), and each
/// unit's cells are traced into rings, so the result is a set of ordinary non-overlapping
/// multipolygons with shared edges: the same type an official file yields, indexed and drawn
/// the same way. Edges follow the grid, which is honest: these are approximations, and every
/// page that shows them says "ranh giới gần đúng".
public enum ApproximateBoundaries {
    public struct Site: Sendable, Hashable {
        public let unitCode: String
        public let point: GeoPoint
        public init(unitCode: String, point: GeoPoint) {
            self.unitCode = unitCode
            self.point = point
        }
    }

    /// Derives one multipolygon per unit that has land, in the order the units first appear in
    /// `sites`. A unit's own centroid site always lies inside its area: the grid cell holding
    /// it is given to it even when a neighbour's site is nearer to the cell's centre.
    public static func derive(
        sites: [Site], land: [BoundingBox], landMarginMetres: Double = 300,
        cellDegrees: Double = 0.0025, anchors: [Site] = []
    ) -> [(String, MultiPolygon)] {
        let boxes = land.map { $0.expanded(byMetres: landMarginMetres) }
        guard let bounds = boxes.dropFirst().reduce(boxes.first, { $0?.union($1) }), !sites.isEmpty else { return [] }
        let columns = Int((bounds.widthDegrees / cellDegrees).rounded(.up))
        let rows = Int((bounds.heightDegrees / cellDegrees).rounded(.up))
        var units: [String] = []
        var unitIndex: [String: Int32] = [:]
        for site in sites + anchors where unitIndex[site.unitCode] == nil {
            unitIndex[site.unitCode] = Int32(units.count)
            units.append(site.unitCode)
        }

        // Land: every cell whose centre lies in some box.
        var labels = [Int32](repeating: -2, count: columns * rows)  // -2 sea, -1 land not yet labelled
        for box in boxes {
            let c0 = max(0, Int(((box.minLon - bounds.minLon) / cellDegrees - 0.5).rounded(.up)))
            let c1 = min(columns - 1, Int(((box.maxLon - bounds.minLon) / cellDegrees - 0.5).rounded(.down)))
            let r0 = max(0, Int(((box.minLat - bounds.minLat) / cellDegrees - 0.5).rounded(.up)))
            let r1 = min(rows - 1, Int(((box.maxLat - bounds.minLat) / cellDegrees - 0.5).rounded(.down)))
            guard c0 <= c1, r0 <= r1 else { continue }
            for r in r0...r1 { for c in c0...c1 { labels[r * columns + c] = -1 } }
        }

        // Nearest site, through the Voronoi diagram of the sites over the whole grid.
        let frame = BoundingBox(
            minLat: bounds.minLat, minLon: bounds.minLon,
            maxLat: bounds.minLat + Double(rows) * cellDegrees,
            maxLon: bounds.minLon + Double(columns) * cellDegrees)
        let outline = try! Ring(closing: [  // a rectangle of non-zero size is always a valid ring
            GeoPoint(lat: frame.minLat, lon: frame.minLon), GeoPoint(lat: frame.minLat, lon: frame.maxLon),
            GeoPoint(lat: frame.maxLat, lon: frame.maxLon), GeoPoint(lat: frame.maxLat, lon: frame.minLon)
        ])
        let voronoi = VoronoiDiagram(sites: sites.map { ($0.unitCode, $0.point) }, outline: outline)
        let index = PolygonIndex(voronoi.regions(), gridSize: 512)
        for r in 0..<rows {
            let lat = bounds.minLat + (Double(r) + 0.5) * cellDegrees
            for c in 0..<columns where labels[r * columns + c] == -1 {
                let point = GeoPoint(lat: lat, lon: bounds.minLon + (Double(c) + 0.5) * cellDegrees)
                labels[r * columns + c] = index.locate(point).flatMap { unitIndex[$0] } ?? -2
            }
        }
        for anchor in anchors {
            let c = Int((anchor.point.lon - bounds.minLon) / cellDegrees)
            let r = Int((anchor.point.lat - bounds.minLat) / cellDegrees)
            if (0..<columns).contains(c), (0..<rows).contains(r), let unit = unitIndex[anchor.unitCode] {
                labels[r * columns + c] = unit
            }
        }

        let traced = GridTracer(labels: labels, columns: columns, rows: rows, unitCount: units.count).trace()
        func geo(_ vertex: GridVertex) -> GeoPoint {
            GeoPoint(lat: bounds.minLat + Double(vertex.row) * cellDegrees, lon: bounds.minLon + Double(vertex.column) * cellDegrees)
        }
        var result: [(String, MultiPolygon)] = []
        for (unit, rings) in traced.enumerated() where !rings.isEmpty {
            var outers: [(ring: Ring, holes: [Ring])] = []
            var holes: [(ring: Ring, probe: GeoPoint)] = []
            for traced in rings {
                guard let ring = try? Ring(closing: traced.vertices.map(geo)) else { continue }
                if ring.isCounterClockwise {
                    outers.append((ring, []))
                } else {
                    // A point a quarter cell to the left of the first edge is inside the unit's
                    // own cell next to the hole, hence strictly inside the enclosing outer ring.
                    let a = traced.vertices[0], b = traced.vertices[1]
                    let mid = GeoPoint(lat: (geo(a).lat + geo(b).lat) / 2, lon: (geo(a).lon + geo(b).lon) / 2)
                    // The edge may span a merged straight run: only its direction matters.
                    let leftLat = Double((b.column - a.column).signum()), leftLon = -Double((b.row - a.row).signum())
                    holes.append((ring, GeoPoint(lat: mid.lat + leftLat * cellDegrees / 4, lon: mid.lon + leftLon * cellDegrees / 4)))
                }
            }
            for hole in holes {
                // The smallest outer ring around the probe: an island inside a lake inside the unit.
                let candidates = outers.indices.filter { outers[$0].ring.contains(hole.probe) }
                if let best = candidates.min(by: { outers[$0].ring.areaKm2 < outers[$1].ring.areaKm2 }) {
                    outers[best].holes.append(hole.ring)
                }
            }
            result.append((units[unit], MultiPolygon(outers.map { Polygon(outer: $0.ring, holes: $0.holes) })))
        }
        return result
    }
}

struct GridVertex: Hashable {
    let column: Int
    let row: Int
}

/// Turns a labelled grid into closed rings per label, with the label's cells on the left of
/// every edge: outer rings run counter-clockwise, holes clockwise. Where two cells of a label
/// touch only at a corner, the walk turns left, so each ring goes round its own cell and rings
/// meet at that corner without crossing. Straight runs of edges become one edge.
struct GridTracer {
    struct TracedRing { let vertices: [GridVertex] }

    let labels: [Int32]
    let columns: Int
    let rows: Int
    let unitCount: Int

    private func label(_ row: Int, _ column: Int) -> Int32 {
        guard row >= 0, row < rows, column >= 0, column < columns else { return -2 }
        return labels[row * columns + column]
    }

    /// Directions 0 east, 1 north, 2 west, 3 south; a left turn adds one.
    private static let steps = [(1, 0), (0, 1), (-1, 0), (0, -1)]

    func trace() -> [[TracedRing]] {
        // Edges per unit, keyed by start vertex: (start, direction).
        var edges = [[Int: [Int]]](repeating: [:], count: unitCount)
        let stride = columns + 1
        for r in 0..<rows {
            for c in 0..<columns {
                let own = labels[r * columns + c]
                guard own >= 0 else { continue }
                let unit = Int(own)
                if label(r - 1, c) != own { edges[unit][r * stride + c, default: []].append(0) }  // south side, eastward
                if label(r, c + 1) != own { edges[unit][r * stride + c + 1, default: []].append(1) }  // east side, northward
                if label(r + 1, c) != own { edges[unit][(r + 1) * stride + c + 1, default: []].append(2) }  // north side, westward
                if label(r, c - 1) != own { edges[unit][(r + 1) * stride + c, default: []].append(3) }  // west side, southward
            }
        }
        return edges.map { trace(edges: $0, stride: stride) }
    }

    private func trace(edges unitEdges: [Int: [Int]], stride: Int) -> [TracedRing] {
        var remaining = unitEdges
        var rings: [TracedRing] = []
        for start in unitEdges.keys.sorted() {
            while let direction = remaining[start]?.first {
                var vertices: [GridVertex] = []
                var key = start
                var heading = direction
                remaining[key]!.removeFirst()
                var previousHeading = -1
                repeat {
                    if heading != previousHeading { vertices.append(GridVertex(column: key % stride, row: key / stride)) }
                    previousHeading = heading
                    let step = Self.steps[heading]
                    key += step.0 + step.1 * stride
                    if key == start { break }
                    guard var outgoing = remaining[key], !outgoing.isEmpty else { break }
                    // Prefer left, then straight, then right.
                    let choice = [(heading + 1) % 4, heading, (heading + 3) % 4].first { outgoing.contains($0) } ?? outgoing[0]
                    outgoing.remove(at: outgoing.firstIndex(of: choice)!)
                    remaining[key] = outgoing
                    heading = choice
                } while true
                if vertices.count >= 3 { rings.append(TracedRing(vertices: vertices)) }
            }
        }
        return rings
    }
}
