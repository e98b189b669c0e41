import Foundation
import SQLKit

/// Applies pending migrations, each in its own transaction, and reports what is applied.
public struct Migrator: Sendable {
    public struct Status: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let appliedAt: Date?
    }

    let database: Database
    let migrations: [Migration]

    public init(database: Database, migrations: [Migration] = Migrations.all) {
        self.database = database
        self.migrations = migrations
    }

    /// The ledger is the migrator's own bookkeeping, the one table that exists before any migration.
    private func ensureLedger() async throws {
        try await database.sql.raw(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
            """
        ).run()
    }

    public func status() async throws -> [Status] {
        try await ensureLedger()
        let rows = try await database.sql.raw("SELECT version, applied_at FROM schema_migrations").all()
        var applied: [Int: Int64] = [:]
        for row in rows {
            applied[try row.decode(column: "version", as: Int.self)] = try row.decode(column: "applied_at", as: Int64.self)
        }
        return migrations.map { migration in
            Status(
                version: migration.version, name: migration.name,
                appliedAt: applied[migration.version].map { Date(millis: $0) })
        }
    }

    /// Returns the migrations it applied. Safe with several instances starting at once on PostgreSQL:
    /// each migration re-checks the ledger under an advisory lock.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        try await ensureLedger()
        var applied: [Migration] = []
        for migration in migrations {
            let kind = database.kind
            let didApply = try await database.transaction { session in
                try await database.lock(LockKeys.migrations, in: session)
                let done = try await session.raw("SELECT 1 FROM schema_migrations WHERE version = \(bind: migration.version)").first()
                guard done == nil else { return false }
                for statement in migration.statements(kind) {
                    try await session.raw(SQLQueryString(statement)).run()
                }
                try await migration.rows?(session)
                try await session.raw(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date().millis))
                    """
                ).run()
                return true
            }
            if didApply { applied.append(migration) }
        }
        return applied
    }
}

/// Advisory-lock keys, one per serialised writer.
enum LockKeys {
    static let migrations: Int64 = 7_290_001
    static let auditChain: Int64 = 7_290_002
    static let seed: Int64 = 7_290_003
}

extension Date {
    /// Times are stored as whole milliseconds since 1970 in both databases: exact, portable, sortable.
    public var millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    public init(millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}
