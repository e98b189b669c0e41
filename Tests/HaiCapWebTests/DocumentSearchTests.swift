import Foundation
import HTTPTypes
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Scanned paper made searchable, on both databases: the seed report's poor OCR found by phrases
/// typed from its clean text, a generated page read by the real tesseract, and the search's scope.
@Suite("Documents: OCR of scans and OCR-tolerant search")
struct DocumentSearchTests {
    static let monday = VietnamTime.date(2026, 11, 23, 9, 0)

    static func paper(subject: String, number: String) -> IncomingInput {
        IncomingInput(
            fromOrganId: "000.00.11.H29", fromOrganName: "Sở Khoa học và Công nghệ", codeNumber: number, codeNotation: "BC-SKHCN",
            issuedDate: LocalDate(year: 2025, month: 6, day: 12), type: .baoCao, subject: subject, signerName: "Lâm Đình Thắng")
    }

    /// A paper document with a scan whose recognised text is `text` (as the OCR worker records it).
    static func scanned(_ text: String, at agencyClerk: Principal, services: AppServices, number: String) async throws -> OfficialDocument {
        let document = try await services.documents.registerIncoming(
            paper(subject: "Báo cáo tóm tắt gửi các phường", number: number), by: agencyClerk, at: monday)
        let png = EdXMLEnvelope.Attachment(
            contentId: "scan-1", contentType: "image/png", description: "Bản quét", name: "bao-cao.png", data: try TextFixtures.scannedLetter)
        _ = try await services.documents.act(document.id, .attach, DocumentActionInput(), files: [png], by: agencyClerk, at: monday)
        let file = try #require(try await services.documents.files(of: document.id).first)
        #expect(file.textState == .pending)
        let scan = try #require(try await services.documents.scan(file.id))
        try await services.documents.recordText(scan, text: text, engine: "tesseract", at: monday)
        return document
    }

    /// Phrases typed from the clean text of the seed report (`shared/seeds/…2-cap.txt`).
    static let typedFromCleanText = [
        "Ban chỉ đạo Đề án sắp xếp, hợp nhất tỉnh Bà Rịa - Vũng Tàu",
        "vận hành thử bộ máy mới",
        "hạ tầng CNTT Trung tâm phục vụ hành chính công",
        "Bí thư Thành ủy TP.HCM Nguyễn Văn Nên",
        "đảm bảo vận hành các hệ thống thông tin",
        "khẩn trương rà soát",
        "định mức kinh tế - kỹ thuật",
        "dịch vụ bưu chính công ích",
        "Công viên Phần mềm Quang Trung",
        "Hội nghị truyền hình trực tuyến",
        "phần mềm quản lý văn bản dùng chung"
    ]

