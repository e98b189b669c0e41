import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Open311 GeoReport v2 and the 1022 JSON API through the real application, on SQLite and (in CI)
/// PostgreSQL: form-encoded POST with a key, filters, both formats, errors in the spec's shape,
/// statistics. The georeport client drives the same endpoints from outside in tests/e2e.
@Suite("Open311 and the 1022 API")
struct Open311Tests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return ByteBuffer(
            string: fields.map {
                "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
            }
            .joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func count(_ services: AppServices) async throws -> Int {
        try await services.database.sql.raw("SELECT COUNT(*) AS n FROM feedback_reports").first()!.decode(column: "n", as: Int.self)
    }

    @Test("POST with a key routes by position; reads in JSON and XML; wrong key, bad position, JSON body are refused in the spec's shape")
    func requests() async throws {
        try await WebHarness.run { harness, client in
            let (_, key) = try await harness.services.open311Keys.create(name: "thử nghiệm", by: nil, at: harness.services.clock.now())
            let created = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("api_key", key), ("service_code", "ha-tang"), ("lat", "10.7769"), ("long", "106.7009"),
                    ("description", "Ổ gà sâu trước số 30 Lê Lợi"), ("attribute[muc-do]", "nguy-hiem"), ("email", "an@example.vn"),
                    ("first_name", "Văn An"), ("last_name", "Nguyễn")
                ]))
            #expect(created.status == .created, "\(created.text)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [[String: Any]])
            let id = try #require(answer.first?["service_request_id"] as? String)
            let token = try #require(answer.first?["token"] as? String)
            #expect(answer.first?["account_id"] is NSNull)

            let xml = try await client.execute(uri: "/open311/v2/requests/\(id).xml?extensions=true", method: .get)
            #expect(xml.headers[.contentType]?.contains("xml") == true)
            #expect(xml.text.hasPrefix("<?xml"))
            #expect(xml.text.contains("<service_request_id>\(id)</service_request_id>"))
            #expect(xml.text.contains("<agency_responsible>Ủy ban nhân dân Phường Sài Gòn</agency_responsible>"))
            #expect(xml.text.contains("<ward_code>26740</ward_code>"))
            #expect(!xml.text.contains("an@example.vn") && !xml.text.contains("Nguyễn Văn An"))
            let tokenAnswer = try await client.execute(uri: "/open311/v2/tokens/\(token).json", method: .get)
            #expect(tokenAnswer.text.contains("\"service_request_id\":\"\(id)\""))

            let list = try await client.execute(uri: "/open311/v2/requests.json?service_code=ha-tang,cay-xanh&status=open", method: .get)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [[String: Any]])
            #expect(items.map { $0["service_request_id"] as? String } == [id])
            #expect(items.first?["extended_attributes"] == nil)
            let closed = try await client.execute(uri: "/open311/v2/requests.json?status=closed", method: .get)
            #expect(closed.text == "[]")

            let before = try await Self.count(harness.services)
            let wrongKey = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("api_key", "o311_sai"), ("service_code", "chieu-sang"), ("lat", "10.7769"), ("long", "106.7009")
                ]))
            #expect(wrongKey.status == .forbidden)
            let error = try #require(try JSONSerialization.jsonObject(with: Data(buffer: wrongKey.body)) as? [[String: Any]])
            #expect(error.first?["code"] as? Int == 403)
            let badLat = try await client.execute(
                uri: "/open311/v2/requests.xml", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("api_key", key), ("service_code", "chieu-sang"), ("lat", "95"), ("long", "106.7009")
                ]))
            #expect(badLat.status == .badRequest)
            #expect(badLat.text.contains("<errors><error><code>400</code><description>"))
            let json = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"api_key\": \"\(key)\"}"))
            #expect(json.status == .badRequest)
            let brokenEscape = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: Self.formHeaders,
                body: ByteBuffer(string: "api_key=\(key)&service_code=chieu-sang&description=%E1%ZZ&lat=10.7&long=106.7"))
            #expect(brokenEscape.status == .badRequest)
            let unknown = try await client.execute(uri: "/open311/v2/services/khong-co.json", method: .get)
            #expect(unknown.status == .notFound)
            let jurisdiction = try await client.execute(uri: "/open311/v2/services.json?jurisdiction_id=hanoi.gov.vn", method: .get)
            #expect(jurisdiction.status == .notFound)
            #expect(try await Self.count(harness.services) == before)
        }
    }

    @Test(
        "The JSON API: a citizen's report without a token hides contacts; staff see them; malformed JSON is a 400 and stores nothing; statistics count answers on time"
    )
    func api() async throws {
        try await WebHarness.run { harness, client in
            var json = try await harness.browser(nil)
            json[.contentType] = "application/json"
            let body =
                #"{"category":"chieu-sang","description":"Đèn đường tắt cả đoạn trước trường học","lat":10.7905,"lon":106.6905,"name":"Trần Bình","phone":"0912000111"}"#
            let created = try await client.execute(uri: "/api/v1/feedback", method: .post, headers: json, body: ByteBuffer(string: body))
            #expect(created.status == .created, "\(created.text)")
            let report = try created.json()
            let id = try #require(report["id"] as? Int)
            #expect(report["token"] is String)
            #expect(report["reporter"] == nil)
            let before = try await Self.count(harness.services)
            let broken = try await client.execute(uri: "/api/v1/feedback", method: .post, headers: json, body: ByteBuffer(string: "{\"category\": "))
            #expect(broken.status == .badRequest)
            #expect(try await Self.count(harness.services) == before)

            let anonymous = try await client.execute(uri: "/api/v1/feedback/\(id)", method: .get)
            #expect(!anonymous.text.contains("0912000111"))
            let staffHeaders = try await harness.bearer("lanhdao.tandinh")
            let unit = try #require(report["unitCode"] as? String)
            let staff = try await client.execute(uri: "/api/v1/feedback/\(id)", method: .get, headers: staffHeaders)
            #expect(staff.text.contains("0912000111") == (unit == "26737"), "\(unit)")

            let specialist = try await harness.services.accounts.principal(for: try await harness.services.accounts.find(username: "admin")!)
            _ = try await harness.services.reports.act(
                id, .answer, ReportActionInput(note: "Đã sửa xong tủ điện chiếu sáng."),
                by: .official(specialist), at: harness.services.clock.now())
            let stats = try await client.execute(uri: "/api/v1/feedback/stats?by=category", method: .get)
            let figures = try stats.json()
            let total = try #require(figures["total"] as? [String: Any])
            #expect(total["received"] as? Int == 1)
            #expect(total["answeredOnTime"] as? Int == 1)
            #expect(total["onTimeRate"] as? Double == 100)
            let locate = try await client.execute(uri: "/api/v1/locate?lat=10.30&lon=106.95", method: .get)
            #expect(try locate.json()["unitCode"] == nil)
        }
    }
}
