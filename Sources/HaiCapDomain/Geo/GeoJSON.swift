import Foundation

/// Reads administrative boundaries from GeoJSON (RFC 7946), the format the open boundary
/// datasets and QGIS exports use. Only areas are accepted — Polygon and MultiPolygon — since
/// the callers route points into areas. Rings must be written closed, as the RFC requires; a
/// file that is not is refused rather than repaired, because it usually means the export was
/// cut short.
public enum GeoJSON {
    /// Accepts a FeatureCollection, a single Feature, or a bare Polygon/MultiPolygon geometry
    /// (read as one feature without properties). Stops at the first problem, naming the
    /// feature, the ring and the point.
    public static func features(from data: Data) throws(GeoJSONError) -> [GeoFeature] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .invalidJSON
        }
        guard let object = root as? [String: Any] else { throw .unsupportedRoot(type: nil) }
        let type = object["type"] as? String
        switch type {
        case "FeatureCollection":
            guard let list = object["features"] as? [Any] else { throw .missingFeatures }
            var features: [GeoFeature] = []
            features.reserveCapacity(list.count)
            for (index, element) in list.enumerated() {
                features.append(try feature(element, index: index))
            }
            return features
        case "Feature":
            return [try feature(object, index: 0)]
        case "Polygon", "MultiPolygon":
            return [GeoFeature(geometry: try geometry(object, feature: 0))]
        default:
            throw .unsupportedRoot(type: type)
        }
    }

    private static func feature(_ value: Any, index: Int) throws(GeoJSONError) -> GeoFeature {
        guard let object = value as? [String: Any], object["type"] as? String == "Feature" else {
            throw .notAFeature(feature: index)
        }
        guard let geometryObject = object["geometry"] as? [String: Any] else {
            throw .missingGeometry(feature: index)
        }
        var properties: [String: String] = [:]
        for (key, value) in object["properties"] as? [String: Any] ?? [:] {
            if let text = scalarText(value) { properties[key] = text }
        }
        return GeoFeature(
            id: object["id"].flatMap(scalarText), properties: properties,
            geometry: try geometry(geometryObject, feature: index))
    }

    private static func geometry(_ object: [String: Any], feature: Int) throws(GeoJSONError) -> MultiPolygon {
        let type = object["type"] as? String
        guard type == "Polygon" || type == "MultiPolygon" else {
            throw .unsupportedGeometry(feature: feature, type: type ?? "")
        }
        guard let coordinates = object["coordinates"], !(coordinates is NSNull) else {
            throw .missingCoordinates(feature: feature)
        }
        guard let list = coordinates as? [Any] else { throw .malformedCoordinates(feature: feature, polygon: nil) }
        if type == "Polygon" {
            return MultiPolygon(try polygon(list, feature: feature, part: nil))
        }
        guard !list.isEmpty else { throw .emptyGeometry(feature: feature, polygon: nil) }
        var polygons: [Polygon] = []
        polygons.reserveCapacity(list.count)
        for (part, element) in list.enumerated() {
            guard let rings = element as? [Any] else { throw .malformedCoordinates(feature: feature, polygon: part) }
            polygons.append(try polygon(rings, feature: feature, part: part))
        }
        return MultiPolygon(polygons)
    }

    private static func polygon(_ rings: [Any], feature: Int, part: Int?) throws(GeoJSONError) -> Polygon {
        guard !rings.isEmpty else { throw .emptyGeometry(feature: feature, polygon: part) }
        var parsed: [Ring] = []
        parsed.reserveCapacity(rings.count)
        for (index, value) in rings.enumerated() {
            let path = GeoJSONError.RingPath(polygon: part, ring: index)
            guard let positions = value as? [Any] else { throw .malformedRing(feature: feature, ring: path) }
            var points: [GeoPoint] = []
            points.reserveCapacity(positions.count)
            for (number, position) in positions.enumerated() {
                guard let pair = position as? [Any], pair.count >= 2,
                    let lon = finiteNumber(pair[0]), let lat = finiteNumber(pair[1])
                else {
                    throw .malformedPosition(feature: feature, ring: path, point: number)
                }
                points.append(GeoPoint(lat: lat, lon: lon))  // GeoJSON writes longitude first
            }
            do {
                parsed.append(try Ring(points))
            } catch {
                throw .invalidRing(feature: feature, ring: path, problem: error)
            }
        }
        return Polygon(outer: parsed[0], holes: Array(parsed.dropFirst()))
    }

    /// JSONSerialization returns booleans as NSNumber too (on Linux a number even casts to
    /// Bool); the Objective-C type code "c" is the one reliable way to tell them apart.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        let code = String(cString: number.objCType)
        return code == "c" || code == "B"
    }

    private static func finiteNumber(_ value: Any) -> Double? {
        guard let number = value as? NSNumber, !isBoolean(number) else { return nil }
        let double = number.doubleValue
        return double.isFinite ? double : nil
    }

    /// Strings as they are, numbers as written (integers without ".0"), booleans as
    /// "true"/"false"; nil for null, arrays and objects.
    private static func scalarText(_ value: Any) -> String? {
        if let text = value as? String { return text }
        guard let number = value as? NSNumber else { return nil }
        if isBoolean(number) { return number.boolValue ? "true" : "false" }
        switch String(cString: number.objCType) {
        case "d", "f":
            let double = number.doubleValue
            if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
            return "\(double)"
        case "Q", "L", "I", "S", "C":
            return String(number.uint64Value)
        default:
            return String(number.int64Value)
        }
    }
}