    @Test("the seed report's poor OCR is found by phrases typed from its clean text, in scope only; other phrases find nothing")
    func seedFixture() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            let otherWard = try await DocumentTests.principal(services, "vanthu.benthanh")
            let ocr = try TextFixtures.seedReportOCR
            let clean = try TextFixtures.seedReportClean
            let document = try await Self.scanned(ocr, at: clerk, services: services, number: "51")
            // Every phrase is in the clean text (the test types what a clerk would read there).
            for phrase in Self.typedFromCleanText {
                let result = try await services.documents.search(phrase, for: clerk)
                let hit = result.hits.first { $0.document.id == document.id }
                #expect(hit != nil, "«\(phrase)» not found in the OCR copy")
                #expect(hit?.inFileText == true)
                // Ward B's clerk never finds ward A's document.
                #expect(try await services.documents.search(phrase, for: otherWard).hits.allSatisfy { $0.document.id != document.id })
            }
            for phrase in ["cấp giấy phép lái xe quốc tế", "hộ nghèo năm 2026", "xử lý vi phạm giao thông đường thủy"] {
                #expect(try await services.documents.search(phrase, for: clerk).hits.allSatisfy { $0.document.id != document.id }, "«\(phrase)»")
            }
            // The registration fields are searched too, and a match there is not "in the scan".
            let bySubject = try await services.documents.search("bao cao tom tat gui cac phuong", for: clerk)
            #expect(bySubject.hits.first?.document.id == document.id)
            #expect(bySubject.hits.first?.inFileText == false)
            // Nothing to look for is a 400 naming the field.
            await #expect(throws: ValidationError.self) { try await services.documents.search(" / ", for: clerk) }
        }
    }

    @Test("numbering and signing keep the index current; a secret document is found only by those who see it")
    func indexFollowsChanges() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let specialist = try await DocumentTests.principal(services, "chuyenvien.tandinh")
            let leader = try await DocumentTests.principal(services, "lanhdao.tandinh")
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            let issued = try await DocumentTests.issue(
                DocumentTests.letter(to: ["000.00.02.H29"], subject: "Về việc kiểm kê đất công năm 2026"), services: services,
                specialist: specialist, leader: leader, clerk: clerk, at: Self.monday)
            let notation = try #require(issued.numberAndNotation)
            #expect(try await services.documents.search(notation, for: clerk).hits.contains { $0.document.id == issued.id })
            var secret = DocumentTests.incoming(number: "77")
            secret.subject = "Về việc bảo vệ bí mật nhà nước tại phường"
            secret.secrecy = .secret
            let hidden = try await services.documents.registerIncoming(secret, by: clerk, at: Self.monday)
            #expect(try await services.documents.search("bảo vệ bí mật nhà nước", for: leader).hits.contains { $0.document.id == hidden.id })
            #expect(try await services.documents.search("bảo vệ bí mật nhà nước", for: specialist).hits.isEmpty)
        }
    }

    @Test("a scan uploaded over the API is read by the real tesseract in the background and found by its words; bad files are refused whole")
    func realOCR() async throws {
        try await WebHarness.run { harness, client in
            let clerk = try await harness.bearer("vanthu.tandinh")
            let registered = try await DocumentWebTests.post(
                client, "/api/v1/documents/incoming",
                """
                {"from": {"organName": "UBND phường Bến Thành"}, "codeNumber": "245", "codeNotation": "UBND-VP",
                 "issuedDate": "2025-11-14", "type": "cong-van", "subject": "Công văn giấy của phường Bến Thành", "urgency": "thuong",
                 "security": "thuong"}
                """, clerk)
            #expect(registered.status == .created)
            let id = try #require(try registered.json()["id"] as? Int)

            // A text file called .png, next to a real scan: refused whole, each problem named.
            var headers = clerk
            let (badType, badBody) = DossierFormTests.multipart(
                [],
                files: [
                    ("files", "scan.png", "image/png", try TextFixtures.scannedLetter), ("files", "ghi-chu.png", "image/png", Data("xin chao".utf8))
                ])
            headers[.contentType] = badType
            let refused = try await client.execute(uri: "/api/v1/documents/\(id)/files", method: .post, headers: headers, body: badBody)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("ghi-chu.png"))
            #expect(try await harness.services.documents.files(of: id).isEmpty)

            let (type, body) = DossierFormTests.multipart([], files: [("files", "cong-van-245.png", "image/png", try TextFixtures.scannedLetter)])
            headers[.contentType] = type
            let attached = try await client.execute(uri: "/api/v1/documents/\(id)/files", method: .post, headers: headers, body: body)
            #expect(attached.status == .created)
            let files = try attached.json()["files"] as? [[String: Any]] ?? []
            #expect(files.first?["textState"] as? String == "pending")

            // The server's own OCR worker reads it in the background (a poll, as the page would).
            var after: [String: Any] = [:]
            for _ in 0..<600 {
                after = try await client.execute(uri: "/api/v1/documents/\(id)", method: .get, headers: clerk).json()
                if ((after["files"] as? [[String: Any]])?.first?["textState"] as? String) != "pending" { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            let file = try #require((after["files"] as? [[String: Any]])?.first)
            #expect(file["textState"] as? String == "done", "\(file["textError"] ?? "")")
            #expect(file["textEngine"] as? String == "tesseract")
            let textHref = try #require(file["textHref"] as? String)
            let text = try await client.execute(uri: textHref, method: .get, headers: clerk).text
            #expect(text.contains("245/UBND-VP"))
            #expect(VietnameseText.fold(text).contains("ra soat ha tang cong nghe thong tin"))

            // Words that are only in the scan find the document, marked as found in the scan.
            let found = try await client.execute(
                uri: "/api/v1/documents/search?q=\("thiếu hai máy quét tài liệu".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                method: .get, headers: clerk
            ).json()
            let items = found["items"] as? [[String: Any]] ?? []
            #expect(items.first?["id"] as? Int == id)
            #expect((items.first?["match"] as? [String: Any])?["inScan"] as? Bool == true)
            // What the scan says of its own registration fields, offered to the clerk.
            let suggestion = ScanSuggestion(text: text)
            #expect(suggestion.codeNumber == "245")
            #expect(suggestion.codeNotation == "UBND-VP")
            #expect(suggestion.issuedDate == LocalDate(year: 2025, month: 11, day: 14))
            #expect(VietnameseText.fold(suggestion.subject ?? "").contains("ra soat ha tang cong nghe thong tin"))
            #expect(VietnameseText.fold(suggestion.organ ?? "") == "uy ban nhan dan phuong ben thanh")
            let page = try await client.execute(uri: "/van-ban/\(id)", method: .get, headers: try await harness.browser("vanthu.tandinh")).text
            #expect(page.contains("gợi ý từ bản quét"))
            let corrected = try await DocumentWebTests.post(
                client, "/api/v1/documents/\(id)/actions/correct",
                #"{"subject": "V/v rà soát hạ tầng công nghệ thông tin tại Trung tâm phục vụ hành chính công", "fromOrganName": "Ủy ban nhân dân phường Bến Thành"}"#,
                clerk)
            #expect(corrected.status == .ok)
            #expect(try corrected.json()["subject"] as? String == "V/v rà soát hạ tầng công nghệ thông tin tại Trung tâm phục vụ hành chính công")
            let unchanged = try await DocumentWebTests.post(client, "/api/v1/documents/\(id)/actions/correct", #"{"codeNumber": "245"}"#, clerk)
            #expect(unchanged.status == .badRequest)
            let events = try await harness.services.timeline.events(of: CaseRef(.document, String(id)))
            #expect(events.contains { $0.action == "ocr" })
            #expect(events.contains { $0.action == DocumentAction.attach.rawValue })
        }
    }

    @Test("PDFs: the text layer is taken as it is (pdftotext); a scanned PDF's pages are rendered and read (tesseract); a broken one says why")
    func pdfs() async throws {
        let reader = OCRReader()
        let layer = try await reader.read(try TextFixtures.searchableLetterPDF, contentType: "application/pdf")
        #expect(layer.engine == "pdftotext")
        #expect(layer.text.contains("245/UBND-VP"))
        let scanned = try await reader.read(try TextFixtures.scannedLetterPDF, contentType: "application/pdf")
        #expect(scanned.engine == "tesseract")
        #expect(VietnameseText.fold(scanned.text).contains("de nghi trung tam chuyen doi so"))
        await #expect(throws: OCRReader.Failure.self) {
            _ = try await reader.read(Data("%PDF-1.4 hỏng".utf8), contentType: "application/pdf")
        }
        await #expect(throws: OCRReader.Failure.self) { _ = try await reader.read(Data("abc".utf8), contentType: "text/plain") }
    }

    @Test("older matches behind more than a hundred newer near-misses are still found, through the later chunks of the index")
    func deepMatches() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            var wanted: [Int] = []
            for index in 0..<3 {
                wanted.append(
                    try await services.documents.registerIncoming(
                        Self.paper(subject: "Về việc kiểm tra an toàn thực phẩm bếp ăn trường học đợt \(index + 1)", number: "\(700 + index)"),
                        by: clerk, at: Self.monday
                    ).id)
            }
            // Newer documents that share neighbouring words ("kiểm tra", "an toàn") but not the phrase.
            for index in 0..<130 {
                _ = try await services.documents.registerIncoming(
                    Self.paper(subject: "Về việc kiểm tra an toàn điện khu phố \(index + 1)", number: "\(800 + index)"), by: clerk, at: Self.monday)
            }
            let result = try await services.documents.search("kiểm tra an toàn thực phẩm bếp ăn", for: clerk)
            #expect(Set(result.hits.map(\.document.id)) == Set(wanted))
            #expect(result.total == 3)
        }
    }

    @Test("a page filled exactly by the first chunk still knows of the match behind it, so the next page is offered")
    func pageFilledExactly() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            func register(_ subject: String, _ number: Int) async throws -> Int {
                try await services.documents.registerIncoming(Self.paper(subject: subject, number: "\(number)"), by: clerk, at: Self.monday).id
            }
            // Oldest match, then 99 near-misses, then two newer matches: the newest hundred
            // candidates hold exactly two matches, the third sits in the next chunk.
            let oldest = try await register("Về việc kiểm tra an toàn thực phẩm bếp ăn trường học đợt 1", 700)
            for index in 0..<99 { _ = try await register("Về việc kiểm tra an toàn điện khu phố \(index + 1)", 800 + index) }
            let newer = [
                try await register("Về việc kiểm tra an toàn thực phẩm bếp ăn trường học đợt 2", 701),
                try await register("Về việc kiểm tra an toàn thực phẩm bếp ăn trường học đợt 3", 702)
            ]
            let first = try await services.documents.search("kiểm tra an toàn thực phẩm bếp ăn", for: clerk, limit: 2)
            #expect(Set(first.hits.map(\.document.id)) == Set(newer))
            #expect(first.total == 3)
            let second = try await services.documents.search("kiểm tra an toàn thực phẩm bếp ăn", for: clerk, limit: 2, offset: 2)
            #expect(second.hits.map(\.document.id) == [oldest])
        }
    }
}
