import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb
import Logging
import SQLKit

/// A database of its own for one test: a new SQLite file, or — when `HAICAP_TEST_DATABASE_URL`
/// names a PostgreSQL server — a new schema in it. Dropped when the test is done.
public struct TestDatabase: Sendable {
    public let location: DatabaseLocation
    private let cleanup: @Sendable () async -> Void

    public static var kind: SQLDialectKind {
        ProcessInfo.processInfo.environment["HAICAP_TEST_DATABASE_URL"].map { $0.isEmpty ? .sqlite : .postgres } ?? .sqlite
    }

    public static let logger: Logger = {
        var logger = Logger(label: "haicap-test")
        logger.logLevel = .warning
        return logger
    }()

    public static func make() async throws -> TestDatabase {
        if let url = ProcessInfo.processInfo.environment["HAICAP_TEST_DATABASE_URL"], !url.isEmpty {
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let admin = try await Database.open(.postgres(url: url), logger: logger)
            try await admin.sql.raw("CREATE SCHEMA \(ident: schema)").run()
            await admin.shutdown()
            return TestDatabase(location: .postgres(url: url, schema: schema)) {
                guard let admin = try? await Database.open(.postgres(url: url), logger: logger) else { return }
                try? await admin.sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
                await admin.shutdown()
            }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return TestDatabase(location: .sqlite(path: directory.appendingPathComponent("test.sqlite").path)) {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Opens a fresh database, runs `body`, and removes the database whatever happens.
    public static func with<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
        let test = try await make()
        let database = try await Database.open(test.location, logger: logger)
        do {
            let result = try await body(database)
            await database.shutdown()
            await test.cleanup()
            return result
        } catch {
            await database.shutdown()
            await test.cleanup()
            throw error
        }
    }

    /// Fully started services (migrated, reference data, demo accounts) on a fresh database, with a fixed clock.
    public static func withServices<T: Sendable>(
        demo: Bool = true, clock: FixedClock = FixedClock(Date(timeIntervalSince1970: 1_763_863_200)),
        configure: (inout AppConfig) -> Void = { _ in },
        _ body: (AppServices) async throws -> T
    ) async throws -> T {
        let test = try await make()
        var config = AppConfig()
        config.demo = demo
        config.bcryptCost = 4
        config.demoDossiers = 0
        config.demoReports = 0
        config.demoDocuments = 0
        // Demo meetings book every unit's room on Mondays: only the tests that ask for them get them.
        config.demoMeetings = false
        configure(&config)
        let services = try await AppServices.start(config, logger: logger, clock: clock, database: test.location)
        do {
            let result = try await body(services)
            await services.shutdown()
            await test.cleanup()
            return result
        } catch {
            await services.shutdown()
            await test.cleanup()
            throw error
        }
    }

    /// Two servers' services (two pools, two sets of background workers' state) on one fresh
    /// database: what two instances behind one load balancer share.
    public static func withTwoServices<T: Sendable>(
        clock: FixedClock = FixedClock(Date(timeIntervalSince1970: 1_763_863_200)),
        _ body: (AppServices, AppServices) async throws -> T
    ) async throws -> T {
        let test = try await make()
        var config = AppConfig()
        config.demo = true
        config.bcryptCost = 4
        config.demoDossiers = 0
        config.demoReports = 0
        config.demoDocuments = 0
        config.demoMeetings = false
        var started: [AppServices] = []
        func close() async {
            for services in started { await services.shutdown() }
            await test.cleanup()
        }
        do {
            started.append(try await AppServices.start(config, logger: logger, clock: clock, database: test.location))
            started.append(try await AppServices.start(config, logger: logger, clock: clock, database: test.location))
            let result = try await body(started[0], started[1])
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }

    /// Two database handles (two pools, as two server instances have) on one fresh database.
    public static func withTwo<T: Sendable>(_ body: (Database, Database) async throws -> T) async throws -> T {
        let test = try await make()
        let first = try await Database.open(test.location, logger: logger)
        let second = try await Database.open(test.location, logger: logger)
        func close() async {
            await first.shutdown()
            await second.shutdown()
            await test.cleanup()
        }
        do {
            try await Migrator(database: first).migrate()
            let result = try await body(first, second)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }
}
