import Foundation

/// A position on a drawing, in pixels from the top-left corner (SVG's convention: y grows down).
public struct PixelPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Maps longitude/latitude to pixels for maps drawn on the server, and back for click-to-place.
///
/// Equirectangular at the centre latitude of the box: x ∝ lon·cos(lat₀), y ∝ −lat. Over one
/// city it is visually indistinguishable from Web Mercator, keeps straight edges straight (so a
/// ring drawn as an SVG path is exactly the ring that `contains` tests), and its inverse is
/// exact, which a click handler needs. The map keeps its aspect ratio: it is scaled to fit
/// inside the padded frame and centred in the other direction.
public struct Projection: Sendable, Hashable {
    public let bounds: BoundingBox
    public let width: Double
    public let height: Double
    public let padding: Double
    /// The latitude whose cosine squeezes longitude (the centre of `bounds`).
    public let referenceLatitude: Double
    /// Pixels per degree of latitude; a degree of longitude is this times cos(referenceLatitude).
    public let pixelsPerDegree: Double
    private let lonFactor: Double
    private let offsetX: Double
    private let offsetY: Double

    /// - Parameters:
    ///   - bounds: the area that must be visible, e.g. the city's bounding box.
    ///   - padding: pixels kept free on every side, for strokes and labels.
    public init(fitting bounds: BoundingBox, width: Double, height: Double, padding: Double = 0) {
        self.bounds = bounds
        self.width = width
        self.height = height
        self.padding = padding
        referenceLatitude = (bounds.minLat + bounds.maxLat) / 2
        lonFactor = cos(referenceLatitude * Double.pi / 180)
        let spanX = bounds.widthDegrees * lonFactor
        let spanY = bounds.heightDegrees
        let frameWidth = max(0, width - 2 * padding), frameHeight = max(0, height - 2 * padding)
        // A box of zero width or height (one point, one meridian) is fitted along the other
        // side; a single point gets an arbitrary but usable scale.
        let scales = [spanX > 0 ? frameWidth / spanX : nil, spanY > 0 ? frameHeight / spanY : nil].compactMap { $0 }
        let scale = scales.min() ?? 1
        pixelsPerDegree = scale > 0 ? scale : 1
        offsetX = padding + (frameWidth - spanX * pixelsPerDegree) / 2
        offsetY = padding + (frameHeight - spanY * pixelsPerDegree) / 2
    }

    public func pixel(_ point: GeoPoint) -> PixelPoint {
        PixelPoint(
            x: offsetX + (point.lon - bounds.minLon) * lonFactor * pixelsPerDegree,
            y: offsetY + (bounds.maxLat - point.lat) * pixelsPerDegree)
    }

    /// The inverse of `pixel(_:)`. Pixels outside the map give points outside `bounds`; check
    /// `isValid` or the city outline before using them.
    public func point(at pixel: PixelPoint) -> GeoPoint {
        GeoPoint(
            lat: bounds.maxLat - (pixel.y - offsetY) / pixelsPerDegree,
            lon: bounds.minLon + (pixel.x - offsetX) / (lonFactor * pixelsPerDegree))
    }

    /// SVG path data ("M x y L … Z" per ring) for a shape. Holes are separate subpaths, so draw
    /// with `fill-rule="evenodd"`, the rule `contains` uses. Coordinates are rounded to
    /// `decimals` places (0…4): 1 is a tenth of a pixel, invisible, and keeps a 168-unit map small.
    public func svgPath(_ shape: MultiPolygon, decimals: Int = 1) -> String {
        shape.polygons.map { svgPath($0, decimals: decimals) }.joined(separator: " ")
    }

    public func svgPath(_ polygon: Polygon, decimals: Int = 1) -> String {
        ([polygon.outer] + polygon.holes).map { svgPath($0, decimals: decimals) }.joined(separator: " ")
    }

    public func svgPath(_ ring: Ring, decimals: Int = 1) -> String {
        var parts: [String] = []
        parts.reserveCapacity(ring.points.count * 3)
        for (index, point) in ring.corners.enumerated() {
            let pixel = pixel(point)
            parts.append(index == 0 ? "M" : "L")
            parts.append(Projection.format(pixel.x, decimals: decimals))
            parts.append(Projection.format(pixel.y, decimals: decimals))
        }
        parts.append("Z")
        return parts.joined(separator: " ")
    }

    /// Shortest text for the rounded value: "12", "12.5", never "-0" or exponents.
    static func format(_ value: Double, decimals: Int) -> String {
        let places = min(4, max(0, decimals))  // 0.0001 is the smallest fraction printed without an exponent
        let factor = pow(10, Double(places))
        let rounded = (value * factor).rounded() / factor + 0  // + 0 turns −0 into 0
        guard rounded.isFinite, abs(rounded) < 1e12 else { return "0" }
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        return "\(rounded)"
    }
}
