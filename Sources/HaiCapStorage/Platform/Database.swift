@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Where the data lives: an embedded SQLite file (the default), or PostgreSQL in production.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    /// `schema` isolates a test run inside one database (it is put first on the search path).
    case postgres(url: String, schema: String? = nil)
}

public enum SQLDialectKind: String, Sendable {
    case sqlite, postgres
}

/// The database HaiCap runs on, and the only place that knows how connections are pooled.
///
/// SQLite gets exactly one connection: every statement of the process is serialised on it, so
/// writers never meet `SQLITE_BUSY` and a transaction can never interleave with another request.
/// PostgreSQL gets a pool per event loop; transactions take one connection for their duration.
public final class Database: Sendable {
    public let kind: SQLDialectKind
    private let logger: Logger
    private let backend: Backend

    private enum Backend: @unchecked Sendable {
        // The AsyncKit pools are thread-safe (they hop to their event loop) but predate Sendable.
        case sqlite(EventLoopConnectionPool<SQLiteConnectionSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    public static func open(
        _ location: DatabaseLocation, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> Database {
        switch location {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            let source = SQLiteConnectionSource(configuration: .init(storage: .file(path: path), enableForeignKeys: true))
            // One connection; a burst of writers queues on it, and (as on PostgreSQL) waits up to
            // 30 s rather than failing after the default 10 s on a busy machine.
            let pool = EventLoopConnectionPool(
                source: source, maxConnections: 1, requestTimeout: .seconds(30), pruneInterval: nil,
                logger: logger, on: eventLoopGroup.any())
            let database = Database(kind: .sqlite, backend: .sqlite(pool), logger: logger)
            // WAL lets the CLI read while the server writes; busy_timeout covers a second process writing.
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = 5000", "PRAGMA synchronous = NORMAL"] {
                try await database.sql.raw(SQLQueryString(pragma)).run()
            }
            return database
        case .postgres(let url, let schema):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let schema { configuration.searchPath = [schema] }
            // Transactions that take the same counter row (a desk's dossier numbers) run one after
            // another while holding their connections: under a burst the others may wait longer than
            // AsyncKit's default 10 s for a connection, which would turn a queue into errors.
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: 4, requestTimeout: .seconds(30),
                logger: logger, on: eventLoopGroup)
            let database = Database(kind: .postgres, backend: .postgres(pool), logger: logger)
            try await database.sql.raw("SELECT 1").run()
            return database
        }
    }

    private init(kind: SQLDialectKind, backend: Backend, logger: Logger) {
        self.kind = kind
        self.backend = backend
        self.logger = logger
    }

    /// For single statements: each one takes a pooled connection and gives it back.
    public var sql: any SQLDatabase {
        switch backend {
        case .sqlite(let pool): SQLitePoolDatabase(pool: pool, logger: logger)
        case .postgres(let pool): pool.database(logger: logger).sql()
        }
    }

    /// Runs `body` on one connection inside BEGIN … COMMIT, rolling back if it throws.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await sql.withSession { session in
            try await session.raw(self.kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Serialises writers that must see each other's rows (the audit chain, per-day counters).
    /// SQLite is already serial; PostgreSQL takes a transaction-scoped advisory lock.
    public func lock(_ key: Int64, in session: any SQLDatabase) async throws {
        if kind == .postgres {
            try await session.raw("SELECT pg_advisory_xact_lock(\(bind: key))").run()
        }
    }

    /// Planner statistics. SQLite has none until told (then a query with two filters may walk the
    /// wrong index: the Open311 list by category and status ran at a third of its speed on
    /// 1,000,000 reports); `PRAGMA optimize=0x10002` analyses every table that needs it, with
    /// a sampling limit, so it is cheap at start-up. PostgreSQL's autovacuum keeps its own.
    public func refreshStatistics() async throws {
        if kind == .sqlite { try await sql.raw("PRAGMA optimize=0x10002").run() }
    }

    public func shutdown() async {
        switch backend {
        case .sqlite(let pool):
            try? await pool.close().get()
        case .postgres(let pool):
            try? await pool.shutdownAsync()
        }
    }
}
