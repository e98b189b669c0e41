import ArgumentParser
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Chạy máy chủ web (tự tạo CSDL, migration, dữ liệu tham chiếu và demo).")

    @OptionGroup var options: CommonOptions
    @Flag(inversion: .prefixedNo, help: "Nạp dữ liệu demo (HAICAP_DEMO).") var demo: Bool?

    func run() async throws {
        let config = try await options.config(demo: demo)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = config.logLevel
            return handler
        }
        var logger = Logger(label: "haicap")
        logger.logLevel = config.logLevel
        let services = try await AppServices.start(config, logger: logger)
        let app = try await HaiCapApplication.build(services: services)
        let database = config.databaseURL == nil ? "SQLite \(config.database)" : "PostgreSQL"
        let server = app.application { port in
            print("HaiCap đang chạy tại http://\(config.host):\(port)  (CSDL: \(database))")
            if config.demo {
                print(
                    "Tài khoản demo (mật khẩu \(DemoSeeder.password)): "
                        + DemoSeeder.accounts.map { "\($0.0) [\($0.2.rawValue)]" }.joined(separator: ", "))
            }
        }
        do {
            try await server.runService()
        } catch {
            await services.shutdown()
            throw error
        }
        await services.shutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Áp dụng các migration còn thiếu, hoặc xem trạng thái (--status).")

    @OptionGroup var options: CommonOptions
    @Flag(help: "Chỉ liệt kê migration và trạng thái.") var status = false

    func run() async throws {
        let config = try await options.config()
        var logger = Logger(label: "haicap")
        logger.logLevel = .warning
        let database = try await Database.open(config.database, logger: logger)
        defer { Task { await database.shutdown() } }
        let migrator = Migrator(database: database)
        if !status {
            let applied = try await migrator.migrate()
            print(applied.isEmpty ? "Không có migration mới." : "Đã áp dụng: " + applied.map { "\($0.version) \($0.name)" }.joined(separator: "; "))
        }
        for row in try await migrator.status() {
            let when = row.appliedAt.map { "đã áp dụng \($0)" } ?? "CHƯA áp dụng"
            print(String(format: "%03d", row.version) + "  \(row.name)  — \(when)")
        }
        await database.shutdown()
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Nạp dữ liệu tham chiếu và (tùy chọn) tài khoản demo.")

    @OptionGroup var options: CommonOptions
    @Flag(inversion: .prefixedNo, help: "Tạo cả tài khoản demo.") var demo = true

    func run() async throws {
        try await withServices(options) { services in
            if demo {
                let created = try await DemoSeeder(accounts: services.accounts, agencies: services.agencies).seed(at: services.clock.now())
                print("Tài khoản demo mới: \(created.isEmpty ? "không có" : created.joined(separator: ", "))")
            }
            print(
                "Dữ liệu tham chiếu: \(services.reference.units.count) đơn vị, \(services.reference.oldWards.count) phường/xã cũ, \(services.reference.successions.count) dòng chuyển đổi."
            )
        }
    }
}
