import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The one-stop web forms with real multipart bodies: what a browser sends.
@Suite("One-stop web forms")
struct DossierFormTests {
    static func multipart(_ fields: [(String, String)], files: [(String, String, String, Data)] = []) -> (String, ByteBuffer) {
        let boundary = "----haicap\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, type, data) in files {
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
            body += data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: body))
    }

    /// Follows a 303 as a browser does, sending back the one-view cookie the POST set.
    static func follow(_ answer: TestResponse, headers: HTTPFields, client: any TestClientProtocol) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = nil
        if let flash = answer.headers[.setCookie]?.split(separator: ";").first, flash.hasPrefix("haicap_flash=") {
            headers[.cookie] = (headers[.cookie].map { $0 + "; " } ?? "") + flash
        }
        return try await client.execute(uri: try #require(answer.headers[.location]), method: .get, headers: headers, body: nil)
    }

    static func count(_ harness: WebHarness) async throws -> Int {
        try await harness.services.database.sql.raw("SELECT COUNT(*) AS n FROM dossiers").first()!.decode(column: "n", as: Int.self)
    }

    @Test("counter intake form: a wrong field re-shows the form with the Vietnamese message and stores nothing; a good one prints Mẫu 01")
    func counterForm() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.browser("motcua.tandinh")
            let base = [
                ("_csrf", WebHarness.csrf), ("procedure", "2.000815"), ("idNumber", "079301000123"), ("phone", "0912345678"),
                ("form_BC", "scanned"), ("pages_BC", "3"), ("decision", "receive")
            ]
            let (badType, badBody) = Self.multipart(base + [("name", "")])
            headers[.contentType] = badType
            let bad = try await client.execute(uri: "/mot-cua/tiep-nhan", method: .post, headers: headers, body: badBody)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Họ tên người nộp phải có từ 2 đến 100 ký tự."))
            #expect(try await Self.count(harness) == 0)

            let scan = Data("%PDF-1.4 scan".utf8)
            let (type, body) = Self.multipart(base + [("name", "Nguyễn Văn Hùng")], files: [("file_BC", "scan.pdf", "application/pdf", scan)])
            headers[.contentType] = type
            let posted = try await client.execute(uri: "/mot-cua/tiep-nhan", method: .post, headers: headers, body: body)
            // Redirect after POST to the printable receipt; the secret is shown on that first view only.
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location]?.hasSuffix("/in/mau-01") == true)
            let good = try await Self.follow(posted, headers: headers, client: client)
            #expect(good.status == .ok)
            #expect(good.text.contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") && good.text.contains("mã tra cứu"))
            let again = try await Self.follow(posted, headers: headers, client: client)
            #expect(again.status == .ok && !again.text.contains("class=\"secret\""))
            let stored = try await harness.services.database.sql.raw("SELECT data FROM dossier_files").first()?.decode(column: "data", as: Data.self)
            #expect(stored == scan)

            // Without the CSRF token the form is refused.
            let (noTokenType, noTokenBody) = Self.multipart([("procedure", "2.000815")])
            var stranger = try await harness.browser("motcua.tandinh")
            stranger[.contentType] = noTokenType
            stranger[HTTPField.Name("X-CSRF-Token")!] = nil
            #expect(try await client.execute(uri: "/mot-cua/tiep-nhan", method: .post, headers: stranger, body: noTokenBody).status == .forbidden)
        }
    }

    @Test("online submission form: an oversized or wrong-type upload is named; a good one gives the code and secret once")
    func onlineForm() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.browser(nil)
            let agency = try #require(try await harness.services.accounts.find(username: "motcua.tandinh")).agencyId
            let base = [
                ("_csrf", WebHarness.csrf), ("procedure", "2.000815"), ("agency", agency), ("name", "Trần Thị Thu"),
                ("idNumber", "079301000124"), ("phone", "0912345679")
            ]
            let (exeType, exeBody) = Self.multipart(base, files: [("file_BC", "virus.exe", "application/x-msdownload", Data("MZ".utf8))])
            headers[.contentType] = exeType
            let exe = try await client.execute(uri: "/nop-ho-so", method: .post, headers: headers, body: exeBody)
            #expect(exe.status == .badRequest && exe.text.contains("chỉ nhận PDF, JPEG hoặc PNG"))
            let (bigType, bigBody) = Self.multipart(base, files: [("file_BC", "big.pdf", "application/pdf", Data(count: 11 * 1024 * 1024))])
            headers[.contentType] = bigType
            let big = try await client.execute(uri: "/nop-ho-so", method: .post, headers: headers, body: bigBody)
            #expect(big.status == .badRequest && big.text.contains("Tệp «big.pdf» lớn hơn 10 MB."))
            #expect(big.text.contains("value=\"Trần Thị Thu\""))  // the form comes back with what was typed
            #expect(try await Self.count(harness) == 0)

            // Declared a PDF, but the bytes are a web page: refused by content, never served inline as a PDF.
            let (htmlType, htmlBody) = Self.multipart(
                base,
                files: [
                    (
                        "file_BC", "ban-chinh.pdf", "application/pdf",
                        Data("<html><script>alert(1)</script></html>".utf8)
                    )
                ])
            headers[.contentType] = htmlType
            let html = try await client.execute(uri: "/nop-ho-so", method: .post, headers: headers, body: htmlBody)
            #expect(html.status == .badRequest && html.text.contains("chỉ nhận PDF, JPEG hoặc PNG"))

            let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
            let (type, body) = Self.multipart(base, files: [("file_BC", "ban-chinh.png", "application/octet-stream", png)])
            headers[.contentType] = type
            let posted = try await client.execute(uri: "/nop-ho-so", method: .post, headers: headers, body: body)
            #expect(posted.status == .seeOther && posted.headers[.location] == "/nop-ho-so?da-nop=1")
            let good = try await Self.follow(posted, headers: headers, client: client)
            #expect(good.status == .ok && good.text.contains("Đã nộp hồ sơ") && good.text.contains("id=\"ma-tra-cuu\""))
            let refreshed = try await Self.follow(posted, headers: headers, client: client)
            #expect(!refreshed.text.contains("id=\"ma-tra-cuu\""))
            let dossier = try #require(
                try await harness.services.dossiers.list(
                    DossierStore.Query(),
                    for:
                        Principal(userId: 1, username: "x", fullName: "x", role: .admin, agencyId: agency, unitCode: nil),
                    now: harness.services.clock.now()
                ).items.first)
            #expect(dossier.channel == .online && dossier.status == .submitted && dossier.fullOnline)
        }
    }

    @Test("the citizen downloads the signed electronic result with the code and secret (posted, never in the address)")
    func resultDownload() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            func principal(_ username: String) async throws -> Principal {
                try await services.accounts.principal(for: try #require(try await services.accounts.find(username: username)))
            }
            let officer = try await principal("motcua.tandinh")
            let request = IntakeRequest(
                procedureCode: "2.000815", agencyId: nil, channel: .direct,
                applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
                components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
            let intake = try await services.dossiers.intake(request, by: officer, at: services.clock.now())
            let code = intake.dossier.code
            let now = services.clock.now()
            _ = try await services.dossiers.act(code, .assign, ActionInput(), by: try await principal("chuyenvien.tandinh"), at: now)
            _ = try await services.dossiers.act(code, .propose, ActionInput(), by: try await principal("chuyenvien.tandinh"), at: now)
            _ = try await services.dossiers.act(code, .approve, ActionInput(), by: try await principal("lanhdao.tandinh"), at: now)
            let pdf = Data("%PDF-1.4 ban sao dien tu".utf8)
            _ = try await services.dossiers.act(
                code, .sign,
                ActionInput(
                    resultNumber: "12/CT",
                    resultFile: IntakeRequest.File(
                        componentCode: "", name: "ket-qua.pdf", contentType: "application/pdf", data: pdf)),
                by: try await principal("vanthu.tandinh"), at: now)

            var headers = try await harness.browser(nil)
            headers[.contentType] = "application/x-www-form-urlencoded"
            let form = "_csrf=\(WebHarness.csrf)&code=\(code)&secret=\(intake.secret)"
            let page = try await client.execute(uri: "/tra-cuu-ho-so", method: .post, headers: headers, body: ByteBuffer(string: form))
            #expect(page.status == .ok && page.text.contains("Tải kết quả điện tử"))
            let file = try await client.execute(uri: "/tra-cuu-ho-so/ket-qua", method: .post, headers: headers, body: ByteBuffer(string: form))
            #expect(file.status == .ok && Data(buffer: file.body) == pdf)
            let wrong = "_csrf=\(WebHarness.csrf)&code=\(code)&secret=WRONGWRO"
            #expect(
                try await client.execute(uri: "/tra-cuu-ho-so/ket-qua", method: .post, headers: headers, body: ByteBuffer(string: wrong)).status
                    == .notFound)
        }
    }
}
