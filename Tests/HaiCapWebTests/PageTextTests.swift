import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
@testable import HaiCapWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What people read on pages: no "nil", no ISO instants, no internal codes, labels instead of keys,
/// Vietnamese order and numbers, each role's landing page, paging.
@Suite("What users meet on pages")
struct PageTextTests {
    /// An ISO instant such as 2026-12-11T17:00.
    static func hasISOInstant(_ text: String) -> Bool {
        text.range(of: #"\d{4}-\d{2}-\d{2}T"#, options: .regularExpression) != nil
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, _ headers: HTTPFields) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
    }

    @Test("an absent optional renders nothing: no «nil» on the login, token and holiday pages, no saved notice on a plain visit")
    func noNil() async throws {
        try await WebHarness.run { harness, client in
            let login = try await Self.get(client, "/dang-nhap", try await harness.browser(nil))
            #expect(login.status == .ok)
            #expect(!login.text.contains(">nil<") && !login.text.contains("role=\"alert\""))
            let admin = try await harness.browser("admin")
            let tokens = try await Self.get(client, "/quan-tri/token", admin)
            #expect(tokens.status == .ok && !tokens.text.contains(">nil<") && !tokens.text.contains("nil</code>"))
            let holidays = try await Self.get(client, "/quan-tri/lich-nghi", admin)
            #expect(holidays.status == .ok && !holidays.text.contains("Đã lưu thông báo"))
        }
    }

    @Test("the model cleaner drops nil optionals at every depth")
    func cleaner() {
        let missing: String? = nil
        let model: [String: Any] = ["a": missing as Any, "b": Optional("x") as Any, "c": [["d": missing as Any, "e": 1]]]
        let cleaned = MustacheModel.clean(model) as? [String: Any]
        #expect(cleaned?["a"] == nil)
        #expect(cleaned?["b"] as? String == "x")
        #expect(((cleaned?["c"] as? [Any])?.first as? [String: Any])?.keys.sorted() == ["e"])
    }

    @Test("numbers and times as Vietnamese read them")
    func formats() {
        #expect(DossierViews.number(12316) == "12.316")
        #expect(DossierViews.number(1_234_567) == "1.234.567")
        #expect(DossierViews.number(999) == "999")
        #expect(DossierViews.date(iso: "2026-12-11") == "11/12/2026")
    }

