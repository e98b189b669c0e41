import HTTPTypes
import Foundation
import HaiCapStorage
import HaiCapWeb
import Testing

@Suite("Configuration: command line > environment > .env > defaults; every bad key reported")
struct ConfigTests {
    static let noFile = "/nonexistent/.env"

    @Test("defaults: 127.0.0.1:8080, SQLite under var/, demo on")
    func defaults() async throws {
        let config = try await AppConfig.load(environment: [:], envFile: Self.noFile)
        #expect(config.host == "127.0.0.1" && config.port == 8080 && config.demo)
        #expect(config.database == .sqlite(path: "var/haicap.sqlite"))
    }

    @Test("the environment overrides .env, and the command line overrides both")
    func precedence() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-\(UUID().uuidString).env")
        try "HAICAP_PORT=7000\nHAICAP_HOST=0.0.0.0\nHAICAP_DATA_DIR=/srv/haicap\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try await AppConfig.load(environment: [:], envFile: file.path)
        #expect(fromFile.port == 7000 && fromFile.host == "0.0.0.0" && fromFile.dataDirectory == "/srv/haicap")
        let fromEnv = try await AppConfig.load(
            environment: ["HAICAP_PORT": "7100", "DATABASE_URL": "postgres://u@db:5432/haicap"], envFile: file.path)
        #expect(fromEnv.port == 7100 && fromEnv.host == "0.0.0.0")
        #expect(fromEnv.database == .postgres(url: "postgres://u@db:5432/haicap"))
        let fromArgs = try await AppConfig.load(.init(port: 7200, dataDirectory: "/tmp/x"), environment: ["HAICAP_PORT": "7100"], envFile: file.path)
        #expect(fromArgs.port == 7200 && fromArgs.dataDirectory == "/tmp/x")
    }

    @Test("bad configuration stops start-up with a list of every bad key")
    func everyBadKey() async throws {
        do {
            _ = try await AppConfig.load(
                environment: [
                    "HAICAP_PORT": "80800", "DATABASE_URL": "mysql://x", "HAICAP_LOG_LEVEL": "loud",
                    "HAICAP_DEMO": "maybe"
                ], envFile: Self.noFile)
            Issue.record("bad configuration accepted")
        } catch let error as AppConfig.Invalid {
            #expect(error.problems.count == 4)
            for key in ["HAICAP_PORT", "DATABASE_URL", "HAICAP_LOG_LEVEL", "HAICAP_DEMO"] {
                #expect(error.description.contains(key), "\(key)")
            }
        }
    }
}
