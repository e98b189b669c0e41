import Foundation

/// The city's unit areas as the rest of the system sees them: each unit's shape, one spatial
/// index, and whether the shapes are official or derived (then every map and every routing
/// answer says "ranh giới gần đúng").
public struct Geography: Sendable {
    public let shapes: [(code: String, shape: MultiPolygon)]
    public let isApproximate: Bool
    /// Where the shapes came from, for people: a file name and date, or the derivation.
    public let source: String
    public let index: PolygonIndex<String>
    private let byCode: [String: MultiPolygon]

    public init(shapes: [(code: String, shape: MultiPolygon)], isApproximate: Bool, source: String) {
        self.shapes = shapes
        self.isApproximate = isApproximate
        self.source = source
        index = PolygonIndex(shapes.map { ($0.code, $0.shape) })
        byCode = Dictionary(shapes.map { ($0.code, $0.shape) }, uniquingKeysWith: { first, _ in first })
    }

    /// The unit containing a point, or nil (the sea, another province, a bad position).
    public func unit(at point: GeoPoint) -> String? { index.locate(point) }

    public func shape(of code: String) -> MultiPolygon? { byCode[code] }

    public var bounds: BoundingBox? { index.bounds }

    /// Every ring point of every unit (closing points included), a measure of the boundaries' detail.
    public var vertexCount: Int {
        shapes.reduce(0) { $0 + $1.shape.polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.points.count } } }
    }

    public static let approximateNotice = "Ranh giới gần đúng"
}
