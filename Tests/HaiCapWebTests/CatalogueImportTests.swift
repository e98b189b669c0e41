import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Procedure catalogue: national-layout import and versions")
struct CatalogueImportTests {
    static func procedure(version: Int, validFrom: String, fee: Int, kenh: String = "1") -> String {
        """
        [
          {
            "MATTHC": "2.000815",
            "TENTTHC": "Chứng thực bản sao từ bản chính",
            "PHIENBAN": \(version),
            "NGAYHIEULUC": "\(validFrom)",
            "LINHVUCTHUCHIEN": [{"MALINHVUC": "CT", "TENLINHVUC": "Chứng thực"}],
            "CACHTHUCTHUCHIEN": [
              {"KENH": \(kenh), "THOIGIAN": [{"THOIGIANGIAIQUYET": 1, "DONVITINH": "Ngày làm việc", "PHILEPHI": [{"SOTIEN": \(fee), "DONVI": "Đồng"}]}]}
            ],
            "THANHPHANHOSO": [{"GIAYTO": [{"MAGIAYTO": "BC", "TENGIAYTO": "Bản chính và bản sao"}]}],
            "KETQUATHUCHIEN": [{"MAKETQUA": "KQ", "TENKETQUA": "Bản sao có chứng thực"}]
          }
        ]
        """
    }

