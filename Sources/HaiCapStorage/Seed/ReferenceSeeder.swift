import Foundation
import HaiCapDomain
import SQLKit

/// Loads the shipped reference data and the standard agencies into an empty database, all or nothing.
public struct ReferenceSeeder: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Returns false when the database already holds the units (seeding is idempotent).
    @discardableResult
    public func seedIfEmpty() async throws -> Bool {
        // Most starts find the data there already: only then is it worth reading the files.
        let units = try await database.sql.raw("SELECT COUNT(*) AS n FROM units").first()?.decode(column: "n", as: Int.self) ?? 0
        guard units == 0 else { return false }
        let reference = try ReferenceFiles.load()
        return try await database.transaction { session in
            try await database.lock(LockKeys.seed, in: session)
            let existing = try await session.raw("SELECT COUNT(*) AS n FROM units").first()
            guard try existing?.decode(column: "n", as: Int.self) == 0 else { return false }
            for chunk in reference.units.chunked(200) {
                let insert = session.insert(into: "units")
                    .columns("code", "name", "name_folded", "sort_key", "type", "latitude", "longitude", "area_km2")
                for unit in chunk {
                    insert.values(
                        SQLBind(unit.code), SQLBind(unit.name), SQLBind(VietnameseText.fold(unit.name)),
                        SQLBind(VietnameseText.sortKey(unit.name)), SQLBind(unit.type.rawValue),
                        SQLBind(unit.latitude), SQLBind(unit.longitude), SQLBind(unit.areaKm2))
                }
                try await insert.run()
            }
            for chunk in reference.oldWards.chunked(200) {
                let insert = session.insert(into: "old_wards")
                    .columns(
                        "code", "conversion_code", "name", "type", "district_code", "district_name",
                        "province_code", "province_name")
                for ward in chunk {
                    insert.values(
                        SQLBind(ward.code), SQLBind(ward.conversionCode), SQLBind(ward.name), SQLBind(ward.type),
                        SQLBind(ward.districtCode), SQLBind(ward.districtName), SQLBind(ward.provinceCode),
                        SQLBind(ward.provinceName))
                }
                try await insert.run()
            }
            for chunk in reference.successions.chunked(200) {
                let insert = session.insert(into: "successions")
                    .columns("old_ward_code", "old_district_name", "old_province_name", "new_unit_code", "is_partial", "is_default")
                for row in chunk {
                    insert.values(
                        SQLBind(row.oldWardCode), SQLBind(row.oldDistrictName), SQLBind(row.oldProvinceName),
                        SQLBind(row.newUnitCode), SQLBind(row.isPartial ? 1 : 0), SQLBind(row.isDefault ? 1 : 0))
                }
                try await insert.run()
            }
            let agencies = AgencyScheme.cityAgencies + AgencyScheme.unitAgencies(reference.units)
            for chunk in agencies.chunked(200) {
                let insert = session.insert(into: "agencies")
                    .columns("id", "name", "name_folded", "sort_key", "kind", "unit_code", "id_is_official")
                for agency in chunk {
                    insert.values(
                        SQLBind(agency.id), SQLBind(agency.name), SQLBind(VietnameseText.fold(agency.name)),
                        SQLBind(VietnameseText.sortKey(agency.name)), SQLBind(agency.kind.rawValue),
                        SQLBind(agency.unitCode), SQLBind(agency.idIsOfficial ? 1 : 0))
                }
                try await insert.run()
            }
            return true
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
