import Foundation
import HaiCapDomain

/// Reads the reference data shipped in the package (copied unchanged from the city's GSO-derived lists).
public enum ReferenceFiles {
    public struct LoadError: Error, CustomStringConvertible {
        public let file: String
        public let message: String
        public var description: String { "\(file): \(message)" }
    }

    static func table(_ name: String) throws -> CSVTable {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "seed") else {
            throw LoadError(file: name, message: "không có trong gói phần mềm")
        }
        do {
            return try CSVTable(text: String(contentsOf: url, encoding: .utf8))
        } catch {
            throw LoadError(file: name, message: "\(error)")
        }
    }

    /// Parses the three files into domain values; any malformed row stops the load with its line.
    public static func load() throws -> ReferenceData {
        func double(_ row: [String: String], _ key: String, _ file: String) throws -> Double {
            guard let value = row[key].flatMap(Double.init) else {
                throw LoadError(file: file, message: "giá trị \(key) không phải số: \(row[key] ?? "")")
            }
            return value
        }
        let units = try table("hcm_units_2025").rows.map { row in
            guard let type = UnitType(vietnamese: row["type"] ?? "") else {
                throw LoadError(file: "hcm_units_2025", message: "loại đơn vị lạ: \(row["type"] ?? "")")
            }
            return AdministrativeUnit(
                code: row["code"]!, name: VietnameseText.nfc(row["name"]!), type: type,
                latitude: try double(row, "centroid_lat", "hcm_units_2025"),
                longitude: try double(row, "centroid_lon", "hcm_units_2025"),
                areaKm2: try double(row, "area_km2", "hcm_units_2025"))
        }
        let wards = try table("hcm_old_units").rows.map { row in
            OldWard(
                code: row["old_ward_code"]!, conversionCode: row["conversion_table_code"]!,
                name: VietnameseText.nfc(row["old_ward_name"]!), type: row["old_ward_type"]!,
                districtCode: row["old_district_code"]!, districtName: VietnameseText.nfc(row["old_district_name"]!),
                provinceCode: row["old_province_code"]!, provinceName: VietnameseText.nfc(row["old_province_name"]!))
        }
        let successions = try table("hcm_old_to_new").rows.map { row in
            Succession(
                oldWardCode: row["old_ward_code"]!, oldDistrictName: VietnameseText.nfc(row["old_district_name"]!),
                oldProvinceName: VietnameseText.nfc(row["old_province_name"]!), newUnitCode: row["new_unit_code"]!,
                isPartial: row["is_partly_merged"] == "1", isDefault: row["default_target"] == "1")
        }
        return ReferenceData(units: units, oldWards: wards, successions: successions)
    }

    /// Where each old ward lies, as the GSO-derived list gives it: a centroid and a bounding box
    /// (no polygons exist in any public source). Used to derive approximate unit boundaries.
    public static func oldWardPlaces() throws -> [(code: String, centroid: GeoPoint, box: BoundingBox)] {
        try table("hcm_old_units").rows.map { row in
            let code = row["old_ward_code"] ?? ""
            guard let lat = row["centroid_lat"].flatMap(Double.init), let lon = row["centroid_lon"].flatMap(Double.init) else {
                throw LoadError(file: "hcm_old_units", message: "phường/xã \(code): thiếu toạ độ tâm")
            }
            // "10.98,106.64 – 11.01,106.67": south-west corner, then north-east.
            let corners = (row["bbox"] ?? "").components(separatedBy: "–").map {
                $0.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            }
            guard corners.count == 2, corners.allSatisfy({ $0.count == 2 }) else {
                throw LoadError(file: "hcm_old_units", message: "phường/xã \(code): khung bao không đọc được «\(row["bbox"] ?? "")»")
            }
            let box = BoundingBox(
                minLat: min(corners[0][0], corners[1][0]), minLon: min(corners[0][1], corners[1][1]),
                maxLat: max(corners[0][0], corners[1][0]), maxLon: max(corners[0][1], corners[1][1]))
            return (code, GeoPoint(lat: lat, lon: lon), box)
        }
    }
}