    @Test("a bad file is rejected whole, naming the line and field; nothing is stored")
    func badFile() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.bearer("admin")
            headers[.contentType] = "application/json"
            let bad = Self.procedure(version: 2, validFrom: "2026-12-01", fee: 5000, kenh: "\"một\"")
            let response = try await client.execute(uri: "/api/v1/procedures/import", method: .post, headers: headers, body: ByteBuffer(string: bad))
            #expect(response.status == .badRequest)
            let error = try response.json()["error"] as? [String: Any]
            let fields = (error?["fields"] as? [[String: Any]])?.first
            #expect(fields?["field"] as? String == "[0].CACHTHUCTHUCHIEN[0].KENH")
            #expect((fields?["message"] as? String)?.hasPrefix("Dòng 9,") == true)
            let syntax = try await client.execute(
                uri: "/api/v1/procedures/import", method: .post, headers: headers,
                body: ByteBuffer(string: "[\n{\"MATTHC\": \"1.1\",\n}"))
            #expect(
                (try syntax.json()["error"] as? [String: Any])?["message"] as? String
                    == "Dữ liệu không hợp lệ: file: Dòng 3: Thiếu tên trường (chuỗi trong ngoặc kép).")
            #expect(try await harness.services.procedures.versions(code: "2.000815").count == 1)
            let officer = try await harness.bearer("motcua.tandinh")
            #expect(
                try await client.execute(uri: "/api/v1/procedures/import", method: .post, headers: officer, body: ByteBuffer(string: bad)).status
                    == .forbidden)
        }
    }

    @Test("every problem of every procedure is listed at once, each with its line and field")
    func everyProblem() {
        let good = Self.procedure(version: 2, validFrom: "2026-12-01", fee: 5000)
        let bad = good.replacingOccurrences(of: "\"NGAYHIEULUC\": \"2026-12-01\"", with: "\"NGAYHIEULUC\": \"01/12/2026\"")
            .replacingOccurrences(of: "\"DONVITINH\": \"Ngày làm việc\"", with: "\"DONVITINH\": \"tuần\"")
            .replacingOccurrences(of: "\"TENKETQUA\": \"Bản sao có chứng thực\"", with: "\"TENKETQUA\": \"\"")
        let second = bad.dropFirst().dropLast().replacingOccurrences(of: "2.000815", with: "1.000001")
            .trimmingCharacters(in: .whitespacesAndNewlines).dropLast(1)
        let file = "[" + bad.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines).dropLast() + "," + second + "}]"
        do {
            _ = try NationalCatalogue.procedures(from: String(file))
            Issue.record("accepted")
        } catch {
            let fields = error.problems.map(\.field)
            #expect(
                fields == [
                    "[0].NGAYHIEULUC", "[0].CACHTHUCTHUCHIEN[0].THOIGIAN[0].DONVITINH", "[0].KETQUATHUCHIEN[0].TENKETQUA",
                    "[1].NGAYHIEULUC", "[1].CACHTHUCTHUCHIEN[0].THOIGIAN[0].DONVITINH", "[1].KETQUATHUCHIEN[0].TENKETQUA"
                ], "\(fields)")
            #expect(error.problems.allSatisfy { $0.message.hasPrefix("Dòng ") })
        }
    }

    @Test("a new version applies from its date; a dossier keeps the version in force when it was received")
    func versions() async throws {
        try await WebHarness.run { harness, client in
            let clock = harness.services.clock as! FixedClock
            clock.set(VietnamTime.date(2026, 11, 23, 9, 0))
            var headers = try await harness.bearer("admin")
            headers[.contentType] = "application/json"
            let file = Self.procedure(version: 2, validFrom: "2026-12-01", fee: 5000)
            let imported = try await client.execute(uri: "/api/v1/procedures/import", method: .post, headers: headers, body: ByteBuffer(string: file))
            #expect(imported.status == .created)
            // The same file again changes nothing; the same version with other content is refused.
            #expect(
                try await client.execute(uri: "/api/v1/procedures/import", method: .post, headers: headers, body: ByteBuffer(string: file)).status
                    == .ok)
            let changed = Self.procedure(version: 2, validFrom: "2026-12-01", fee: 6000)
            #expect(
                try await client.execute(uri: "/api/v1/procedures/import", method: .post, headers: headers, body: ByteBuffer(string: changed)).status
                    == .badRequest)

            let officer = try await harness.services.accounts.principal(
                for: try #require(try await harness.services.accounts.find(username: "motcua.tandinh")))
            func intake() async throws -> Dossier {
                let request = IntakeRequest(
                    procedureCode: "2.000815", agencyId: nil, channel: .direct,
                    applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
                    components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
                return try await harness.services.dossiers.intake(request, by: officer, at: clock.now()).dossier
            }
            let before = try await intake()
            #expect(before.procedureVersion == 1)
            clock.set(VietnamTime.date(2026, 12, 1, 9, 0))
            let after = try await intake()
            #expect(after.procedureVersion == 2 && after.fee == 5000)
            let catalogue = try await client.execute(uri: "/api/v1/procedures?on=2026-12-01", method: .get).text
            #expect(catalogue.contains("\"version\":2"))
            let old = try await harness.services.dossiers.get(before.code)
            #expect(old.procedureVersion == 1)
        }
    }

    @Test("editing a procedure in the UI saves a new version from a date; a bad component line is refused and nothing is saved")
    func editInUI() async throws {
        try await WebHarness.run { harness, client in
            (harness.services.clock as! FixedClock).set(VietnamTime.date(2026, 11, 23, 9, 0))
            var headers = try await harness.browser("admin")
            headers[.contentType] = "application/x-www-form-urlencoded"
            func form(_ components: String) -> ByteBuffer {
                let fields = [
                    "_csrf": WebHarness.csrf, "name": "Chứng thực bản sao từ bản chính", "validFrom": "2026-12-01",
                    "offer_direct": "on", "time_direct": "2", "unit_direct": "workingDays", "feeKind": "fixed", "feeAmount": "3000",
                    "apologyLimit": "2", "components": components
                ]
                return ByteBuffer(
                    string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                        .joined(separator: "&"))
            }
            let bad = try await client.execute(uri: "/quan-tri/thu-tuc/2.000815", method: .post, headers: headers, body: form("BC"))
            #expect(bad.status == .badRequest && bad.text.contains("Dòng 1"))
            #expect(try await harness.services.procedures.versions(code: "2.000815").count == 1)
            let good = try await client.execute(
                uri: "/quan-tri/thu-tuc/2.000815", method: .post, headers: headers,
                body: form("BC | Bản chính và bản sao | | bắt buộc | 1\nGT | Giấy tờ tùy thân | | nếu có | 1"))
            // Redirect after POST: the editor (GET) says what was saved, once.
            #expect(good.status == .seeOther && good.headers[.location] == "/quan-tri/thu-tuc/2.000815")
            let shown = try await DossierFormTests.follow(good, headers: headers, client: client)
            #expect(shown.status == .ok && shown.text.contains("Đã lưu phiên bản 2"))
            let latest = try await harness.services.procedures.versions(code: "2.000815")[0]
            #expect(latest.version == 2 && latest.validFrom.iso == "2026-12-01" && latest.fee == .fixed(amount: 3000))
            #expect(latest.channels.map(\.channel) == [.direct] && latest.components.map(\.code) == ["BC", "GT"] && latest.apologyLimit == 2)
            #expect(latest.components[1].required == false)
        }
    }
}
