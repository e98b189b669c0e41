import Foundation
import HTTPTypes
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HaiCapWeb

/// edXML (QCVN 102:2016): what HaiCap writes it reads back field for field; an envelope pushed to
/// `/api/v1/edxml` is registered at the ward it is addressed to; hostile or incomplete envelopes are
/// refused with a reason and nothing is written.
@Suite("edXML exchange")
struct EdXMLTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    static func envelope(to organId: String, number: String = "15", attachments: [EdXMLEnvelope.Attachment]? = nil) -> EdXMLEnvelope {
        EdXMLEnvelope(
            from: .init(organId: "000.00.02.H29", organName: "Sở Nội vụ"), to: [.init(organId: organId, organName: "Ủy ban nhân dân phường")],
            documentId: "000.00.02.H29,2025/11/20,\(number)/SNV-CCVC", codeNumber: number, codeNotation: "SNV-CCVC",
            place: "Thành phố Hồ Chí Minh", promulgationDate: LocalDate(year: 2025, month: 11, day: 20), typeName: "Công văn",
            subject: "Về việc tuyển dụng công chức cấp xã & phường <năm 2026>", signerPosition: "Giám đốc", signerName: "Nguyễn Văn Nội",
            dueDate: LocalDate(year: 2025, month: 12, day: 15), toPlaces: ["Như trên", "Lưu: VT"], priority: 1, pageAmount: 2,
            traces: [.init(organId: "000.00.02.H29", timestamp: "2025-11-20T09:00:00+07:00")],
            attachments: attachments ?? [
                .init(contentId: "cid:1", contentType: "application/pdf", description: "Toàn văn", name: "cv-15.pdf", data: pdf)
            ])
    }

    @Test("an envelope of 20 MB (four 3.75 MB attachments) is read whole, every byte of every attachment back")
    func largeEnvelope() throws {
        var random = SeededGenerator(seed: 7)
        let attachments = (0..<4).map { index -> EdXMLEnvelope.Attachment in
            var data = Data("%PDF-1.4\n".utf8)
            data.reserveCapacity(3_932_160)
            while data.count < 3_932_160 {
                var word = random.next()
                withUnsafeBytes(of: &word) { data.append(contentsOf: $0) }
            }
            return .init(
                contentId: "cid:\(index + 1)", contentType: "application/pdf", description: "Phụ lục", name: "pl-\(index + 1).pdf", data: data)
        }
        let written = EdXMLWriter.write(Self.envelope(to: "000.00.90.H29", attachments: attachments))
        #expect(written.count > 20_000_000)
        let read = try EdXMLReader.read(written)
        #expect(read.attachments.map(\.data) == attachments.map(\.data))
        // The exchange endpoint's way: spooled to disk in 64 KB chunks, then parsed from the file.
        var spool = try EdXMLSpool()
        defer { spool.remove() }
        var offset = 0
        while offset < written.count {
            try spool.append(written[offset..<min(written.count, offset + 65_536)])
            offset += 65_536
        }
        try spool.finish()
        guard case .document(let spooled) = try EdXMLReader.message(spooled: spool.url) else {
            Issue.record("not read as a document")
            return
        }
        #expect(spooled.attachments.map(\.data) == attachments.map(\.data))
    }

    @Test("the spooled body refuses a declaration cut across two chunks, in any case, and a body over the limit (413); its file is removed")
    func spoolRefusals() throws {
        for (first, second) in [("<?xml version=\"1.0\"?><!DOC", "TYPE a []><a/>"), ("<a><!ent", "ity b \"c\"></a>"), ("<", "!DOCTYPE a>")] {
            var spool = try EdXMLSpool()
            try spool.append(Array(first.utf8))
            #expect(throws: ValidationError.self) { try spool.append(Array(second.utf8)) }
            spool.remove()
            #expect(!FileManager.default.fileExists(atPath: spool.url.path))
        }
        var spool = try EdXMLSpool()
        defer { spool.remove() }
        try spool.append([UInt8](repeating: 0x20, count: EdXMLReader.maxEnvelope))
        #expect(throws: UploadTooLarge.self) { try spool.append([0x20]) }
    }

    @Test("writing then reading gives back every field, escapes included")
    func roundTrip() throws {
        let original = Self.envelope(to: "067.00.90.H29")
        let read = try EdXMLReader.read(EdXMLWriter.write(original))
        #expect(read == original)
    }

    @Test("hostile and incomplete envelopes are refused with their reason")
    func hostile() throws {
        let good = String(decoding: EdXMLWriter.write(Self.envelope(to: "067.00.90.H29")), as: UTF8.self)
        func problems(_ text: String) -> [String] {
            do {
                _ = try EdXMLReader.read(Data(text.utf8))
                return []
            } catch { return error.problems.map(\.message) }
        }
        let xxe = good.replacingOccurrences(
            of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            with: "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>")
        #expect(problems(xxe).first?.contains("DOCTYPE") == true)
        let laughs = "<?xml version=\"1.0\"?><!doctype lolz [<!entity lol \"lol\"><!entity lol2 \"&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>"
        #expect(problems(laughs).first?.contains("DOCTYPE") == true)
        #expect(problems("<edXML:edXMLEnvelope><unclosed>").first?.contains("không phải XML hợp lệ") == true)
        let bare = "<edXML:edXMLEnvelope xmlns:edXML=\"\(EdXMLWriter.namespace)\"><edXML:edXMLHeader/></edXML:edXMLEnvelope>"
        let missing = problems(bare)
        #expect(missing.count >= 5, "every missing field at once: \(missing)")
        // An attachment declared as PDF whose bytes are an executable.
        let lying = Self.envelope(
            to: "067.00.90.H29",
            attachments: [
                .init(contentId: "cid:1", contentType: "application/pdf", description: "", name: "cv.pdf", data: Data([0x4D, 0x5A, 0x90, 0, 3]))
            ])
        #expect(problems(String(decoding: EdXMLWriter.write(lying), as: UTF8.self)).first?.contains("không đúng loại") == true)
    }

    @Test("pushed to /api/v1/edxml: registered at the addressed ward with its attachment; refused ones write nothing; exported back")
    func overTheAPI() async throws {
        try await WebHarness.run { harness, client in
            let clerk = try #require(try await harness.services.accounts.find(username: "vanthu.tandinh"))
            var headers = try await harness.bearer("vanthu.tandinh")
            headers[.contentType] = "application/xml"
            func count() async throws -> Int {
                try await harness.services.database.sql.raw("SELECT COUNT(*) AS n FROM documents").first()!.decode(column: "n", as: Int.self)
            }
            let ward = clerk.agencyId
            let sent = try await client.execute(
                uri: "/api/v1/edxml", method: .post, headers: headers, body: ByteBuffer(data: EdXMLWriter.write(Self.envelope(to: ward))))
            #expect(sent.status == .created)
            let body = try sent.json()
            let id = try #require(body["id"] as? Int)
            #expect(body["arrivalNumber"] as? Int == 1)
            #expect(body["channel"] as? String == "edxml")
            #expect(body["urgency"] as? String == "khan")
            let document = try await harness.services.documents.get(id)
            #expect(document.subject == "Về việc tuyển dụng công chức cấp xã & phường <năm 2026>")
            #expect(document.requestedDue == LocalDate(year: 2025, month: 12, day: 15))
            let files = try await harness.services.documents.files(of: id)
            #expect(files.map(\.name) == ["cv-15.pdf"])
            let download = try await client.execute(uri: "/api/v1/documents/\(id)/files/\(files[0].id)", method: .get, headers: headers)
            #expect(Data(buffer: download.body) == Self.pdf)

            // The same envelope again is a duplicate; hostile and misaddressed ones are 400; none writes a row.
            let before = try await count()
            let again = try await client.execute(
                uri: "/api/v1/edxml", method: .post, headers: headers, body: ByteBuffer(data: EdXMLWriter.write(Self.envelope(to: ward))))
            #expect(again.status == .conflict)
            let dtd = try await client.execute(
                uri: "/api/v1/edxml", method: .post, headers: headers,
                body: ByteBuffer(string: "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY b \"c\">]><a>&b;</a>"))
            #expect(dtd.status == .badRequest)
            let elsewhere = try await client.execute(
                uri: "/api/v1/edxml", method: .post, headers: headers,
                body: ByteBuffer(data: EdXMLWriter.write(Self.envelope(to: "999.99.99.H99", number: "16"))))
            #expect(elsewhere.status == .badRequest)
            let otherWard = try await client.execute(
                uri: "/api/v1/edxml", method: .post, headers: headers,
                body: ByteBuffer(data: EdXMLWriter.write(Self.envelope(to: "000.00.02.H29", number: "17"))))
            #expect(otherWard.status == .badRequest, "a ward's clerk registers only for the ward")
            var big = headers
            big[.contentType] = "application/xml"
            let oversized = try await client.execute(
                uri: "/api/v1/edxml", method: .post, headers: big, body: ByteBuffer(repeating: 0x20, count: EdXMLReader.maxEnvelope + 1))
            #expect(oversized.status == .contentTooLarge)
            #expect(try await count() == before)

            // An issued letter exported as edXML reads back with the same number, notation and subject.
            let specialist = try await harness.services.accounts.principal(
                for: try #require(try await harness.services.accounts.find(username: "chuyenvien.tandinh")))
            let leader = try await harness.services.accounts.principal(
                for: try #require(try await harness.services.accounts.find(username: "lanhdao.tandinh")))
            let clerkPrincipal = try await harness.services.accounts.principal(for: clerk)
            let now = harness.services.clock.now()
            var letter = try await harness.services.documents.draftOutgoing(
                OutgoingInput(
                    type: .congVan, subject: "Về việc báo cáo biên chế", body: "Phường báo cáo: 42 công chức.", draftingUnit: "VP",
                    recipients: [.init(organId: "000.00.02.H29"), .init(organId: nil, organName: "Bảo hiểm xã hội Thành phố")]),
                by: specialist, at: now)
            _ = try await harness.services.documents.act(letter.id, .submit, .init(), by: specialist, at: now)
            _ = try await harness.services.documents.act(letter.id, .sign, .init(note: "Chủ tịch"), by: leader, at: now)
            letter = try await harness.services.documents.act(letter.id, .issue, .init(), by: clerkPrincipal, at: now)
            let exported = try await client.execute(uri: "/api/v1/documents/\(letter.id)/edxml", method: .get, headers: headers)
            #expect(exported.status == .ok)
            let back = try EdXMLReader.read(Data(buffer: exported.body))
            #expect(back.codeNumber == letter.codeNumber && back.codeNotation == letter.codeNotation && back.subject == letter.subject)
            #expect(back.to.map(\.organName) == ["Sở Nội vụ", "Bảo hiểm xã hội Thành phố"])
            #expect(back.attachments.first.map { String(decoding: $0.data, as: UTF8.self) } == "Phường báo cáo: 42 công chức.")
            #expect(back.documentId.hasPrefix("\(ward),"))
        }
    }
}

/// The exchange with organs outside HaiCap, against `edxml-sim` served for real on loopback.
@Suite("edXML exchange with outside organs")
struct EdXMLExchangeTests {
    static func principal(_ services: AppServices, _ username: String) async throws -> Principal {
        try await services.accounts.principal(for: try #require(try await services.accounts.find(username: username)))
    }

    @Test(
        "an issued letter goes to the outside recipient after a failed try; its status packages come back; a recall goes out too; an edXML arrival is answered 01, 03, 04"
    )
    func roundTrips() async throws {
        let simulator = EdXMLSimulator(failNext: 1)
        let app = Application(router: simulator.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await TestDatabase.withServices(demo: true, clock: FixedClock(VietnamTime.date(2026, 11, 23, 9, 0))) { services in
                let clock = services.clock as! FixedClock
                let specialist = try await Self.principal(services, "chuyenvien.tandinh")
                let leader = try await Self.principal(services, "lanhdao.tandinh")
                let clerk = try await Self.principal(services, "vanthu.tandinh")
                let deliverer = EdXMLDeliverer(
                    documents: services.documents, outbox: services.outbox.outbox, endpoint: URL(string: "http://127.0.0.1:\(port)/")!,
                    clock: clock, logger: TestDatabase.logger)
                let now = clock.now()
                var letter = try await services.documents.draftOutgoing(
                    OutgoingInput(
                        type: .baoCao, subject: "Báo cáo tình hình an ninh trật tự tháng 11", body: "Tình hình ổn định.",
                        recipients: [.init(organId: "000.00.02.H29"), .init(organId: "000.00.00.G22", organName: "Văn phòng Chính phủ")]),
                    by: specialist, at: now)
                _ = try await services.documents.act(letter.id, .submit, .init(), by: specialist, at: now)
                _ = try await services.documents.act(letter.id, .sign, .init(note: "Chủ tịch"), by: leader, at: now)
                letter = try await services.documents.act(letter.id, .issue, .init(), by: clerk, at: now)

                #expect(try await deliverer.deliverDue() == (delivered: 0, failed: 1))
                clock.advance(by: 3)
                #expect(try await deliverer.deliverDue() == (delivered: 1, failed: 0))
                let sent = try #require(simulator.records.first)
                #expect(sent.kind == "document" && sent.to == ["Văn phòng Chính phủ"] && sent.code == "0")
                #expect(sent.documentId == "\(clerk.agencyId),2026/11/23,\(letter.numberAndNotation!)")
                var recipients = try await services.documents.recipients(of: letter.id)
                #expect(recipients[1].note?.hasPrefix("Đã gửi qua trục liên thông") == true)

                // The outside recipient answers 03 (accepted) through the exchange endpoint.
                let status = EdXMLStatus(
                    from: .init(organId: "000.00.00.G22", organName: "Văn phòng Chính phủ"), responseForDocumentId: sent.documentId,
                    responseForOrganId: clerk.agencyId, code: .accepted, description: "Đã vào sổ", timestamp: "2026-11-23T10:00:00+07:00")
                var bearer = try await TestTokens.bearer(services, "vanthu.tandinh")
                bearer[.contentType] = "application/xml"
                let headers = bearer
                let api = try await HaiCapApplication.build(services: services)
                try await api.application(host: "127.0.0.1", port: 0).test(.router) { haicap in
                    let answer = try await haicap.execute(
                        uri: "/api/v1/edxml", method: .post, headers: headers, body: ByteBuffer(data: EdXMLWriter.write(status)))
                    #expect(answer.status == .ok)
                    // A status about a document HaiCap never sent to that organ is not found.
                    var stray = status
                    stray.responseForDocumentId = "000.00.00.G22,2026/11/23,99/XX"
                    let unknown = try await haicap.execute(
                        uri: "/api/v1/edxml", method: .post, headers: headers, body: ByteBuffer(data: EdXMLWriter.write(stray)))
                    #expect(unknown.status == .notFound)
                }
                recipients = try await services.documents.recipients(of: letter.id)
                #expect(recipients[1].status == .accepted)

                // Recalled: the outside recipient is sent the recall.
                _ = try await services.documents.act(letter.id, .recall, .init(note: "Số liệu chưa đúng"), by: leader, at: now)
                #expect(try await deliverer.deliverDue().delivered == 1)
                #expect(simulator.records.last?.kind == "document" && simulator.records.last?.code == "1")

                // Received by edXML from outside: the sender hears 01 and 03 at once, 04 when assigned.
                let envelope = EdXMLTests.envelope(to: clerk.agencyId, number: "88")
                let received = try #require(try await services.documents.receive(envelope, by: clerk, at: now).first)
                _ = try await services.documents.act(received.id, .assign, .init(leadId: specialist.userId, days: 3), by: leader, at: now)
                while try await deliverer.deliverDue().delivered > 0 {}
                let packages = simulator.records.filter { $0.kind == "status" && $0.documentId == envelope.documentId }.map(\.code)
                #expect(packages == ["01", "03", "04"])
            }
        }
    }
}

enum TestTokens {
    static func bearer(_ services: AppServices, _ username: String) async throws -> HTTPFields {
        let (_, secret) = try await services.tokens.create(forUsername: username, name: "test", by: nil, at: services.clock.now())
        return [.authorization: "Bearer \(secret)"]
    }
}
