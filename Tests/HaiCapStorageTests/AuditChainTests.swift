import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import SQLKit
import Testing

@Suite("Audit log: append-only, hash-chained, verifiable")
struct AuditChainTests {
    private func seeded(_ database: Database) async throws -> AuditLog {
        try await Migrator(database: database).migrate()
        let log = AuditLog(database: database)
        for index in 1...5 {
            try await database.transaction { session in
                try await log.append(
                    AuditEvent("test.write", "thing", String(index), "lần \(index)"), by: nil,
                    at: Date(timeIntervalSince1970: 1_750_000_000 + Double(index)), in: session)
            }
        }
        return log
    }

    /// An attacker with database access first disables the append-only guard.
    private func dropGuard(_ database: Database) async throws {
        switch database.kind {
        case .sqlite:
            try await database.sql.raw("DROP TRIGGER audit_log_no_update").run()
            try await database.sql.raw("DROP TRIGGER audit_log_no_delete").run()
        case .postgres:
            try await database.sql.raw("DROP TRIGGER audit_log_no_change ON audit_log").run()
        }
    }

    @Test("an untouched chain verifies")
    func intact() async throws {
        try await TestDatabase.with { database in
            let log = try await seeded(database)
            #expect(try await log.verify() == .intact(entries: 5))
        }
    }

    @Test("the database refuses to update or delete audit rows")
    func appendOnly() async throws {
        try await TestDatabase.with { database in
            _ = try await seeded(database)
            await #expect(throws: (any Error).self) { try await database.sql.raw("UPDATE audit_log SET detail = 'x' WHERE id = 2").run() }
            await #expect(throws: (any Error).self) { try await database.sql.raw("DELETE FROM audit_log WHERE id = 2").run() }
        }
    }

    @Test("an altered entry is named by verify")
    func altered() async throws {
        try await TestDatabase.with { database in
            let log = try await seeded(database)
            try await dropGuard(database)
            try await database.sql.raw("UPDATE audit_log SET detail = 'đã sửa' WHERE id = 3").run()
            guard case .broken(let id, _) = try await log.verify() else { Issue.record("tampering not detected"); return }
            #expect(id == 3)
        }
    }

    @Test("a removed entry breaks the link of the next one, which verify names")
    func removed() async throws {
        try await TestDatabase.with { database in
            let log = try await seeded(database)
            try await dropGuard(database)
            try await database.sql.raw("DELETE FROM audit_log WHERE id = 2").run()
            #expect(try await log.verify() == .broken(entryId: 3, reason: "liên kết với mục trước không khớp: mục trước đã bị xóa hoặc sửa"))
        }
    }

    @Test("removing the newest entries is caught by the stored head")
    func newestRemoved() async throws {
        try await TestDatabase.with { database in
            let log = try await seeded(database)
            try await dropGuard(database)
            try await database.sql.raw("DELETE FROM audit_log WHERE id >= 4").run()
            guard case .broken(let id, let reason) = try await log.verify() else { Issue.record("removal not detected"); return }
            #expect(id == 3)
            #expect(reason.contains("3 mục") && reason.contains("5 mục"))
        }
    }

    @Test("the head cannot be deleted, and PostgreSQL refuses TRUNCATE of the log")
    func truncateRefused() async throws {
        try await TestDatabase.with { database in
            let log = try await seeded(database)
            await #expect(throws: (any Error).self) { try await database.sql.raw("DELETE FROM audit_head").run() }
            if database.kind == .postgres {
                await #expect(throws: (any Error).self) { try await database.sql.raw("TRUNCATE audit_log").run() }
                await #expect(throws: (any Error).self) { try await database.sql.raw("TRUNCATE audit_head").run() }
            }
            #expect(try await log.verify() == .intact(entries: 5))
        }
    }

    @Test("filters by user, action prefix and time")
    func filters() async throws {
        try await TestDatabase.with { database in
            let log = try await seeded(database)
            #expect(try await log.list(.init(action: "test.")).total == 5)
            #expect(try await log.list(.init(action: "user.")).total == 0)
            #expect(try await log.list(.init(username: "system")).total == 5)
            let after = try await log.list(.init(from: Date(timeIntervalSince1970: 1_750_000_003)))
            #expect(after.items.map(\.targetId) == ["5", "4", "3"])
        }
    }
}
