import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb
import Logging

/// The throw-away services a store-level benchmark runs on: demo accounts and catalogues without
/// demo cases, SQLite in a temporary file or PostgreSQL (`databaseURL`) in a schema dropped after.
enum BenchServices {
    static func with<T>(
        databaseURL: String?, now: Date, _ body: (AppServices, _ engine: String) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let location: DatabaseLocation
        if let databaseURL {
            let admin = try await Database.open(.postgres(url: databaseURL), logger: logger)
            try await admin.sql.raw("CREATE SCHEMA \(ident: schema)").run()
            await admin.shutdown()
            location = .postgres(url: databaseURL, schema: schema)
        } else {
            location = .sqlite(path: directory.appendingPathComponent("bench.sqlite").path)
        }
        var config = AppConfig()
        config.demo = true
        config.demoDossiers = 0
        config.demoReports = 0
        config.demoDocuments = 0
        config.demoMeetings = false
        config.bcryptCost = 4
        let services = try await AppServices.start(config, logger: logger, clock: FixedClock(now), database: location)
        let result: T
        do {
            result = try await body(services, databaseURL == nil ? "SQLite" : "PostgreSQL")
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
        if let databaseURL {
            let admin = try await Database.open(.postgres(url: databaseURL), logger: logger)
            try await admin.sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
            await admin.shutdown()
        }
        return result
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
