import Foundation

/// A closed linear ring: the boundary of one area, with edges drawn as straight lines in
/// longitude/latitude (as GeoJSON files and our equirectangular maps draw them). The first
/// point is repeated at the end, as in GeoJSON, so a ring of a triangle holds 4 points.
///
/// Rings are validated once when built, so every later answer (containment, area, centroid)
/// can assume at least three corners, a closed loop, and a non-zero area.
public struct Ring: Sendable, Hashable {
    /// The points, closed: `points.first == points.last`, at least 4 of them.
    public let points: [GeoPoint]
    /// Kept with the ring because every containment test starts by checking it.
    public let bbox: BoundingBox

    /// Takes the points exactly as given: a ring that is not closed is an error, because a file
    /// that forgot its closing point may also have lost others.
    public init(_ points: [GeoPoint]) throws(RingError) {
        for (index, point) in points.enumerated() where !point.isValid {
            throw .coordinateOutOfRange(point: index)
        }
        guard points.count >= 4 else { throw .tooFewPoints(count: points.count) }
        guard points[0] == points[points.count - 1] else { throw .notClosed }
        guard let box = BoundingBox(points: points) else { throw .tooFewPoints(count: 0) }
        let span = max(box.widthDegrees, box.heightDegrees)
        let twiceArea = Ring.planarMoments(points, origin: points[0]).twiceArea
        // Relative threshold: collinear points give a rounding residue, not an exact zero.
        guard span > 0, abs(twiceArea) > 1e-12 * span * span else { throw .zeroArea }
        self.points = points
        self.bbox = box
    }

    /// Normalises points built by code (drawn on a map, clipped, generated): repeated
    /// consecutive points are dropped and the ring is closed if it was not, then validated.
    public init(closing points: [GeoPoint]) throws(RingError) {
        var cleaned: [GeoPoint] = []
        cleaned.reserveCapacity(points.count + 1)
        for point in points where cleaned.last != point { cleaned.append(point) }
        if let first = cleaned.first, cleaned.count > 1, cleaned[cleaned.count - 1] != first {
            cleaned.append(first)
        }
        try self.init(cleaned)
    }

    /// The distinct corners, without the repeated closing point.
    public var corners: ArraySlice<GeoPoint> { points.dropLast() }

    /// Even-odd ray casting. Points exactly on an edge fall on one side by a fixed rule (see
    /// `edgeCrossesEastRay`), so two rings that share an edge never both claim its points.
    public func contains(_ point: GeoPoint) -> Bool {
        bbox.contains(point) && ringParity(points, point)
    }

    /// Counter-clockwise with north up and east right, as RFC 7946 asks of outer rings.
    public var isCounterClockwise: Bool { Ring.planarMoments(points, origin: points[0]).twiceArea > 0 }

    /// The same ring walked the other way.
    public var reversed: Ring { Ring(trusted: points.reversed(), bbox: bbox) }

    /// Area in km², positive when counter-clockwise.
    ///
    /// This is the exact area, on the sphere of radius `GeoPoint.earthRadiusMetres`, of the
    /// region whose edges are straight in longitude/latitude — the same region `contains`
    /// tests. Integrating R²·cos φ dφ dλ by Green's theorem gives, for each edge,
    /// −R²·Δλ·sin(φ_mid)·sinc(Δφ/2); no flat-map approximation is involved. (Geodesic edges
    /// would bulge by centimetres on edges of a few hundred metres, which is below the
    /// precision of any boundary file.)
    public var signedAreaKm2: Double {
        let toRadians = Double.pi / 180
        var sum = 0.0
        var a = points[0]
        for index in 1..<points.count {
            let b = points[index]
            let dLambda = (b.lon - a.lon) * toRadians
            let midPhi = (a.lat + b.lat) / 2 * toRadians
            let halfDPhi = (b.lat - a.lat) / 2 * toRadians
            // sin(h)/h, by its series near 0 where the division would lose precision.
            let sinc = abs(halfDPhi) < 1e-4 ? 1 - halfDPhi * halfDPhi / 6 : sin(halfDPhi) / halfDPhi
            sum += dLambda * sin(midPhi) * sinc
            a = b
        }
        let radius = GeoPoint.earthRadiusMetres
        return -radius * radius * sum / 1_000_000
    }

