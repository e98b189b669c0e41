import Foundation

/// A point in a flat local frame, in metres east (`x`) and north (`y`) of the frame's origin.
struct PlanePoint: Sendable, Hashable {
    var x: Double
    var y: Double

    static func - (a: PlanePoint, b: PlanePoint) -> PlanePoint { PlanePoint(x: a.x - b.x, y: a.y - b.y) }
    static func + (a: PlanePoint, b: PlanePoint) -> PlanePoint { PlanePoint(x: a.x + b.x, y: a.y + b.y) }
    static func * (a: PlanePoint, k: Double) -> PlanePoint { PlanePoint(x: a.x * k, y: a.y * k) }
    func dot(_ other: PlanePoint) -> Double { x * other.x + y * other.y }
    func cross(_ other: PlanePoint) -> Double { x * other.y - y * other.x }
    var lengthSquared: Double { x * x + y * y }
}

/// Equirectangular projection at one reference latitude: x = Δlon·cos(lat₀), y = Δlat, scaled to
/// metres. It is linear in longitude and latitude, so a straight line here is a straight line
/// in degrees — the same edges the even-odd test walks — and over one city (about 1° across)
/// distances are off by well under 1 %, which is enough for bisectors and "within 200 m".
struct LocalPlane: Sendable {
    let origin: GeoPoint
    let metresPerDegreeLon: Double
    let metresPerDegreeLat: Double

    init(origin: GeoPoint) {
        self.origin = origin
        metresPerDegreeLat = GeoPoint.metresPerDegree
        metresPerDegreeLon = GeoPoint.metresPerDegree * cos(origin.lat * Double.pi / 180)
    }

    func project(_ point: GeoPoint) -> PlanePoint {
        PlanePoint(x: (point.lon - origin.lon) * metresPerDegreeLon, y: (point.lat - origin.lat) * metresPerDegreeLat)
    }

    func unproject(_ point: PlanePoint) -> GeoPoint {
        GeoPoint(lat: origin.lat + point.y / metresPerDegreeLat, lon: origin.lon + point.x / metresPerDegreeLon)
    }

    /// Distance in metres from `point` to the segment a–b, all measured in this plane.
    func distance(from point: GeoPoint, toSegment a: GeoPoint, _ b: GeoPoint) -> Double {
        let p = project(point), pa = project(a), pb = project(b)
        let ab = pb - pa
        let lengthSquared = ab.lengthSquared
        var t = lengthSquared > 0 ? (p - pa).dot(ab) / lengthSquared : 0
        t = min(1, max(0, t))
        return (p - (pa + ab * t)).lengthSquared.squareRoot()
    }
}
