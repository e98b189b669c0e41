import Configuration
import Foundation
import HaiCapDomain
import HaiCapStorage
import Logging
import SystemPackage

/// Every setting HaiCap reads, read once at start-up into typed values.
/// Precedence: command line > environment > `.env` file > defaults.
public struct AppConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Holds the embedded database (`haicap.sqlite`) and attachments.
    public var dataDirectory = "var"
    /// Absent: embedded SQLite under the data folder.
    public var databaseURL: String?
    public var logLevel: Logger.Level = .info
    /// Loads demo accounts (and later modules' demo cases) on first start.
    public var demo = true
    /// bcrypt work factor; tests lower it to keep the suite fast.
    public var bcryptCost = 10
    /// Marks cookies `Secure`; set when the server sits behind TLS (also inferred per request from X-Forwarded-Proto).
    public var tls = false
    /// Where the national-portal outbox is delivered (HAICAP_PORTAL_URL); nil keeps messages queued.
    public var portalURL: String?
    /// How often the deliverer looks for due messages (HAICAP_PORTAL_INTERVAL_MS).
    public var portalIntervalMs = 1000
    /// Where edXML messages for organs outside HaiCap go (HAICAP_EDXML_URL: the document exchange,
    /// or `haicap edxml-sim`); nil keeps them queued.
    public var edxmlURL: String?
    public var edxmlIntervalMs = 1000
    /// A message delivered within this many minutes counts as synced on time (DOSSIER_SYNC).
    public var portalOnTimeMinutes = 5
    /// Demo dossiers to generate on the first start in demo mode (HAICAP_DEMO_DOSSIERS).
    public var demoDossiers = 2000
    /// Demo 1022 reports to generate on the first start in demo mode (HAICAP_DEMO_REPORTS).
    public var demoReports = 400
    /// About this many official documents in demo mode (letters between wards, paper documents, drafts).
    public var demoDocuments = 300
    /// Days after an answer in which the reporter may reopen a 1022 report (HAICAP_FEEDBACK_REOPEN_DAYS).
    public var feedbackReopenDays = 7
    /// The address citizens and Open311 clients reach this server at, e.g. `https://haicap.tphcm.gov.vn`
    /// (HAICAP_PUBLIC_URL): absolute links (photo URLs) are built from it, never from the Host header.
    public var publicURL: String?
    /// Peers whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed (HAICAP_TRUSTED_PROXIES):
    /// the reverse proxy in front of HaiCap. Anyone else's are ignored.
    public var trustedProxies: Set<String> = ["127.0.0.1", "::1"]
    /// Multiplies every anonymous rate limit (HAICAP_RATE_LIMIT_SCALE); 0 turns them off.
    public var rateLimitScale = 1
    /// The SMTP relay invitations go through (HAICAP_SMTP_URL, `smtp://[user:pass@]host:port`);
    /// nil keeps mail queued. STARTTLS is used whenever the relay offers it.
    public var smtpURL: String?
    /// Extra CA certificates (PEM) trusted for the relay's STARTTLS (HAICAP_SMTP_CA_FILE).
    public var smtpCAFile: String?
    /// The sender of invitations (HAICAP_MAIL_FROM).
    public var mailFrom = "hop@haicap.local"
    public var mailIntervalMs = 1000
    /// The Jitsi Meet server rooms open on (HAICAP_JITSI_URL).
    public var jitsiURL = "https://meet.jit.si"
    /// The JWT's `iss`, `aud` and `sub` and its HS256 key (HAICAP_JITSI_APP_ID, _AUDIENCE, _SUBJECT,
    /// _APP_SECRET). Without a secret a random one is made per process (tokens then hold on one instance only).
    public var jitsiAppId = "haicap"
    public var jitsiAudience = "jitsi"
    public var jitsiSubject = "*"
    public var jitsiAppSecret: String?
    /// What Prosody's mod_reservations sends as `Authorization: Bearer …` (HAICAP_JITSI_RESERVATION_TOKEN);
    /// without it the reservation endpoint answers 401 to everyone.
    public var jitsiReservationToken: String?
    /// A room opens this many minutes before its occurrence (HAICAP_MEETING_EARLY_MINUTES) and closes
    /// this many after its end (HAICAP_MEETING_GRACE_MINUTES).
    public var meetingEarlyMinutes = 15
    public var meetingGraceMinutes = 30
    /// Demo meetings on the first start in demo mode (a weekly series, past ones with roll-call and conclusions).
    public var demoMeetings = true

    /// `publicURL`, or the address the server listens on.
    public var baseURL: String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        let shownHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return "\(tls ? "https" : "http")://\(shownHost.contains(":") ? "[\(shownHost)]" : shownHost):\(port)"
    }

    public init() {}

    public var database: DatabaseLocation {
        if let databaseURL { return .postgres(url: databaseURL) }
        return .sqlite(path: (dataDirectory as NSString).appendingPathComponent("haicap.sqlite"))
    }

    /// The command line's values, keyed as configuration keys; nil means "not given".
    public struct Overrides: Sendable {
        public var host: String?
        public var port: Int?
        public var dataDirectory: String?
        public var databaseURL: String?
        public var logLevel: String?
        public var demo: Bool?
        public init(
            host: String? = nil, port: Int? = nil, dataDirectory: String? = nil, databaseURL: String? = nil,
            logLevel: String? = nil, demo: Bool? = nil
        ) {
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.databaseURL = databaseURL
            self.logLevel = logLevel
            self.demo = demo
        }
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String {
            "Cấu hình không hợp lệ (invalid configuration):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads and checks every key, then reports all bad ones together.
    public static func load(
        _ overrides: Overrides = .init(), environment: [String: String]? = nil,
        envFile: String = ".env"
    ) async throws -> AppConfig {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        func put(_ key: String, _ value: String?) {
            if let value { values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = .init(.string(value), isSecret: false) }
        }
        put("haicap.host", overrides.host)
        put("haicap.port", overrides.port.map(String.init))
        put("haicap.data.dir", overrides.dataDirectory)
        put("database.url", overrides.databaseURL)
        put("haicap.log.level", overrides.logLevel)
        put("haicap.demo", overrides.demo.map { $0 ? "true" : "false" })
        var providers: [any ConfigProvider] = [InMemoryProvider(name: "command line", values: values)]
        if let environment {
            providers.append(EnvironmentVariablesProvider(environmentVariables: environment))
        } else {
            providers.append(EnvironmentVariablesProvider())
        }
        providers.append(try await EnvironmentVariablesProvider(environmentFilePath: FilePath(envFile), allowMissing: true))
        let reader = ConfigReader(providers: providers)
        return try parse(reader)
    }

    static func parse(_ reader: ConfigReader) throws -> AppConfig {
        var config = AppConfig()
        var problems: [String] = []
        /// A whole number within a range, or one more problem naming the variable.
        func integer(_ key: ConfigKey, _ variable: String, _ range: ClosedRange<Int>, _ set: (Int) -> Void) {
            guard let text = reader.string(forKey: key) else { return }
            if let value = Int(text), range.contains(value) {
                set(value)
            } else {
                problems.append("\(variable): «\(text)» phải là số từ \(range.lowerBound) đến \(range.upperBound)")
            }
        }
        if let host = reader.string(forKey: "haicap.host") {
            if host.isEmpty || host.contains(" ") { problems.append("HAICAP_HOST / --host: «\(host)» không phải địa chỉ máy hợp lệ") }
            config.host = host
        }
        if let port = reader.string(forKey: "haicap.port") {
            if let value = Int(port), (0...65535).contains(value) {
                config.port = value
            } else {
                problems.append("HAICAP_PORT / --port: «\(port)» phải là số từ 0 đến 65535")
            }
        }
        if let dir = reader.string(forKey: "haicap.data.dir") {
            if dir.isEmpty { problems.append("HAICAP_DATA_DIR / --data-dir: không được để trống") }
            config.dataDirectory = dir
        }
        if let url = reader.string(forKey: "database.url"), !url.isEmpty {
            let scheme = URL(string: url)?.scheme
            if scheme == "postgres" || scheme == "postgresql" {
                config.databaseURL = url
            } else {
                problems.append("DATABASE_URL / --database-url: phải có dạng postgres://người-dùng@máy:cổng/tên-csdl (bỏ trống để dùng SQLite nhúng)")
            }
        }
        if let level = reader.string(forKey: "haicap.log.level") {
            if let value = Logger.Level(rawValue: level.lowercased()) {
                config.logLevel = value
            } else {
                problems.append("HAICAP_LOG_LEVEL / --log-level: «\(level)» phải là một trong trace, debug, info, notice, warning, error, critical")
            }
        }
        if let demo = reader.string(forKey: "haicap.demo") {
            switch demo.lowercased() {
            case "1", "true", "yes", "on": config.demo = true
            case "0", "false", "no", "off": config.demo = false
            default: problems.append("HAICAP_DEMO: «\(demo)» phải là true hoặc false")
            }
        }
        integer("haicap.bcrypt.cost", "HAICAP_BCRYPT_COST", 4...16) { config.bcryptCost = $0 }
        if let tls = reader.string(forKey: "haicap.tls") {
            config.tls = ["1", "true", "yes", "on"].contains(tls.lowercased())
        }
        if let url = reader.string(forKey: "haicap.portal.url"), !url.isEmpty {
            if let scheme = URL(string: url)?.scheme, ["http", "https"].contains(scheme) {
                config.portalURL = url
            } else {
                problems.append("HAICAP_PORTAL_URL: «\(url)» phải là địa chỉ http:// hoặc https://")
            }
        }
        integer("haicap.portal.interval.ms", "HAICAP_PORTAL_INTERVAL_MS", 50...600_000) { config.portalIntervalMs = $0 }
        if let url = reader.string(forKey: "haicap.edxml.url"), !url.isEmpty {
            if let scheme = URL(string: url)?.scheme, ["http", "https"].contains(scheme) {
                config.edxmlURL = url
            } else {
                problems.append("HAICAP_EDXML_URL: «\(url)» phải là địa chỉ http:// hoặc https://")
            }
        }
        integer("haicap.edxml.interval.ms", "HAICAP_EDXML_INTERVAL_MS", 50...600_000) { config.edxmlIntervalMs = $0 }
        integer("haicap.demo.dossiers", "HAICAP_DEMO_DOSSIERS", 0...1_000_000) { config.demoDossiers = $0 }
        integer("haicap.demo.reports", "HAICAP_DEMO_REPORTS", 0...1_000_000) { config.demoReports = $0 }
        integer("haicap.demo.documents", "HAICAP_DEMO_DOCUMENTS", 0...100_000) { config.demoDocuments = $0 }
        if let value = reader.string(forKey: "haicap.demo.meetings") {
            config.demoMeetings = !["0", "false", "no", "off"].contains(value.lowercased())
        }
        integer("haicap.feedback.reopen.days", "HAICAP_FEEDBACK_REOPEN_DAYS", 0...365) { config.feedbackReopenDays = $0 }
        integer("haicap.rate.limit.scale", "HAICAP_RATE_LIMIT_SCALE", 0...1_000_000) { config.rateLimitScale = $0 }
        if let url = reader.string(forKey: "haicap.public.url"), !url.isEmpty {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil,
                parsed.query == nil
            {
                config.publicURL = url
            } else {
                problems.append(
                    "HAICAP_PUBLIC_URL: «\(url)» phải là địa chỉ http:// hoặc https:// không có tham số, ví dụ https://haicap.tphcm.gov.vn")
            }
        }
        if let url = reader.string(forKey: "haicap.smtp.url"), !url.isEmpty {
            do {
                _ = try SMTPSettings(url: url)
                config.smtpURL = url
            } catch {
                problems.append("HAICAP_SMTP_URL: \(error.message)")
            }
        }
        if let file = reader.string(forKey: "haicap.smtp.ca.file"), !file.isEmpty {
            if FileManager.default.isReadableFile(atPath: file) {
                config.smtpCAFile = file
            } else {
                problems.append("HAICAP_SMTP_CA_FILE: không đọc được tệp «\(file)»")
            }
        }
        if let from = reader.string(forKey: "haicap.mail.from"), !from.isEmpty {
            if EmailAddress.isValid(from) { config.mailFrom = from } else { problems.append("HAICAP_MAIL_FROM: «\(from)» không phải địa chỉ thư") }
        }
        integer("haicap.mail.interval.ms", "HAICAP_MAIL_INTERVAL_MS", 50...600_000) { config.mailIntervalMs = $0 }
        if let url = reader.string(forKey: "haicap.jitsi.url"), !url.isEmpty {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil, parsed.query == nil {
                config.jitsiURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append("HAICAP_JITSI_URL: «\(url)» phải là địa chỉ http:// hoặc https://")
            }
        }
        for (key, variable, set) in [
            ("haicap.jitsi.app.id", "HAICAP_JITSI_APP_ID", { (value: String) in config.jitsiAppId = value }),
            ("haicap.jitsi.audience", "HAICAP_JITSI_AUDIENCE", { config.jitsiAudience = $0 }),
            ("haicap.jitsi.subject", "HAICAP_JITSI_SUBJECT", { config.jitsiSubject = $0 })
        ] as [(ConfigKey, String, (String) -> Void)] {
            if let value = reader.string(forKey: key) {
                if value.isEmpty || value.count > 200 { problems.append("\(variable): từ 1 đến 200 ký tự") } else { set(value) }
            }
        }
        if let secret = reader.string(forKey: "haicap.jitsi.app.secret"), !secret.isEmpty {
            if secret.utf8.count >= 32 { config.jitsiAppSecret = secret } else { problems.append("HAICAP_JITSI_APP_SECRET: ít nhất 32 byte") }
        }
        if let token = reader.string(forKey: "haicap.jitsi.reservation.token"), !token.isEmpty {
            if token.utf8.count >= 24 {
                config.jitsiReservationToken = token
            } else {
                problems.append("HAICAP_JITSI_RESERVATION_TOKEN: ít nhất 24 ký tự")
            }
        }
        integer("haicap.meeting.early.minutes", "HAICAP_MEETING_EARLY_MINUTES", 0...240) { config.meetingEarlyMinutes = $0 }
        integer("haicap.meeting.grace.minutes", "HAICAP_MEETING_GRACE_MINUTES", 0...480) { config.meetingGraceMinutes = $0 }
        if let proxies = reader.string(forKey: "haicap.trusted.proxies") {
            let list = proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let bad = list.filter { !ClientAddress.isIPAddress($0) }
            if bad.isEmpty {
                config.trustedProxies = Set(list)
            } else {
                problems.append("HAICAP_TRUSTED_PROXIES: «\(bad.joined(separator: ", "))» không phải địa chỉ IP")
            }
        }
        if !problems.isEmpty { throw Invalid(problems: problems) }
        return config
    }
}
