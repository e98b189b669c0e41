import Foundation
import HaiCapDomain
import SQLKit

/// Reads the reference data back from the database once: units, old wards and successions never
/// change while the server runs, so the directory and the resolver answer from memory.
public enum ReferenceStore {
    public static func load(from database: Database) async throws -> ReferenceData {
        let sql = database.sql
        let units = try await sql.raw("SELECT code, name, type, latitude, longitude, area_km2 FROM units ORDER BY sort_key").all().map { row in
            AdministrativeUnit(
                code: try row.decode(column: "code", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                type: UnitType(rawValue: try row.decode(column: "type", as: String.self)) ?? .phuong,
                latitude: try row.decode(column: "latitude", as: Double.self),
                longitude: try row.decode(column: "longitude", as: Double.self),
                areaKm2: try row.decode(column: "area_km2", as: Double.self))
        }
        let wards = try await sql.raw("SELECT * FROM old_wards ORDER BY code").all().map { row in
            OldWard(
                code: try row.decode(column: "code", as: String.self),
                conversionCode: try row.decode(column: "conversion_code", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                type: try row.decode(column: "type", as: String.self),
                districtCode: try row.decode(column: "district_code", as: String.self),
                districtName: try row.decode(column: "district_name", as: String.self),
                provinceCode: try row.decode(column: "province_code", as: String.self),
                provinceName: try row.decode(column: "province_name", as: String.self))
        }
        let successions = try await sql.raw("SELECT * FROM successions ORDER BY id").all().map { row in
            Succession(
                oldWardCode: try row.decode(column: "old_ward_code", as: String.self),
                oldDistrictName: try row.decode(column: "old_district_name", as: String.self),
                oldProvinceName: try row.decode(column: "old_province_name", as: String.self),
                newUnitCode: try row.decode(column: "new_unit_code", as: String.self),
                isPartial: try row.decode(column: "is_partial", as: Int.self) == 1,
                isDefault: try row.decode(column: "is_default", as: Int.self) == 1)
        }
        return ReferenceData(units: units, oldWards: wards, successions: successions)
    }
}

/// The unit directory: filter by type, search by name with or without diacritics.
public struct UnitDirectory: Sendable {
    public let reference: ReferenceData
    private let folded: [String: String]

    public init(reference: ReferenceData) {
        self.reference = reference
        folded = Dictionary(uniqueKeysWithValues: reference.units.map { ($0.code, VietnameseText.fold($0.name)) })
    }

    /// Units in Vietnamese order; `query` matches any part of the folded name, or the code.
    public func search(type: UnitType?, query: String?) -> [AdministrativeUnit] {
        let needle = VietnameseText.fold(query ?? "")
        return reference.units.filter { unit in
            (type == nil || unit.type == type)
                && (needle.isEmpty || folded[unit.code]!.contains(needle) || unit.code == needle)
        }
    }
}
