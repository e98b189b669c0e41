/// Keeps the part of a convex polygon where `normal·p ≤ limit` (one Sutherland–Hodgman pass).
/// Clipping a convex polygon by a half-plane leaves it convex, which is what lets a Voronoi cell
/// be built as the intersection of half-planes one at a time.
func clip(_ polygon: [PlanePoint], keepingWhere normal: PlanePoint, atMost limit: Double) -> [PlanePoint] {
    guard !polygon.isEmpty else { return [] }
    var result: [PlanePoint] = []
    result.reserveCapacity(polygon.count + 1)
    // Start from the last vertex so the closing edge (last → first) is clipped like the others.
    var current = polygon[polygon.count - 1]
    var currentValue = normal.dot(current) - limit
    for next in polygon {
        let nextValue = normal.dot(next) - limit
        if currentValue <= 0 { result.append(current) }
        if (currentValue < 0 && nextValue > 0) || (currentValue > 0 && nextValue < 0) {
            let t = currentValue / (currentValue - nextValue)
            result.append(current + (next - current) * t)
        }
        current = next
        currentValue = nextValue
    }
    return result
}

/// Whether the segment a–b touches the closed rectangle [minX, maxX] × [minY, maxY]
/// (Liang–Barsky: shrink the segment's parameter range against each side in turn).
func segmentTouchesRectangle(
    ax: Double, ay: Double, bx: Double, by: Double,
    minX: Double, minY: Double, maxX: Double, maxY: Double
) -> Bool {
    var t0 = 0.0, t1 = 1.0
    let dx = bx - ax, dy = by - ay
    func narrow(_ p: Double, _ q: Double) -> Bool {
        if p == 0 { return q >= 0 }
        let r = q / p
        if p < 0 {
            if r > t1 { return false }
            if r > t0 { t0 = r }
        } else {
            if r < t0 { return false }
            if r < t1 { t1 = r }
        }
        return true
    }
    return narrow(-dx, ax - minX) && narrow(dx, maxX - ax) && narrow(-dy, ay - minY) && narrow(dy, maxY - ay)
}
