/// Why a GeoJSON file was refused, precise enough for the person who prepared the file to find
/// the spot. Indices are 0-based in the cases (they index the arrays in the file) and 1-based
/// in the Vietnamese `message` ("Đối tượng thứ 1" is the first feature).
public enum GeoJSONError: Error, Sendable, Hashable {
    /// Which ring of a feature's geometry: `polygon` is `nil` for a Polygon geometry and the
    /// part number for a MultiPolygon; `ring` 0 is the outer ring, 1… are the holes.
    public struct RingPath: Sendable, Hashable {
        public var polygon: Int?
        public var ring: Int

        public init(polygon: Int?, ring: Int) {
            self.polygon = polygon
            self.ring = ring
        }

        /// "vòng ngoài", "lỗ thứ 2", "đa giác thứ 3, vòng ngoài".
        public var vietnamese: String {
            let name = ring == 0 ? "vòng ngoài" : "lỗ thứ \(ring)"
            guard let polygon else { return name }
            return "đa giác thứ \(polygon + 1), \(name)"
        }
    }

    /// The bytes are not JSON at all.
    case invalidJSON
    /// The top level is not a FeatureCollection, Feature, Polygon or MultiPolygon.
    case unsupportedRoot(type: String?)
    /// A FeatureCollection without a `features` array.
    case missingFeatures
    /// An element of `features` is not an object of type "Feature".
    case notAFeature(feature: Int)
    /// The feature's geometry is absent or null; every unit must have an area.
    case missingGeometry(feature: Int)
    /// Points and lines cannot hold other points.
    case unsupportedGeometry(feature: Int, type: String)
    case missingCoordinates(feature: Int)
    /// `coordinates` (or, with `polygon`, that part of a MultiPolygon) is not an array of rings.
    case malformedCoordinates(feature: Int, polygon: Int?)
    /// A geometry with no polygon, or a polygon with no ring.
    case emptyGeometry(feature: Int, polygon: Int?)
    /// A ring is not an array of positions.
    case malformedRing(feature: Int, ring: RingPath)
    /// A position is not an array starting with two finite numbers [longitude, latitude].
    case malformedPosition(feature: Int, ring: RingPath, point: Int)
    /// The positions are there but do not make a valid ring.
    case invalidRing(feature: Int, ring: RingPath, problem: RingError)

    /// The problem in Vietnamese, for the person uploading the file.
    public var message: String {
        switch self {
        case .invalidJSON:
            return "Tệp không phải JSON hợp lệ."
        case .unsupportedRoot(let type):
            let found = type.map { " (gặp “\($0)”)" } ?? ""
            return "Tệp không phải GeoJSON được hỗ trợ: cần FeatureCollection, Feature, Polygon hoặc MultiPolygon\(found)."
        case .missingFeatures:
            return "FeatureCollection thiếu danh sách đối tượng (features)."
        case .notAFeature(let feature):
            return "Đối tượng thứ \(feature + 1): không phải Feature."
        case .missingGeometry(let feature):
            return "Đối tượng thứ \(feature + 1): thiếu hình học (geometry)."
        case .unsupportedGeometry(let feature, let type):
            return "Đối tượng thứ \(feature + 1): kiểu hình học “\(type)” không được hỗ trợ, chỉ nhận Polygon hoặc MultiPolygon."
        case .missingCoordinates(let feature):
            return "Đối tượng thứ \(feature + 1): thiếu toạ độ (coordinates)."
        case .malformedCoordinates(let feature, let polygon):
            let part = polygon.map { "đa giác thứ \($0 + 1) " } ?? "toạ độ "
            return "Đối tượng thứ \(feature + 1): \(part)không đúng cấu trúc (cần mảng các vòng, mỗi vòng là mảng các điểm [kinh độ, vĩ độ])."
        case .emptyGeometry(let feature, let polygon):
            let what = polygon.map { "đa giác thứ \($0 + 1) không có vòng nào" } ?? "hình học không có đa giác nào"
            return "Đối tượng thứ \(feature + 1): \(what)."
        case .malformedRing(let feature, let ring):
            return "Đối tượng thứ \(feature + 1): \(ring.vietnamese) không phải mảng các điểm [kinh độ, vĩ độ]."
        case .malformedPosition(let feature, let ring, let point):
            return "Đối tượng thứ \(feature + 1): điểm thứ \(point + 1) của \(ring.vietnamese) không phải cặp số [kinh độ, vĩ độ]."
        case .invalidRing(let feature, let ring, let problem):
            return "Đối tượng thứ \(feature + 1): \(ring.vietnamese) \(problem.phrase)."
        }
    }
}

extension GeoJSONError: HaiCapError {
    public var kind: ErrorKind { .invalid }

    public var code: String {
        switch self {
        case .invalidJSON: "geojson.invalid_json"
        case .unsupportedRoot, .missingFeatures, .notAFeature: "geojson.structure"
        case .missingGeometry, .unsupportedGeometry: "geojson.geometry"
        case .missingCoordinates, .malformedCoordinates, .emptyGeometry, .malformedRing, .malformedPosition:
            "geojson.coordinates"
        case .invalidRing: "geojson.ring"
        }
    }
}
