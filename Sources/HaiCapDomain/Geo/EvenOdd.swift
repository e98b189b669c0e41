/// The one crossing test behind every point-in-polygon answer in this module.
///
/// It asks whether the edge a→b crosses the horizontal ray that starts at (lat, lon) and goes
/// east. The half-open rule — an edge counts only if exactly one end is strictly north of the
/// point — makes a ray through a vertex count once, not twice, and gives a point on an edge
/// shared by two neighbouring shapes to exactly one of them. `Ring`, `Polygon` and
/// `PolygonIndex` all call this same function, with the same arguments in the same order, so
/// the fast index can never disagree with the plain test because of rounding.
@inline(__always)
func edgeCrossesEastRay(
    aLat: Double, aLon: Double, bLat: Double, bLon: Double,
    lat: Double, lon: Double
) -> Bool {
    guard (aLat > lat) != (bLat > lat) else { return false }
    let crossingLon = aLon + (lat - aLat) / (bLat - aLat) * (bLon - aLon)
    return lon < crossingLon
}

/// Parity of crossings between the eastward ray from `point` and the edges of one closed ring.
@inline(__always)
func ringParity(_ points: [GeoPoint], _ point: GeoPoint) -> Bool {
    var inside = false
    var a = points[0]
    for index in 1..<points.count {
        let b = points[index]
        if edgeCrossesEastRay(aLat: a.lat, aLon: a.lon, bLat: b.lat, bLon: b.lon, lat: point.lat, lon: point.lon) {
            inside.toggle()
        }
        a = b
    }
    return inside
}