    @Test("a 1022 report's public page prints times as 17:00 11/12/2026, never ISO")
    func reportTimes() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let submitted = try await services.reports.submit(FeedbackTests.draft(lat: 10.7769, lon: 106.7009), by: nil, at: services.clock.now())
            let page = try await Self.get(client, "/phan-anh/\(submitted.report.id)", try await harness.browser(nil))
            #expect(page.status == .ok)
            #expect(!Self.hasISOInstant(page.text))
            #expect(page.text.contains(DossierViews.time(submitted.report.due)))
            let staff = try await Self.get(client, "/xu-ly-phan-anh/\(submitted.report.id)", try await harness.browser("admin"))
            #expect(staff.status == .ok && !Self.hasISOInstant(staff.text))
        }
    }

    @Test("both kinds draw their actions through the one action panel: labelled fields, required marks, the allowed actions only")
    func actionPanels() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let submitted = try await services.reports.submit(FeedbackTests.draft(lat: 10.7769, lon: 106.7009), by: nil, at: services.clock.now())
            let report = try await Self.get(client, "/xu-ly-phan-anh/\(submitted.report.id)", try await harness.browser("admin"))
            #expect(report.text.contains("<h3>Phân công</h3>"))
            #expect(
                report.text.contains(
                    #"<label for="forward-note">Lý do <span class="req" aria-hidden="true">*</span></label><input id="forward-note" name="note" type="text" value="" required aria-required="true">"#
                ))
            // An open report is answered, not rated or reopened.
            #expect(report.text.contains(#"<textarea id="answer-note" name="note" rows="4" required aria-required="true"></textarea>"#))
            #expect(!report.text.contains("rate-value") && !report.text.contains("reopen-note"))

            let officer = try await services.accounts.principal(for: try #require(try await services.accounts.find(username: "motcua.tandinh")))
            let request = IntakeRequest(
                procedureCode: "2.000815", agencyId: nil, channel: .direct,
                applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
                components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
            let code = try await services.dossiers.intake(request, by: officer, at: services.clock.now()).dossier.code
            let dossier = try await Self.get(client, "/mot-cua/ho-so/\(code)", try await harness.browser("lanhdao.tandinh"))
            #expect(dossier.text.contains("<details><summary>Chuyển xử lý / phân công</summary>"))
            #expect(dossier.text.contains(#"<select id="assignee-assign" name="assigneeId"><option value="">(tôi nhận xử lý)</option>"#))
            #expect(dossier.text.contains(#"enctype="multipart/form-data""#))
            #expect(!dossier.text.contains("Xin lỗi, hẹn lại ngày trả"), "the apology is offered only once a dossier is overdue")
        }
    }

    @Test("after login each role lands on its own work; /quan-tri is the administrators' index")
    func landing() async throws {
        try await WebHarness.run { harness, client in
            for (username, landing) in [
                ("admin", "/quan-tri"), ("motcua.tandinh", "/mot-cua"), ("tongdai1022", "/xu-ly-phan-anh"),
                ("hcdc", "/")
            ] {
                var headers = try await harness.browser(nil)
                headers[.contentType] = "application/x-www-form-urlencoded"
                let body =
                    "_csrf=\(WebHarness.csrf)&username=\(username)&password=\(DemoSeeder.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&next=/"
                let answer = try await client.execute(uri: "/dang-nhap", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(answer.status == .seeOther, "\(username)")
                #expect(answer.headers[.location] == landing, "\(username)")
            }
            let index = try await Self.get(client, "/quan-tri", try await harness.browser("admin"))
            #expect(index.status == .ok && index.text.contains("/quan-tri/nguoi-dung") && index.text.contains("/quan-tri/ranh-gioi"))
        }
    }

    @Test("766 dashboard: wards in Vietnamese order; a ward leader opens on their own ward")
    func indicatorsOrder() async throws {
        try await WebHarness.run { harness, client in
            let city = try await Self.get(client, "/chi-so-766", try await harness.browser(nil))
            let text = city.text
            let dong = try #require(text.range(of: ">Phường An Hội Đông<"))
            let tay = try #require(text.range(of: ">Phường An Hội Tây<"))
            #expect(dong.lowerBound < tay.lowerBound)
            let dakao = try #require(text.range(of: ">Phường Đa Kao<") ?? text.range(of: ">Phường Đức Nhuận<"))
            let xa = try #require(text.range(of: ">Xã An Nhơn Tây<"))
            #expect(dakao.lowerBound < xa.lowerBound)
            let directory = try await Self.get(client, "/don-vi", try await harness.browser(nil)).text
            let dongRow = try #require(directory.range(of: ">Phường An Hội Đông<"))
            let tayRow = try #require(directory.range(of: ">Phường An Hội Tây<"))
            let dRow = try #require(directory.range(of: ">Phường Diên Hồng<"))
            let ddRow = try #require(directory.range(of: ">Phường Đức Nhuận<"))
            let eRow = try #require(directory.range(of: ">Phường Gia Định<"))
            #expect(dongRow.lowerBound < tayRow.lowerBound && dRow.lowerBound < ddRow.lowerBound && ddRow.lowerBound < eRow.lowerBound)
            let leader = try await Self.get(client, "/chi-so-766", try await harness.browser("lanhdao.tandinh"))
            #expect(leader.text.contains("<option value=\"26737\" selected>"))
        }
    }

    @Test(
        "counter intake: optional papers start as «không áp dụng»; «đã số hóa» without a scan is refused next to the paper, with every other problem at once, in words"
    )
    func intakeProblems() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.browser("motcua.tandinh")
            let form = try await Self.get(client, "/mot-cua/tiep-nhan?procedure=2.000815", headers)
            #expect(form.text.contains("<option value=\"missing\" selected>Không áp dụng</option>"))
            let (type, body) = DossierFormTests.multipart([
                ("_csrf", WebHarness.csrf), ("procedure", "2.000815"), ("name", ""),
                ("idNumber", "12"), ("phone", "0912345678"), ("form_BC", "scanned"),
                ("pages_BC", "1"), ("decision", "receive")
            ])
            headers[.contentType] = type
            let answer = try await client.execute(uri: "/mot-cua/tiep-nhan", method: .post, headers: headers, body: body)
            #expect(answer.status == .badRequest)
            let text = answer.text
            #expect(text.contains("chưa đính kèm bản quét"))
            #expect(text.contains("Họ tên người nộp phải có từ 2 đến 100 ký tự."))
            #expect(text.contains("Số định danh phải gồm 12 chữ số"))
            #expect(text.contains("class=\"field-error\" id=\"name-error\""))
            #expect(!text.contains("<strong>file_BC</strong>") && !text.contains("applicant.idNumber"))
            #expect(text.contains("Bản quét: Bản chính giấy tờ"))
            let stored = try await DossierFormTests.count(harness)
            #expect(stored == 0)
        }
    }

    @Test("audit actions, roles and states in words; long lists paged with the total")
    func labelsAndPaging() async throws {
        try await WebHarness.run { harness, client in
            let admin = try await harness.browser("admin")
            let users = try await Self.get(client, "/quan-tri/nguoi-dung", admin)
            #expect(!users.text.contains("(officer)") && !users.text.contains("(operator-1022)"))
            let agencies = try await Self.get(client, "/quan-tri/co-quan", admin)
            #expect(agencies.text.contains("Hiển thị 1–50 trong"))
            #expect(agencies.text.contains("Trang 1 / "))
            let second = try await Self.get(client, "/quan-tri/co-quan?trang=2", admin)
            #expect(second.text.contains("Hiển thị 51–100 trong"))
            #expect(AnnouncementEditor.kind(from: "nghỉ Tết") == .tetExtra && AnnouncementEditor.kind(from: "tetExtra") == .tetExtra)
            #expect(CodeLabels.auditAction("user.login") == "Đăng nhập")
            #expect(CodeLabels.auditDetail("moi → da-tra-loi") == "Mới tiếp nhận → Đã trả lời")
        }
    }

    @Test("the 1022 form lists every problem at once, each next to its field, with labels instead of keys")
    func feedbackProblems() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.browser(nil)
            let (type, body) = DossierFormTests.multipart([
                ("_csrf", WebHarness.csrf), ("category", ""), ("description", "ngắn"),
                ("lat", ""), ("lon", ""), ("address", ""), ("name", "")
            ])
            headers[.contentType] = type
            let answer = try await client.execute(uri: "/phan-anh", method: .post, headers: headers, body: body)
            #expect(answer.status == .badRequest)
            let text = answer.text
            #expect(text.contains("id=\"category-error\""))
            #expect(text.contains("id=\"description-error\""))
            #expect(text.contains("Mô tả quá ngắn"))
            #expect(text.contains("Nhập họ tên, hoặc chọn gửi ẩn danh."))
            #expect(text.contains("<strong>Nội dung</strong>") && !text.contains("<strong>description</strong>"))
        }
    }

    @Test("the holiday editor writes days as dd/MM/yyyy and kinds as words, and reads them back")
    func holidayEditor() async throws {
        try await WebHarness.run { harness, client in
            var headers = try await harness.browser("admin")
            let page = try await Self.get(client, "/quan-tri/lich-nghi?year=2025", headers)
            #expect(page.text.contains("26/04/2025 |") && !page.text.contains("2025-04-26"))
            headers[.contentType] = "application/x-www-form-urlencoded"
            let form =
                "_csrf=\(WebHarness.csrf)&source=Th%C3%B4ng+b%C3%A1o&daysOff=10%2F03%2F2031+%7C+Ngh%E1%BB%89+th%E1%BB%AD+%7C+ho%C3%A1n+%C4%91%E1%BB%95i&workingDays="
            let saved = try await client.execute(uri: "/quan-tri/lich-nghi/2031", method: .post, headers: headers, body: ByteBuffer(string: form))
            #expect(saved.status == .seeOther)
            let day = try #require(try await harness.services.calendars.announcement(year: 2031)?.daysOff.first)
            #expect(day.date == LocalDate(year: 2031, month: 3, day: 10) && day.kind == .announcedOff)
        }
    }

    @Test("a refused dossier action answers 400, names the field in words and says the chosen file must be chosen again")
    func refusedAction() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let officer = try await services.accounts.principal(for: try #require(try await services.accounts.find(username: "motcua.tandinh")))
            let request = IntakeRequest(
                procedureCode: "2.000815", agencyId: nil, channel: .direct,
                applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
                components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
            let code = try await services.dossiers.intake(request, by: officer, at: services.clock.now()).dossier.code
            var headers = try await harness.browser("lanhdao.tandinh")
            let (type, body) = DossierFormTests.multipart(
                [("_csrf", WebHarness.csrf), ("newDue", "không phải ngày")],
                files: [("resultFile", "ket-qua.pdf", "application/pdf", Data("%PDF".utf8))])
            headers[.contentType] = type
            let answer = try await client.execute(uri: "/mot-cua/ho-so/\(code)/assign", method: .post, headers: headers, body: body)
            #expect(answer.status == .badRequest)
            #expect(answer.text.contains("<strong>Ngày hẹn mới</strong>") && !answer.text.contains("<strong>newDue</strong>"))
            #expect(answer.text.contains("Tệp kết quả «ket-qua.pdf» chưa được lưu"))
        }
    }
}
