import Foundation
import HTTPTypes
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Official documents through the JSON API (the contract later checks rely on) and the pages.
@Suite("Official documents over the API and the pages")
struct DocumentWebTests {
    static func post(_ client: any TestClientProtocol, _ uri: String, _ json: String, _ headers: HTTPFields) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    @Test("the API contract: register incoming, draft and issue outgoing (number and notation), assign by username (due), search, refusals")
    func contract() async throws {
        try await WebHarness.run { harness, client in
            let clerk = try await harness.bearer("vanthu.tandinh")
            let leader = try await harness.bearer("lanhdao.tandinh")
            let specialist = try await harness.bearer("chuyenvien.tandinh")
            let incoming = try await Self.post(
                client, "/api/v1/documents/incoming",
                """
                {"from": {"organId": "000.00.02.H29", "organName": "Sở Nội vụ"}, "codeNumber": "125", "codeNotation": "SNV-CCVC",
                 "issuedDate": "2025-11-20", "type": "cong-van", "subject": "Về việc tuyển dụng công chức cấp xã", "urgency": "khan",
                 "security": "thuong"}
                """, clerk)
            #expect(incoming.status == .created)
            let registered = try incoming.json()
            let id = try #require(registered["id"] as? Int)
            #expect(registered["arrivalNumber"] as? Int == 1)
            #expect(registered["status"] as? String == "da-vao-so")
            #expect((registered["due"] as? String)?.hasSuffix("+07:00") == true)

            let assigned = try await Self.post(
                client, "/api/v1/documents/\(id)/actions/assign",
                #"{"lead": "chuyenvien.tandinh", "support": ["Công an phường", "Phòng Văn hóa - Xã hội"], "instruction": "Rà soát", "days": 10}"#,
                leader)
            #expect(assigned.status == .ok)
            let direction = try assigned.json()
            #expect(direction["status"] as? String == "da-phan-cong")
            #expect(direction["support"] as? String == "Công an phường, Phòng Văn hóa - Xã hội")
            #expect(direction["due"] != nil)

            // A specialist may not direct (403); an unknown action and a bad body are 400 with the field.
            #expect(
                try await Self.post(client, "/api/v1/documents/\(id)/actions/assign", #"{"lead": 1, "days": 3}"#, specialist).status == .forbidden)
            let unknown = try await Self.post(client, "/api/v1/documents/\(id)/actions/shred", "{}", leader)
            #expect(unknown.status == .badRequest)
            let badForm = try await Self.post(
                client, "/api/v1/documents/incoming", #"{"type": "thu-tinh", "urgency": "gap", "issuedDate": "31/02/2026"}"#, clerk)
            #expect(badForm.status == .badRequest)
            let error = try badForm.json()["error"] as? [String: Any] ?? [:]
            let fields = (error["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields).isSuperset(of: ["type", "urgency", "issuedDate", "subject", "codeNumber", "from.organName"]))
            // The same document again: 409 with the existing one's number.
            let again = try await Self.post(
                client, "/api/v1/documents/incoming",
                #"{"from": {"organName": "Sở Nội vụ"}, "codeNumber": "125", "codeNotation": "SNV-CCVC", "issuedDate": "20/11/2025", "type": "Công văn", "subject": "Lặp lại"}"#,
                clerk)
            #expect(again.status == .conflict)

            let draft = try await Self.post(
                client, "/api/v1/documents/outgoing",
                #"{"type": "quyet-dinh", "subject": "Về việc thành lập Tổ công tác chuyển đổi số", "body": "Điều 1. Thành lập Tổ công tác.", "recipients": [{"organId": "000.00.02.H29"}, {"organName": "Báo Sài Gòn Giải Phóng"}]}"#,
                specialist)
            #expect(draft.status == .created)
            let draftId = try #require(try draft.json()["id"] as? Int)
            #expect(try await Self.post(client, "/api/v1/documents/\(draftId)/actions/submit", "", specialist).status == .ok)
            #expect(try await Self.post(client, "/api/v1/documents/\(draftId)/actions/sign", #"{"note": "Chủ tịch"}"#, leader).status == .ok)
            let issued = try await Self.post(client, "/api/v1/documents/\(draftId)/actions/issue", "", clerk)
            #expect(issued.status == .ok)
            let body = try issued.json()
            #expect(body["number"] as? String == "01")
            #expect(body["notation"] as? String == "QĐ-UBND")
            let recipients = body["recipients"] as? [[String: Any]] ?? []
            #expect(recipients.map { $0["status"] as? String } == ["01", nil])
            #expect(recipients.map { $0["internal"] as? Bool } == [true, false])
            // The NĐ 30 layout: organ, number, place and date, type and subject, the text, nơi nhận, the signer.
            let printed = try await client.execute(uri: "/van-ban/\(draftId)/in", method: .get, headers: clerk)
            #expect(printed.status == .ok)
            for part in [
                "Số: 01/QĐ-UBND", "Độc lập - Tự do - Hạnh phúc", "<h1>Quyết định</h1>", "Điều 1. Thành lập Tổ công tác.", "- Sở Nội vụ;",
                "- Báo Sài Gòn Giải Phóng;", "Chủ tịch"
            ] {
                #expect(printed.text.contains(part), "\(part)")
            }
            #expect(!printed.text.contains("DỰ THẢO"))
            // Issued once only.
            #expect(try await Self.post(client, "/api/v1/documents/\(draftId)/actions/issue", "", clerk).status == .conflict)

            let found = try await client.execute(uri: "/api/v1/documents/search?q=tuyen%20dung%20cong%20chuc", method: .get, headers: clerk).json()
            #expect(found["total"] as? Int == 1)
            let other = try await harness.bearer("vanthu.benthanh")
            #expect(try await client.execute(uri: "/api/v1/documents/\(id)", method: .get, headers: other).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/documents/search?q=", method: .get, headers: clerk).status == .badRequest)
        }
    }

    @Test("pages: the clerk registers on the form (303 to the document), problems next to their fields, the desk lists it with Vietnamese dates")
    func pages() async throws {
        try await WebHarness.run { harness, client in
            var browser = try await harness.browser("vanthu.tandinh")
            let form = try await client.execute(uri: "/van-ban/vao-so", method: .get, headers: browser)
            #expect(form.status == .ok)
            #expect(form.text.contains("Vào sổ văn bản đến"))
            // Typed page models carry the CSRF token themselves: an empty one is refused by the browser's POST.
            #expect(form.text.contains("name=\"_csrf\" value=\"") && !form.text.contains("name=\"_csrf\" value=\"\""))
            let draftForm = try await client.execute(uri: "/van-ban/soan-thao", method: .get, headers: browser)
            #expect(!draftForm.text.contains("name=\"_csrf\" value=\"\""))
            browser[.contentType] = "application/x-www-form-urlencoded"
            let refused = try await client.execute(
                uri: "/van-ban/vao-so", method: .post, headers: browser,
                body: ByteBuffer(string: "fromOrganName=&codeNumber=&issuedDate=32%2F13%2F2026"))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Nhập cơ quan ban hành."))
            #expect(refused.text.contains("Ngày ban hành phải có dạng dd/mm/yyyy"))
            let fields =
                "fromOrganName=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh&codeNumber=42&codeNotation=STC-NS&issuedDate=20%2F11%2F2025&type=thong-bao"
                + "&subject=Th%C3%B4ng+b%C3%A1o+d%E1%BB%B1+to%C3%A1n+ng%C3%A2n+s%C3%A1ch+2027&urgency=thuong&security=thuong"
            let created = try await client.execute(uri: "/van-ban/vao-so", method: .post, headers: browser, body: ByteBuffer(string: fields))
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            #expect(location.hasPrefix("/van-ban/"))
            browser[.contentType] = nil
            let page = try await client.execute(uri: location, method: .get, headers: browser)
            #expect(page.status == .ok)
            #expect(page.text.contains("<dt>Số đến</dt><dd>1</dd>"))
            #expect(page.text.contains("20/11/2025"))
            #expect(page.text.contains("Thông báo dự toán ngân sách 2027"))
            #expect(!page.text.contains("2025-11-20") && !page.text.contains("da-vao-so"), "no ISO date or internal code on the page")
            let desk = try await client.execute(uri: "/van-ban?queue=cho-phan-cong", method: .get, headers: browser)
            #expect(desk.text.contains("42/STC-NS"))
            #expect(desk.text.contains("Hiển thị 1–1 trong 1 văn bản."))
            // The Phiếu giải quyết văn bản đến prints from the document's page.
            let slip = try await client.execute(uri: location + "/in", method: .get, headers: browser)
            #expect(slip.status == .ok)
            #expect(slip.text.contains("Phiếu giải quyết văn bản đến"))
            #expect(slip.text.contains("Thông báo số 42/STC-NS ngày 20/11/2025 của Sở Tài chính"))
            // The incoming register (Phụ lục IV) on screen and as CSV.
            let book = try await client.execute(uri: "/van-ban/so-dang-ky?so=den&nam=2025", method: .get, headers: browser)
            #expect(book.status == .ok)
            #expect(book.text.contains("Sổ đăng ký văn bản đến năm 2025"))
            #expect(book.text.contains("<td>Sở Tài chính</td><td>42/STC-NS</td><td>20/11/2025</td>"))
            let csv = try await client.execute(uri: "/van-ban/so-dang-ky?so=den&nam=2025&format=csv", method: .get, headers: browser)
            #expect(csv.text.hasPrefix("\u{FEFF}Ngày đến,Số đến,Tác giả,Số, ký hiệu") == false)
            #expect(csv.text.contains("Ngày đến,Số đến,Tác giả,\"Số, ký hiệu\""))
            #expect(csv.text.contains("42/STC-NS"))
            let badRange = try await client.execute(uri: "/van-ban/so-dang-ky?so=den&tu=31/02/2025", method: .get, headers: browser)
            #expect(badRange.status == .badRequest)
            // A specialist is not shown the register form.
            let specialist = try await harness.browser("chuyenvien.tandinh")
            #expect(try await client.execute(uri: "/van-ban/vao-so", method: .get, headers: specialist).status == .forbidden)
        }
    }

    @Test(
        "the follow-up book (Phụ lục IV, 7 columns): assigned incoming documents with lead, deadline, progress and reply, on screen, as CSV and JSON")
    func followUpBook() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let now = services.clock.now()
            let year = VietnamTime.localDate(of: now).year
            let day = VietnamTime.localDate(of: now)
            let today = String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            let leader = try await DocumentTests.principal(services, "lanhdao.tandinh")
            let specialist = try await DocumentTests.principal(services, "chuyenvien.tandinh")
            var ids: [Int] = []
            for number in ["951", "952", "953"] {
                var input = DocumentTests.incoming(number: number)
                input.issuedDate = VietnamTime.localDate(of: now)
                ids.append(try await services.documents.registerIncoming(input, by: clerk, at: now).id)
            }
            _ = try await services.documents.act(
                ids[0], .assign, DocumentActionInput(leadId: specialist.userId, support: "Phòng Văn hóa - Xã hội", instruction: "Xử lý", days: 10),
                by: leader, at: now)
            _ = try await services.documents.act(
                ids[1], .assign, DocumentActionInput(leadId: specialist.userId, instruction: "Xử lý", days: 5), by: leader, at: now)
            var reply = DocumentTests.letter(to: ["000.00.02.H29"], subject: "Về việc trả lời Sở Nội vụ")
            reply.replyToId = ids[0]
            _ = try await services.documents.draftOutgoing(reply, by: specialist, at: now)

            let browser = try await harness.browser("vanthu.tandinh")
            let book = try await client.execute(uri: "/van-ban/so-dang-ky?so=theo-doi&nam=\(year)", method: .get, headers: browser)
            #expect(book.status == .ok)
            #expect(book.text.contains("Sổ theo dõi giải quyết văn bản đến năm \(year)"))
            for column in DocumentBook.followUp.columns { #expect(book.text.contains("<th scope=\"col\">\(column)</th>")) }
            #expect(book.text.contains("Công văn số 951/SNV-CCVC ngày \(today) của Sở Nội vụ: Về việc tuyển dụng công chức cấp xã năm 2026"))
            #expect(book.text.contains("\(specialist.fullName); phối hợp: Phòng Văn hóa - Xã hội"))
            #expect(book.text.contains("<td>Dự thảo</td>"))
            #expect(!book.text.contains("953/SNV-CCVC"), "a document not yet assigned is not in the follow-up book")
            #expect(book.text.contains("data-print"))
            let csv = try await client.execute(uri: "/van-ban/so-dang-ky?so=theo-doi&nam=\(year)&format=csv", method: .get, headers: browser)
            #expect(csv.status == .ok)
            #expect(csv.text.contains("Số đến,\"Tên loại, số, ký hiệu, ngày tháng, tác giả và trích yếu nội dung\""))
            #expect(csv.text.contains("952/SNV-CCVC"))

            let api = try await harness.bearer("vanthu.tandinh")
            let json = try await client.execute(uri: "/api/v1/documents/registers?book=theo-doi&year=\(year)", method: .get, headers: api).json()
            #expect((json["columns"] as? [String])?.count == 7)
            let listed = json["ids"] as? [Int] ?? []
            #expect(listed.contains(ids[0]) && listed.contains(ids[1]) && !listed.contains(ids[2]))
            let rows = json["rows"] as? [[String]] ?? []
            let first = try #require(rows.first { $0[1].contains("951/SNV-CCVC") })
            #expect(first[5] == "Dự thảo" && first[4] == "Đã phân công")
            #expect(!first[3].contains("-"), "the deadline is written dd/mm/yyyy, not ISO")
            let incoming = try await client.execute(uri: "/api/v1/documents/registers?year=\(year)&limit=1000", method: .get, headers: api).json()
            #expect((incoming["columns"] as? [String])?.count == 10)
            #expect((incoming["ids"] as? [Int] ?? []).contains(ids[2]))
            for bad in ["book=so-mat", "year=1999", "from=2026-12-31&to=2026-01-01", "from=31/02/2026", "limit=0"] {
                #expect(
                    try await client.execute(uri: "/api/v1/documents/registers?\(bad)", method: .get, headers: api).status == .badRequest, "\(bad)")
            }
            let unknownBook = try await client.execute(uri: "/api/v1/documents/registers?book=so-mat", method: .get, headers: api).json()
            #expect(((unknownBook["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.first?["field"] as? String == "book")
            let elsewhere = try await harness.bearer("vanthu.benthanh")
            #expect(
                try await client.execute(uri: "/api/v1/documents/registers?agency=\(clerk.agencyId)", method: .get, headers: elsewhere).status
                    == .forbidden)
        }
    }
}
