import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import SQLKit
import Testing

@Suite("Migrations and reference data, on the test database (SQLite, or PostgreSQL in CI's second pass)")
struct MigrationAndSeedTests {
    @Test("an empty database migrates to the latest version; a second run applies nothing")
    func migratesEmptyDatabase() async throws {
        try await TestDatabase.with { database in
            let migrator = Migrator(database: database)
            #expect(try await migrator.status().allSatisfy { $0.appliedAt == nil })
            let applied = try await migrator.migrate()
            #expect(applied.map(\.version) == Migrations.all.map(\.version))
            #expect(try await migrator.migrate().isEmpty)
            #expect(try await migrator.status().allSatisfy { $0.appliedAt != nil })
            for table in ["units", "old_wards", "successions", "agencies", "users", "sessions", "api_tokens", "audit_log", "timeline_events"] {
                let row = try await database.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
                #expect(try row?.decode(column: "n", as: Int.self) == 0, "\(table)")
            }
        }
    }

    @Test("migration versions are unique and strictly increasing")
    func versionsOrdered() {
        let versions = Migrations.all.map(\.version)
        #expect(versions == versions.sorted() && Set(versions).count == versions.count)
    }

    @Test("reference data: 168 units (113 phường, 54 xã, 1 đặc khu), 441 old wards, 493 successions, 47 split wards")
    func seedCounts() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database).migrate()
            #expect(try await ReferenceSeeder(database: database).seedIfEmpty())
            #expect(try await ReferenceSeeder(database: database).seedIfEmpty() == false)
            let reference = try await ReferenceStore.load(from: database)
            #expect(reference.units.count == 168)
            #expect(reference.units.filter { $0.type == .phuong }.count == 113)
            #expect(reference.units.filter { $0.type == .xa }.count == 54)
            #expect(reference.units.filter { $0.type == .dacKhu }.map(\.name) == ["Đặc khu Côn Đảo"])
            #expect(reference.oldWards.count == 441)
            #expect(reference.successions.count == 493)
            #expect(Set(reference.successions.filter { !$0.isDefault }.map(\.oldWardCode)).count == 47)
            #expect(reference.oldWards.filter { $0.code != $0.conversionCode }.count == 7)
            let agencies = try await AgencyStore(database: database).list(limit: 1000)
            #expect(agencies.total == AgencyScheme.cityAgencies.count + 168 * 2)
            #expect(try await AgencyStore(database: database).get("000.00.00.H29").name == "Ủy ban nhân dân Thành phố Hồ Chí Minh")
        }
    }

    @Test("agency search is diacritic-insensitive and ordered the Vietnamese way")
    func agencySearch() async throws {
        try await TestDatabase.with { database in
            try await Migrator(database: database).migrate()
            try await ReferenceSeeder(database: database).seedIfEmpty()
            let store = AgencyStore(database: database)
            let plain = try await store.list(query: "tan dinh")
            let marked = try await store.list(query: "Tân Định")
            #expect(plain.total == 2 && marked.items.map(\.id) == plain.items.map(\.id))
            #expect(try await store.list(query: "SO Y TE").items.map(\.name) == ["Sở Y tế"])
            let departments = try await store.list(kind: .department).items.map(\.name)
            #expect(departments == departments.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) })
        }
    }
}
