import Foundation

/// A latitude/longitude rectangle, used to reject far-away shapes cheaply before exact tests.
/// Boxes never wrap across the ±180° meridian: Việt Nam is nowhere near it.
public struct BoundingBox: Sendable, Hashable, Codable {
    public var minLat: Double
    public var minLon: Double
    public var maxLat: Double
    public var maxLon: Double

    public init(minLat: Double, minLon: Double, maxLat: Double, maxLon: Double) {
        self.minLat = minLat
        self.minLon = minLon
        self.maxLat = maxLat
        self.maxLon = maxLon
    }

    /// The smallest box holding every point; `nil` for no points, since an empty box has no
    /// sensible corners.
    public init?(points: some Sequence<GeoPoint>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(minLat: first.lat, minLon: first.lon, maxLat: first.lat, maxLon: first.lon)
        while let p = iterator.next() {
            box.minLat = min(box.minLat, p.lat)
            box.maxLat = max(box.maxLat, p.lat)
            box.minLon = min(box.minLon, p.lon)
            box.maxLon = max(box.maxLon, p.lon)
        }
        self = box
    }

    /// A box of zero size around one point, to be grown with `expanded(byMetres:)`.
    public init(around point: GeoPoint) {
        self.init(minLat: point.lat, minLon: point.lon, maxLat: point.lat, maxLon: point.lon)
    }

    public var widthDegrees: Double { maxLon - minLon }
    public var heightDegrees: Double { maxLat - minLat }
    public var centre: GeoPoint { GeoPoint(lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2) }

    /// Edges count as inside, so a point on the border of a shape is never rejected by its box.
    public func contains(_ point: GeoPoint) -> Bool {
        point.lat >= minLat && point.lat <= maxLat && point.lon >= minLon && point.lon <= maxLon
    }

    public func contains(_ other: BoundingBox) -> Bool {
        other.minLat >= minLat && other.maxLat <= maxLat && other.minLon >= minLon && other.maxLon <= maxLon
    }

    /// Boxes that only touch along an edge or a corner intersect.
    public func intersects(_ other: BoundingBox) -> Bool {
        minLat <= other.maxLat && other.minLat <= maxLat && minLon <= other.maxLon && other.minLon <= maxLon
    }

    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            minLat: min(minLat, other.minLat), minLon: min(minLon, other.minLon),
            maxLat: max(maxLat, other.maxLat), maxLon: max(maxLon, other.maxLon))
    }

    /// Grows the box by at least `metres` on every side, e.g. for "anything within 500 m".
    /// Longitude is widened using the latitude of the box nearest a pole, where a degree of
    /// longitude is shortest, so the margin is never less than asked. Latitudes are clamped
    /// to ±90; near a pole the longitude range becomes the whole circle.
    public func expanded(byMetres metres: Double) -> BoundingBox {
        let dLat = metres / GeoPoint.metresPerDegree
        let newMinLat = max(-90, minLat - dLat)
        let newMaxLat = min(90, maxLat + dLat)
        let extremeLat = max(abs(newMinLat), abs(newMaxLat))
        let cosine = cos(extremeLat * Double.pi / 180)
        let dLon = cosine > 1e-9 ? metres / (GeoPoint.metresPerDegree * cosine) : 360
        return BoundingBox(
            minLat: newMinLat, minLon: max(-180, minLon - dLon),
            maxLat: newMaxLat, maxLon: min(180, maxLon + dLon))
    }
}
