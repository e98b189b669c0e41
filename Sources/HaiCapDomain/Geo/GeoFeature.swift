/// One area read from a GeoJSON file: its shape and its properties as text.
///
/// Properties are flattened to strings (numbers as written, `true`/`false`) because boundary
/// files disagree on whether a unit code is `79` or `"79"`; `null`, arrays and objects are left
/// out, as nothing in HaiCap reads nested properties.
public struct GeoFeature: Sendable, Hashable {
    /// The feature's `id` member, if any, as text.
    public var id: String?
    public var properties: [String: String]
    /// A Polygon is read as a MultiPolygon of one part, so callers handle one shape type.
    public var geometry: MultiPolygon

    public init(id: String? = nil, properties: [String: String] = [:], geometry: MultiPolygon) {
        self.id = id
        self.properties = properties
        self.geometry = geometry
    }
}
