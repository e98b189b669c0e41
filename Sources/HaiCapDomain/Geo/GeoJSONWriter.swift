import Foundation

extension GeoJSON {
    /// Writes features as a FeatureCollection (RFC 7946: outer rings counter-clockwise, holes
    /// clockwise, positions `[lon, lat]`), with string properties. Coordinates keep 6 decimals,
    /// about 10 cm, which is finer than any boundary survey; `exact` writes every digit, for a
    /// comparison that must see the very same edges (the routing benchmark's baseline).
    public static func featureCollection(_ features: [GeoFeature], exact: Bool = false) -> String {
        var out = "{\"type\":\"FeatureCollection\",\"features\":["
        for (index, feature) in features.enumerated() {
            if index > 0 { out += "," }
            out += "{\"type\":\"Feature\","
            if let id = feature.id { out += "\"id\":\(quoted(id))," }
            out += "\"properties\":{"
            out += feature.properties.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(quoted($0.value))" }.joined(separator: ",")
            out += "},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
            out += feature.geometry.polygons.map { polygon in
                "["
                    + ([polygon.outer.isCounterClockwise ? polygon.outer : polygon.outer.reversed]
                    + polygon.holes.map { $0.isCounterClockwise ? $0.reversed : $0 })
                    .map { ring in
                        "[" + ring.points.map { "[\(coordinate($0.lon, exact: exact)),\(coordinate($0.lat, exact: exact))]" }.joined(separator: ",")
                            + "]"
                    }
                    .joined(separator: ",") + "]"
            }.joined(separator: ",")
            out += "]}}"
        }
        out += "]}"
        return out
    }

    /// Swift prints the shortest text that reads back to the same Double: a valid JSON number.
    static func coordinate(_ value: Double, exact: Bool) -> String { exact ? "\(value)" : "\((value * 1e6).rounded() / 1e6 + 0)" }

    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
