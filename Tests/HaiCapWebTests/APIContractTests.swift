import HTTPTypes
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Public API contracts, error format and pages")
struct APIContractTests {
    @Test("GET /api/v1/units filters by type and searches with or without diacritics")
    func units() async throws {
        try await WebHarness.run { _, client in
            let all = try await client.execute(uri: "/api/v1/units", method: .get).json()
            #expect(all["total"] as? Int == 168)
            for (type, count) in [("phuong", 113), ("xa", 54), ("dac-khu", 1)] {
                let json = try await client.execute(uri: "/api/v1/units?type=\(type)", method: .get).json()
                #expect(json["total"] as? Int == count, "\(type)")
            }
            for query in ["tan%20dinh", "T%C3%A2n%20%C4%90%E1%BB%8Bnh", "TAN%20DINH"] {
                let json = try await client.execute(uri: "/api/v1/units?q=\(query)", method: .get).json()
                let items = json["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["code"] as? String } == ["26737"], "\(query)")
                #expect(items.first?["name"] as? String == "Phường Tân Định")
                #expect(items.first?["type"] as? String == "phuong")
            }
            let bad = try await client.execute(uri: "/api/v1/units?type=quan", method: .get)
            #expect(bad.status == .badRequest)
            let error = try bad.json()["error"] as? [String: Any]
            #expect(error?["code"] as? String == "validation")
            #expect((error?["message"] as? String)?.contains("phuong, xa hoặc dac-khu") == true)
        }
    }

    @Test("GET /api/v1/units/{code}: old wards merged in (whole or part) and the unit's agencies; unknown code → 404 JSON")
    func unitDetail() async throws {
        try await WebHarness.run { _, client in
            let json = try await client.execute(uri: "/api/v1/units/26737", method: .get).json()
            let predecessors = json["predecessors"] as? [[String: Any]] ?? []
            let names = Set(predecessors.compactMap { ($0["ward"] as? [String: Any])?["name"] as? String })
            #expect(names.isSuperset(of: ["Phường Tân Định", "Phường Đa Kao"]))
            #expect(predecessors.contains { ($0["ward"] as? [String: Any])?["name"] as? String == "Phường Đa Kao" && $0["partial"] as? Bool == true })
            let agencies = json["agencies"] as? [[String: Any]] ?? []
            #expect(agencies.count == 2)
            let missing = try await client.execute(uri: "/api/v1/units/99999", method: .get)
            #expect(missing.status == .notFound)
            #expect((try missing.json()["error"] as? [String: Any])?["code"] as? String == "unit.not_found")
        }
    }

    @Test("GET /api/v1/resolve: split ward lists every successor with the default marked; renumbered codes resolve")
    func resolve() async throws {
        try await WebHarness.run { _, client in
            let json = try await client.execute(uri: "/api/v1/resolve?address=P.%20%C4%90a%20Kao%2C%20Q.1", method: .get).json()
            let matches = json["matches"] as? [[String: Any]] ?? []
            #expect(matches.count == 1)
            let new = matches.first?["new"] as? [[String: Any]] ?? []
            #expect(new.map { $0["code"] as? String } == ["26740", "26737"])
            #expect(new.map { $0["isDefault"] as? Bool } == [true, false])
            #expect((matches.first?["old"] as? [String: Any])?["code"] as? String == "26737")
            for code in ["26935", "26929"] {
                let renumbered = try await client.execute(uri: "/api/v1/resolve?address=\(code)", method: .get).json()
                let first = (renumbered["matches"] as? [[String: Any]])?.first?["new"] as? [[String: Any]]
                #expect(first?.first?["code"] as? String == "26929")
            }
            let ambiguous = try await client.execute(uri: "/api/v1/resolve?address=Ph%C6%B0%E1%BB%9Dng%2014", method: .get).json()
            #expect(ambiguous["ambiguous"] as? Bool == true)
            #expect((ambiguous["matches"] as? [Any])?.count == 9)
            let structured = try await client.execute(uri: "/api/v1/resolve?ward=14&district=B%C3%ACnh%20Th%E1%BA%A1nh", method: .get).json()
            #expect(((structured["matches"] as? [[String: Any]])?.first?["new"] as? [[String: Any]])?.first?["code"] as? String == "26929")
            #expect(try await client.execute(uri: "/api/v1/resolve", method: .get).status == .badRequest)
        }
    }

    @Test("GET /api/v1/agencies returns identifiers, filters by unit and searches")
    func agencies() async throws {
        try await WebHarness.run { _, client in
            let byUnit = try await client.execute(uri: "/api/v1/agencies?unit=26737", method: .get).json()
            #expect(byUnit["total"] as? Int == 2)
            let ids = (byUnit["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.allSatisfy { $0.hasSuffix(".90.H29") })
            let city = try await client.execute(uri: "/api/v1/agencies?q=uy%20ban%20nhan%20dan%20thanh%20pho", method: .get).json()
            #expect((city["items"] as? [[String: Any]])?.first?["id"] as? String == "000.00.00.H29")
            #expect(try await client.execute(uri: "/api/v1/agencies?unit=00000", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/api/v1/agencies/000.00.99.H29", method: .get).status == .notFound)
        }
    }

    @Test("admin API: bad JSON and bad fields are rejected with every problem named, and nothing is written")
    func badInput() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.bearer("admin")
            headers[.contentType] = "application/json"
            let before = try await harness.services.accounts.list().total
            let malformed = try await client.execute(uri: "/api/v1/users", method: .post, headers: headers, body: ByteBuffer(string: "{not json"))
            #expect(malformed.status == .badRequest)
            let invalid = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"username":"x","password":"123","role":"boss","agency":"000.00.00.H29"}"#))
            #expect(invalid.status == .badRequest)
            let fields = ((try invalid.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["username", "password", "role"])
            let duplicate = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"username":"admin","password":"matkhau12345","role":"admin","agency":"000.00.00.H29"}"#))
            #expect(duplicate.status == .conflict)
            #expect(try await harness.services.accounts.list().total == before)
            var plain = headers
            plain[.contentType] = "text/plain"
            #expect(
                try await client.execute(uri: "/api/v1/users", method: .post, headers: plain, body: ByteBuffer(string: "{}")).status == .badRequest)
        }
    }

    @Test("every admin write lands in the audit log, which admins filter over the API")
    func auditOverAPI() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.bearer("admin")
            headers[.contentType] = "application/json"
            _ = try await client.execute(
                uri: "/api/v1/agencies/000.00.02.H29", method: .patch, headers: headers,
                body: ByteBuffer(string: #"{"name":"Sở Nội vụ Thành phố Hồ Chí Minh"}"#))
            let audit = try await client.execute(uri: "/api/v1/audit?action=agency.&user=admin", method: .get, headers: headers).json()
            let items = audit["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["targetId"] as? String == "000.00.02.H29")
            #expect(try await client.execute(uri: "/api/v1/audit?from=2025-13-01", method: .get, headers: headers).status == .badRequest)
            #expect(try await harness.services.audit.verify() == .intact(entries: try await harness.services.audit.list(.init()).total))
        }
    }

    @Test("web errors are Vietnamese HTML pages with the real status; health, metrics and OpenAPI are served")
    func pagesAndOperations() async throws {
        try await WebHarness.run { _, client in
            let missing = try await client.execute(uri: "/khong-co-trang-nay", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(missing.text.contains("Không tìm thấy"))
            let apiMissing = try await client.execute(uri: "/api/v1/khong-co", method: .get)
            #expect(apiMissing.status == .notFound)
            #expect(apiMissing.headers[.contentType]?.hasPrefix("application/json") == true)
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok && health.text.contains("\"ok\""))
            #expect(health.headers[HTTPField.Name("X-Request-Id")!] != nil)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.text.contains("hb_requests"))
            let openapi = try await client.execute(uri: "/api/v1/openapi.yaml", method: .get)
            #expect(openapi.text.hasPrefix("openapi: 3.1"))
            let directory = try await client.execute(uri: "/don-vi?q=ben%20thanh", method: .get)
            #expect(directory.text.contains("Phường Bến Thành") && directory.text.contains("<main id=\"noi-dung\""))
            let resolver = try await client.execute(
                uri: "/tra-cuu-don-vi-moi?address=Ph%C6%B0%E1%BB%9Dng%2014%2C%20Qu%E1%BA%ADn%20B%C3%ACnh%20Th%E1%BA%A1nh", method: .get)
            #expect(resolver.text.contains("Phường Bình Thạnh"))
            let unit = try await client.execute(uri: "/don-vi/26732", method: .get)
            #expect(unit.text.contains("Đặc khu Côn Đảo"))
        }
    }

    @Test("browsers' GET forms encode spaces as +: searches still match")
    func plusIsSpace() async throws {
        try await WebHarness.run { _, client in
            let json = try await client.execute(uri: "/api/v1/units?q=tan+dinh", method: .get).json()
            #expect(json["total"] as? Int == 1)
            let page = try await client.execute(uri: "/don-vi?q=tan+dinh", method: .get).text
            #expect(page.contains("Tìm thấy 1 đơn vị") && page.contains("value=\"tan dinh\""))
        }
    }

    @Test("an anonymous visitor is offered the login, not a logout; a body over the limit is 413, not 500")
    func anonymousHeaderAndLimits() async throws {
        try await WebHarness.run { harness, client in
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("Đăng nhập cán bộ") && !home.contains("Đăng xuất"))
            var headers = try await harness.bearer("admin")
            headers[.contentType] = "application/json"
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: 25 * 1024 * 1024)
            let response = try await client.execute(uri: "/api/v1/tokens", method: .post, headers: headers, body: big)
            #expect(response.status == .contentTooLarge)
            #expect((try response.json()["error"] as? [String: Any])?["code"] as? String == "body.too_large")
        }
    }

    @Test("the home page greets each role with its agency and scope")
    func roleHome() async throws {
        try await WebHarness.run { harness, client in
            let officer = try await client.execute(uri: "/", method: .get, headers: try await harness.browser("motcua.tandinh")).text
            #expect(officer.contains("Cán bộ một cửa") && officer.contains("Phường Tân Định") && officer.contains("Chỉ hồ sơ của"))
            let admin = try await client.execute(uri: "/", method: .get, headers: try await harness.browser("admin")).text
            #expect(admin.contains("Toàn thành phố") && admin.contains("Nhật ký kiểm toán"))
        }
    }
}