    public var areaKm2: Double { abs(signedAreaKm2) }

    /// Area-weighted centroid of the ring as drawn on an equirectangular map (the projection
    /// our SVG maps use), so a label placed there sits at the visual centre of mass. It can fall
    /// outside a concave ring.
    public var centroid: GeoPoint {
        Ring.planarMoments(points, origin: points[0]).centroid(origin: points[0])
    }

    /// Every turn goes the same way and the turns add up to one full circle (which rules out a
    /// star that crosses itself). Voronoi clipping relies on this to cut cells by the outline.
    ///
    /// Rounding is tolerated: edges shorter than a billionth of the ring's size are merged into
    /// their neighbours, and turns flatter than 10⁻⁹ rad count as straight, so a clipped cell
    /// with nearly collinear corners is still convex.
    public var isConvex: Bool {
        let span = max(bbox.widthDegrees, bbox.heightDegrees)
        let shortest = span * 1e-9
        var edges: [(x: Double, y: Double)] = []
        var a = points[0]
        for b in points.dropFirst() {
            let dx = b.lon - a.lon, dy = b.lat - a.lat
            // A tiny edge has a meaningless direction: skip it and measure from its start.
            if (dx * dx + dy * dy).squareRoot() > shortest {
                edges.append((x: dx, y: dy))
                a = b
            }
        }
        guard edges.count >= 3 else { return false }
        var sign = 0.0
        var turning = 0.0
        for (index, edge) in edges.enumerated() {
            let next = edges[(index + 1) % edges.count]
            let cross = edge.x * next.y - edge.y * next.x
            let lengths = (edge.x * edge.x + edge.y * edge.y).squareRoot() * (next.x * next.x + next.y * next.y).squareRoot()
            if abs(cross) > 1e-9 * lengths {
                if sign == 0 { sign = cross > 0 ? 1 : -1 } else if (cross > 0) != (sign > 0) { return false }
            }
            turning += atan2(cross, edge.x * next.x + edge.y * next.y)
        }
        return abs(abs(turning) - 2 * Double.pi) < 1e-6
    }

    /// For rings the module built itself from already validated points.
    init(trusted points: [GeoPoint], bbox: BoundingBox) {
        self.points = points
        self.bbox = bbox
    }
}

/// Shoelace sums in degrees, relative to an origin near the shape so that the products stay
/// small and keep their precision (coordinates near 106° would otherwise swamp a 100 m ring).
struct PlanarMoments: Sendable {
    var twiceArea = 0.0
    /// Sums of (x₀+x₁)·cross and (y₀+y₁)·cross: six times the first moments.
    var sixMomentX = 0.0
    var sixMomentY = 0.0

    mutating func add(_ other: PlanarMoments, sign: Double) {
        twiceArea += sign * other.twiceArea
        sixMomentX += sign * other.sixMomentX
        sixMomentY += sign * other.sixMomentY
    }

    /// Moments of the same shape with the orientation made positive.
    var unsigned: PlanarMoments {
        twiceArea >= 0 ? self : PlanarMoments(twiceArea: -twiceArea, sixMomentX: -sixMomentX, sixMomentY: -sixMomentY)
    }

    func centroid(origin: GeoPoint) -> GeoPoint {
        guard twiceArea != 0 else { return origin }
        return GeoPoint(lat: origin.lat + sixMomentY / (3 * twiceArea), lon: origin.lon + sixMomentX / (3 * twiceArea))
    }
}

extension Ring {
    static func planarMoments(_ points: [GeoPoint], origin: GeoPoint) -> PlanarMoments {
        var moments = PlanarMoments()
        var x0 = points[0].lon - origin.lon, y0 = points[0].lat - origin.lat
        for index in 1..<points.count {
            let x1 = points[index].lon - origin.lon, y1 = points[index].lat - origin.lat
            let cross = x0 * y1 - x1 * y0
            moments.twiceArea += cross
            moments.sixMomentX += (x0 + x1) * cross
            moments.sixMomentY += (y0 + y1) * cross
            x0 = x1
            y0 = y1
        }
        return moments
    }

    func planarMoments(origin: GeoPoint) -> PlanarMoments { Ring.planarMoments(points, origin: origin) }
}
