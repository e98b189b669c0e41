import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapWeb
import Logging

/// The settings every command that touches data accepts; unset flags fall through to the
/// environment, then `.env`, then defaults.
struct CommonOptions: ParsableArguments {
    @Option(help: "Địa chỉ lắng nghe (HAICAP_HOST, mặc định 127.0.0.1).") var host: String?
    @Option(help: "Cổng (HAICAP_PORT, mặc định 8080).") var port: Int?
    @Option(name: .customLong("data-dir"), help: "Thư mục dữ liệu (HAICAP_DATA_DIR, mặc định var).") var dataDir: String?
    @Option(name: .customLong("database-url"), help: "postgres://… (DATABASE_URL); bỏ trống = SQLite nhúng.") var databaseURL: String?
    @Option(name: .customLong("log-level"), help: "trace|debug|info|notice|warning|error (HAICAP_LOG_LEVEL).") var logLevel: String?

    func config(demo: Bool? = nil) async throws -> AppConfig {
        do {
            return try await AppConfig.load(
                .init(
                    host: host, port: port, dataDirectory: dataDir, databaseURL: databaseURL,
                    logLevel: logLevel, demo: demo))
        } catch let error as AppConfig.Invalid {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(78)
        }
    }

    /// Services for a one-off command: migrated database, reference data, no demo accounts.
    func services(_ config: AppConfig) async throws -> AppServices {
        var logger = Logger(label: "haicap")
        logger.logLevel = config.logLevel == .info ? .warning : config.logLevel
        var quiet = config
        quiet.demo = false
        return try await AppServices.start(quiet, logger: logger)
    }
}

extension AsyncParsableCommand {
    /// Runs with services and always closes the database, even when the body throws.
    func withServices<T>(_ options: CommonOptions, _ body: (AppServices) async throws -> T) async throws -> T {
        let services = try await options.services(try await options.config())
        do {
            let result = try await body(services)
            await services.shutdown()
            return result
        } catch {
            await services.shutdown()
            if let error = error as? any HaiCapError {
                FileHandle.standardError.write(Data("Lỗi: \(error.message)\n".utf8))
                throw ExitCode(1)
            }
            throw error
        }
    }
}
