import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Drives dossiers through the JSON API the way a ward's desk, specialists, leaders and clerks do,
/// with a frozen clock, on SQLite and (in CI) PostgreSQL.
@Suite("One-stop dossiers: intake, processing, return")
struct DossierLifecycleTests {
    /// Monday 23/11/2026, 09:00 in Hồ Chí Minh City (the construction permit's 7-day rules are in force).
    static let monday = VietnamTime.date(2026, 11, 23, 9, 0)

    struct Desk {
        let harness: WebHarness
        let client: any TestClientProtocol
        var clock: FixedClock { harness.services.clock as! FixedClock }

        func headers(_ username: String?) async throws -> HTTPFields {
            var headers = try await harness.browser(username)
            headers[.contentType] = "application/json"
            return headers
        }

        func post(_ uri: String, as username: String?, _ body: [String: Any]) async throws -> TestResponse {
            let data = try JSONSerialization.data(withJSONObject: body)
            return try await client.execute(uri: uri, method: .post, headers: try await headers(username), body: ByteBuffer(bytes: data))
        }

        func get(_ uri: String, as username: String?) async throws -> TestResponse {
            try await client.execute(uri: uri, method: .get, headers: try await headers(username))
        }

        /// Intake at the counter with every required component scanned.
        func intake(
            _ procedure: String, as username: String = "motcua.tandinh", channel: String = "direct",
            extra: [String: Any] = [:]
        ) async throws -> TestResponse {
            let codes = try await requiredComponents(procedure)
            var body: [String: Any] = [
                "procedure": procedure, "channel": channel,
                "applicant": [
                    "name": "Nguyễn Thị Lan", "idNumber": "079301000123", "phone": "0912345678",
                    "email": "lan@example.vn"
                ],
                "components": codes.map { ["code": $0, "pages": 3] }
            ]
            for (key, value) in extra { body[key] = value }
            return try await post("/api/v1/dossiers", as: username, body)
        }

        func requiredComponents(_ procedure: String) async throws -> [String] {
            let procedures = try await harness.services.procedures.versions(code: procedure)
            return procedures[0].requiredComponents.map(\.code)
        }

        /// The citizen's lookup: code and secret in the body, never in the address.
        func lookup(_ code: String, _ secret: String) async throws -> TestResponse {
            try await post("/api/v1/lookup", as: nil, ["code": code, "secret": secret])
        }

        func act(_ code: String, _ action: String, as username: String, _ body: [String: Any] = [:]) async throws -> TestResponse {
            try await post("/api/v1/dossiers/\(code)/actions/\(action)", as: username, body)
        }

        /// Receive → assign → propose → approve → sign → return; each step must answer 200.
        func complete(_ code: String, rating: Int = 3) async throws -> [String: Any] {
            for (action, user, body) in [
                ("assign", "chuyenvien.tandinh", [String: Any]()), ("propose", "chuyenvien.tandinh", ["note": "Đủ điều kiện"]),
                ("approve", "lanhdao.tandinh", [:]), ("sign", "vanthu.tandinh", ["resultNumber": "15/2025/KS"]),
                ("return", "motcua.tandinh", ["returnMethod": "counter", "rating": rating])
            ] {
                let response = try await act(code, action, as: user, body)
                #expect(response.status == .ok, "\(action): \(response.text)")
            }
            return try await get("/api/v1/dossiers/\(code)", as: "motcua.tandinh").json()
        }
    }

    static func run(_ body: @escaping @Sendable (Desk) async throws -> Void) async throws {
        try await WebHarness.run { harness, client in
            (harness.services.clock as! FixedClock).set(monday)
            try await body(Desk(harness: harness, client: client))
        }
    }

    @Test("the queue's CSV holds every dossier of the queue, whatever page the screen shows, with times as people read them")
    func csvHoldsEveryRow() async throws {
        try await Self.run { desk in
            for _ in 0..<3 { #expect(try await desk.intake("1.001193").status == .created) }
            let csv = try await desk.get("/api/v1/dossiers?format=csv&limit=1&offset=2&queue=all", as: "motcua.tandinh")
            #expect(csv.status == .ok)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 4, "header and three dossiers: \(csv.text)")
            #expect(lines.dropFirst().allSatisfy { $0.contains(",23/11/2026 09:00,") })
            #expect(!csv.text.contains("+07:00"))
        }
    }

    @Test("khai sinh at the counter: code AGENCY-YYMMDD-0001, due the same evening, every step on the timeline and the outbox")
    func birthRegistration() async throws {
        try await Self.run { desk in
            let response = try await desk.intake("1.001193")
            #expect(response.status == .created, "\(response.text)")
            let json = try response.json()
            let code = try #require(json["code"] as? String)
            let officerAgency = try #require(try await desk.harness.services.accounts.find(username: "motcua.tandinh")).agencyId
            #expect(code == "\(officerAgency)-261123-0001")
            #expect(json["status"] as? String == "received")
            #expect((json["secret"] as? String)?.count == 8)
            #expect(json["due"] as? String == "2026-11-23T17:00:00+07:00")

            desk.clock.set(VietnamTime.date(2026, 11, 23, 14, 0))
            let done = try await desk.complete(code)
            #expect(done["status"] as? String == "returned")
            #expect(done["portalStatus"] as? Int == 10)
            #expect(done["overdue"] as? Bool == false)
            let timeline = (done["timeline"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(timeline == ["receive", "assign", "propose", "approve", "sign", "return"])
            let handovers = done["handovers"] as? [[String: Any]] ?? []
            #expect(handovers.count == 5 && handovers.allSatisfy { $0["onTime"] as? Bool == true })

            let outbox = try await desk.harness.services.outbox.entries(dossierCode: code)
            #expect(outbox.map(\.seq) == [1, 2, 3, 4, 5, 6])
            #expect(outbox.map(\.portalStatus) == [2, 4, 4, 4, 9, 10])
            let first = try JSONDecoder().decode(PortalEnvelope.self, from: Data(outbox[0].payload.utf8))
            #expect(first.isUpdating == false && first.data[0].MaHoSo == code && first.data[0].KenhThucHien == 1)
            #expect(first.data[0].NgayTiepNhan == "20261123090000" && first.data[0].NgayHenTra == "20261123170000")

            // The second intake of the day at the same desk takes the next number.
            let second = try await desk.intake("2.000815").json()
            #expect(second["code"] as? String == "\(officerAgency)-261123-0002")
        }
    }

    @Test("every seeded procedure runs its full lifecycle with its own time limit and fee")
    func everyProcedure() async throws {
        try await Self.run { desk in
            let expected: [String: (due: String, fee: Int)] = [
                "1.001193": ("2026-11-23T17:00:00+07:00", 0),
                "2.000815": ("2026-11-23T17:00:00+07:00", 2 * 2000 + 1000),
                "2.000884": ("2026-11-23T17:00:00+07:00", 10000),
                "2.000908": ("2026-11-23T17:00:00+07:00", 0),
                "2.000635": ("2026-11-23T17:00:00+07:00", 8000),
                "1.004873": ("2026-11-27T17:00:00+07:00", 3000),
                "1.009994": ("2026-12-03T17:00:00+07:00", 75000)
            ]
            for (procedure, terms) in expected.sorted(by: { $0.key < $1.key }) {
                desk.clock.set(Self.monday)
                let json = try await desk.intake(procedure).json()
                let code = try #require(json["code"] as? String, "\(procedure): \(json)")
                #expect(json["due"] as? String == terms.due, "\(procedure)")
                #expect(json["fee"] as? Int == terms.fee, "\(procedure)")
                desk.clock.set(VietnamTime.date(2026, 11, 23, 15, 30))
                let done = try await desk.complete(code)
                #expect(done["status"] as? String == "returned", "\(procedure)")
            }
            let indicators = try await desk.get("/api/v1/indicators?unit=26737&from=2026-11-01&to=2026-11-30", as: nil).json()
            let counts = indicators["counts"] as? [String: Any] ?? [:]
            #expect(counts["received"] as? Int == 7 && counts["returned"] as? Int == 7 && counts["finishedOnTime"] as? Int == 7)
            #expect((indicators["rates"] as? [String: Any])?["onTime"] as? Double == 100)
        }
    }

    @Test("a same-day dossier received after 15:00 is due at the close of the next working day")
    func afterCutoff() async throws {
        try await Self.run { desk in
            desk.clock.set(VietnamTime.date(2026, 11, 27, 15, 30))  // Friday
            let json = try await desk.intake("1.001193").json()
            #expect(json["due"] as? String == "2026-11-30T17:00:00+07:00")
        }
    }

    @Test("supplement request pauses the clock: the due date moves by exactly the working time paused, and the citizen sees it")
    func supplementPause() async throws {
        try await Self.run { desk in
            let json = try await desk.intake("1.009994").json()
            let code = try #require(json["code"] as? String)
            let secret = try #require(json["secret"] as? String)
            // Tuesday 24/11/2026 is Ngày Văn hóa Việt Nam, a day off: 7 working days end on Thursday 3/12.
            #expect(json["due"] as? String == "2026-12-03T17:00:00+07:00")
            #expect(try await desk.act(code, "assign", as: "chuyenvien.tandinh").status == .ok)
            desk.clock.set(VietnamTime.date(2026, 11, 25, 9, 0))
            let paused = try await desk.act(code, "request-supplement", as: "chuyenvien.tandinh", ["items": ["Bản vẽ mặt bằng có chữ ký"]])
            #expect(paused.status == .ok, "\(paused.text)")
            #expect(try paused.json()["status"] as? String == "supplement-requested")
            // Wednesday 09:00 → Monday 09:00 is three full working days.
            desk.clock.set(VietnamTime.date(2026, 11, 30, 9, 0))
            let resumed = try await desk.act(code, "supply", as: "motcua.tandinh").json()
            #expect(resumed["status"] as? String == "in-review")
            #expect(resumed["due"] as? String == "2026-12-08T17:00:00+07:00")
            let lookup = try await desk.lookup(code, secret).json()
            #expect(lookup["due"] as? String == "2026-12-08T17:00:00+07:00")
            let outbox = try await desk.harness.services.outbox.entries(dossierCode: code)
            let last = try JSONDecoder().decode(PortalEnvelope.self, from: Data(outbox.last!.payload.utf8))
            #expect(last.data[0].DanhSachHoSoBoSung.first?.NgayHenTraTruoc == "20261203170000")
            #expect(last.data[0].DanhSachHoSoBoSung.first?.NgayHenTraMoi == "20261208170000")
        }
    }

    @Test("an overdue dossier needs an apology letter (Mẫu 04) before it continues, at most once")
    func apologyLimit() async throws {
        try await Self.run { desk in
            let code = try #require(try await desk.intake("1.004873").json()["code"] as? String)
            #expect(try await desk.act(code, "assign", as: "chuyenvien.tandinh").status == .ok)
            #expect(
                try await desk.act(code, "apologize", as: "lanhdao.tandinh", ["reason": "x", "newDue": "2026-12-02T17:00:00+07:00"]).status
                    == .conflict)
            desk.clock.set(VietnamTime.date(2026, 11, 30, 9, 0))  // due was Friday 27/11 17:00 (24/11 is a day off)
            let overdueQueue = try await desk.get("/api/v1/dossiers?queue=qua-han", as: "motcua.tandinh").json()
            #expect(overdueQueue["total"] as? Int == 1)
            let refused = try await desk.act(code, "propose", as: "chuyenvien.tandinh")
            #expect(refused.status == .conflict)
            #expect((try refused.json()["error"] as? [String: Any])?["code"] as? String == "dossier.apology_required")
            let apology = try await desk.act(
                code, "apologize", as: "lanhdao.tandinh",
                ["reason": "Cần xác minh tại nơi cư trú trước đây", "newDue": "2026-12-02T17:00:00+07:00"])
            #expect(apology.status == .ok, "\(apology.text)")
            #expect(try apology.json()["due"] as? String == "2026-12-02T17:00:00+07:00")
            // Apologised for means the appointment was missed: still late for 766, whatever the new date.
            let afterApology = try await desk.get("/api/v1/indicators?from=2026-11-01&to=2026-12-31", as: nil).json()
            #expect((afterApology["counts"] as? [String: Any])?["inProgressOverdue"] as? Int == 1)
            #expect(try await desk.act(code, "propose", as: "chuyenvien.tandinh").status == .ok)
            desk.clock.set(VietnamTime.date(2026, 12, 3, 9, 0))
            let second = try await desk.act(code, "apologize", as: "lanhdao.tandinh", ["reason": "Lại chậm", "newDue": "2026-12-07T17:00:00+07:00"])
            #expect((try second.json()["error"] as? [String: Any])?["code"] as? String == "dossier.apology_limit")
            // With the one allowed apology used, the dossier may still be finished, late.
            #expect(try await desk.act(code, "approve", as: "lanhdao.tandinh").status == .ok)
            let signed = try await desk.act(code, "sign", as: "vanthu.tandinh", ["resultNumber": "9/XNHN"]).json()
            #expect(signed["overdue"] as? Bool == true)
            let figures = try await desk.get("/api/v1/indicators?from=2026-11-01&to=2026-12-31", as: nil).json()
            #expect((figures["counts"] as? [String: Any])?["finishedLate"] as? Int == 1)
        }
    }

    @Test("16 concurrent intakes at one desk get 16 different consecutive codes")
    func concurrentCodes() async throws {
        try await Self.run { desk in
            let services = desk.harness.services
            let officer = try await services.accounts.principal(for: try #require(try await services.accounts.find(username: "motcua.tandinh")))
            let components = try await desk.requiredComponents("2.000815").map { SubmittedComponent(code: $0, name: $0, form: .scanned) }
            let codes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        let request = IntakeRequest(
                            procedureCode: "2.000815", agencyId: nil, channel: .direct,
                            applicant: Applicant(name: "Người nộp \(index)", idNumber: "079301000123", phone: "0912345678"),
                            components: components, decision: .receive)
                        return try await services.dossiers.intake(request, by: officer, at: Self.monday).dossier.code
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let sequences = Set(codes.compactMap { DossierCode.parse($0)?.sequence })
            #expect(Set(codes).count == 16)
            #expect(sequences == Set(1...16))
        }
    }

    @Test("ward A's officer cannot read or act on ward B's dossier; a wrong secret learns nothing")
    func access() async throws {
        try await Self.run { desk in
            let json = try await desk.intake("2.000815").json()
            let code = try #require(json["code"] as? String)
            let secret = try #require(json["secret"] as? String)
            #expect(try await desk.get("/api/v1/dossiers/\(code)", as: "motcua.benthanh").status == .forbidden)
            #expect(try await desk.act(code, "assign", as: "motcua.benthanh").status == .forbidden)
            let list = try await desk.get("/api/v1/dossiers", as: "motcua.benthanh").json()
            #expect(list["total"] as? Int == 0)
            #expect(try await desk.get("/api/v1/dossiers/\(code)", as: "motcua.tandinh").status == .ok)

            let wrong = try await desk.lookup(code, "ZZZZZZZZ")
            let unknown = try await desk.lookup("001.01.90.H29-261123-9999", "ZZZZZZZZ")
            #expect(wrong.status == .notFound && unknown.status == .notFound)
            #expect(!wrong.text.contains("Lan") && !wrong.text.contains("0912345678"))
            let good = try await desk.lookup(code, secret.lowercased())
            #expect(good.status == .ok)
            #expect(!good.text.contains("0912345678") && !good.text.contains("079301000123"))
            #expect(try await desk.lookup(code, "5678").status == .ok)
            // Guessing the four digits: after 10 wrong answers the phone no longer opens this code,
            // but the receipt's secret still does (the citizen is not locked out by the guesser).
            for guess in 0..<10 { _ = try await desk.lookup(code, String(format: "%04d", guess)) }
            let phone = try await desk.lookup(code, "5678")
            #expect(phone.status == .tooManyRequests && phone.headers[.retryAfter] != nil)
            #expect(try await desk.lookup(code, secret).status == .ok)
            // The guessing client itself: 20 wrong answers in 15 minutes, then it waits, whatever it asks.
            for guess in 10..<20 { _ = try await desk.lookup(code, String(format: "SAI%05d", guess)) }
            #expect(try await desk.lookup(code, secret).status == .tooManyRequests)
            desk.clock.advance(by: 16 * 60)
            #expect(try await desk.lookup(code, secret).status == .ok)
            #expect(try await desk.lookup(code, "5678").status == .ok)
            // The specialist's internal assignment note is not public.
            #expect(try await desk.act(code, "assign", as: "chuyenvien.tandinh").status == .ok)
            let publicTimeline = try await desk.lookup(code, secret).json()["timeline"] as? [[String: Any]]
            #expect(publicTimeline?.map { $0["action"] as? String } == ["receive"])
        }
    }

    @Test("bad input on intake and actions is a 400 naming the field, and nothing is stored")
    func badInput() async throws {
        try await Self.run { desk in
            let before = try await desk.harness.services.database.sql.raw("SELECT COUNT(*) AS n FROM dossiers").first()!.decode(
                column: "n", as: Int.self)
            let cases: [([String: Any], String)] = [
                (["applicant": ["name": "", "idNumber": "079301000123", "phone": "0912345678"]], "applicant.name"),
                (["applicant": ["name": "Lan", "idNumber": "12345", "phone": "0912345678"]], "applicant.idNumber"),
                (["applicant": ["name": "Lan", "idNumber": "079301000123", "phone": "12"]], "applicant.phone"),
                (["applicant": ["name": "Lan", "idNumber": "079301000123", "phone": "0912345678", "email": "khong-hop-le"]], "applicant.email"),
                (["procedure": "9.999999"], "procedure"),
                (["channel": "fax"], "channel"),
                (["components": [["code": "KHONG-CO"]]], "components[0].code"),
                (["components": [["code": "BC", "form": "giay"]]], "components[0].form"),
                (["decision": "refuse"], "reason"),
                (["agency": "000.00.04.H29"], "agency"),
                (["components": [["code": "BC", "file": ["name": "a.exe", "contentType": "application/x-msdownload", "base64": "TVo="]]]], "files[0]")
            ]
            for (override, field) in cases {
                let response = try await desk.intake("2.000815", extra: override)
                #expect(response.status == .badRequest, "\(field): \(response.status)")
                let fields = ((try response.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap {
                    $0["field"] as? String
                }
                #expect(fields.contains(field), "\(field) not in \(fields)")
            }
            let big = String(repeating: "A", count: 14_000_000)
            let oversized = try await desk.intake(
                "2.000815", extra: ["components": [["code": "BC", "file": ["name": "scan.pdf", "contentType": "application/pdf", "base64": big]]]])
            #expect(oversized.status == .badRequest || oversized.status == .contentTooLarge)
            let explicitReceive = try await desk.intake("1.001193", extra: ["components": [["code": "TK-KS"]], "decision": "receive"])
            #expect(explicitReceive.status == .badRequest)
            #expect(try await desk.post("/api/v1/dossiers", as: "motcua.tandinh", ["procedure": 5]).status == .badRequest)
            #expect(
                try await desk.post(
                    "/api/v1/dossiers", as: "chuyenvien.tandinh",
                    ["procedure": "2.000815", "applicant": ["name": "Lan", "idNumber": "079301000123", "phone": "0912345678"]]
                ).status == .forbidden)
            let after = try await desk.harness.services.database.sql.raw("SELECT COUNT(*) AS n FROM dossiers").first()!.decode(
                column: "n", as: Int.self)
            #expect(after == before)

            let code = try #require(try await desk.intake("2.000815").json()["code"] as? String)
            #expect(try await desk.act(code, "fly", as: "motcua.tandinh").status == .badRequest)
            #expect(try await desk.act(code, "approve", as: "lanhdao.tandinh").status == .conflict)
            #expect(try await desk.act(code, "approve", as: "motcua.tandinh").status == .forbidden)
            #expect(try await desk.act(code, "assign", as: "motcua.tandinh", ["assigneeId": 99999]).status == .badRequest)
            #expect(try await desk.act(code, "assign", as: "chuyenvien.tandinh").status == .ok)
            #expect(try await desk.act(code, "request-supplement", as: "chuyenvien.tandinh", ["items": []]).status == .badRequest)
            #expect(try await desk.get("/api/v1/dossiers?queue=nope", as: "motcua.tandinh").status == .badRequest)
        }
    }

    @Test("incomplete at the counter: Mẫu 02 lists every missing item at once; the dossier is received once complete")
    func completionAtIntake() async throws {
        try await Self.run { desk in
            let response = try await desk.intake("1.001193", extra: ["components": [["code": "TK-KS"]]])
            #expect(response.status == .created)
            let json = try response.json()
            #expect(json["status"] as? String == "completion-requested")
            #expect((json["missingItems"] as? [String])?.count == 2)
            #expect(json["due"] is NSNull || json["due"] == nil)
            let code = try #require(json["code"] as? String)
            let received = try await desk.act(code, "receive", as: "motcua.tandinh").json()
            #expect(received["status"] as? String == "received")
        }
    }

    @Test("online submission without an account waits for the desk; the desk receives it; postal staff submit by post")
    func onlineAndPostal() async throws {
        try await Self.run { desk in
            let agency = try #require(try await desk.harness.services.accounts.find(username: "motcua.tandinh")).agencyId
            let pdf = Data("%PDF-1.4 test".utf8).base64EncodedString()
            let online = try await desk.post(
                "/api/v1/dossiers", as: nil,
                [
                    "procedure": "2.000815", "agency": agency, "channel": "online",
                    "applicant": ["name": "Trần Văn Bình", "idNumber": "079200000001", "phone": "0987654321"],
                    "components": [["code": "BC", "file": ["name": "ban-goc.pdf", "contentType": "application/pdf", "base64": pdf]]]
                ])
            #expect(online.status == .created, "\(online.text)")
            let json = try online.json()
            #expect(json["status"] as? String == "submitted" && json["applicant"] == nil)
            let code = try #require(json["code"] as? String)
            let detail = try await desk.get("/api/v1/dossiers/\(code)", as: "motcua.tandinh").json()
            let fileId = try #require((detail["components"] as? [[String: Any]])?.first?["fileId"] as? Int)
            let file = try await desk.get("/api/v1/dossiers/\(code)/files/\(fileId)", as: "motcua.tandinh")
            #expect(file.status == .ok && file.text == "%PDF-1.4 test")
            #expect(try await desk.act(code, "receive", as: "motcua.tandinh").status == .ok)
            #expect(
                try await desk.post(
                    "/api/v1/dossiers", as: nil,
                    [
                        "procedure": "2.000815", "agency": agency, "channel": "direct",
                        "applicant": ["name": "A B", "idNumber": "079200000001", "phone": "0987654321"]
                    ]
                ).status == .unauthorized)

            let postal = try await desk.post(
                "/api/v1/dossiers", as: "buudien",
                [
                    "procedure": "2.000908", "agency": agency,
                    "applicant": ["name": "Lê Thị Cúc", "idNumber": "079200000002", "phone": "0987654322"], "components": ["GTTT"]
                ])
            #expect(postal.status == .created)
            // Postal staff carry dossiers; deciding on them is the desk's job.
            #expect(
                try await desk.post(
                    "/api/v1/dossiers", as: "buudien",
                    [
                        "procedure": "2.000908", "agency": agency, "decision": "refuse", "reason": "x",
                        "applicant": ["name": "Lê Thị Cúc", "idNumber": "079200000002", "phone": "0987654322"], "components": ["GTTT"]
                    ]
                ).status == .forbidden)
            #expect(try postal.json()["channel"] as? String == "postal" && (try postal.json()["status"] as? String) == "submitted")
        }
    }

    @Test("a construction permit goes to Sở Xây dựng and back; a department cannot act on what was not handed to it")
    func transferToDepartment() async throws {
        try await Self.run { desk in
            let permit = try #require(try await desk.intake("1.009994").json()["code"] as? String)
            let copy = try #require(try await desk.intake("2.000815").json()["code"] as? String)
            for code in [permit, copy] { #expect(try await desk.act(code, "assign", as: "chuyenvien.tandinh").status == .ok) }
            let sent = try await desk.act(permit, "transfer", as: "chuyenvien.tandinh", ["note": "Nhà cấp II, vượt thẩm quyền phường"])
            let sentStatus = try sent.json()["status"] as? String
            #expect(sent.status == .ok && sentStatus == "transferred")
            let handovers = try sent.json()["handovers"] as? [[String: Any]] ?? []
            #expect(handovers.last?["step"] as? String == "transfer" && handovers.last?["toAgency"] as? String == "000.00.04.H29")
            #expect(try await desk.act(copy, "request-supplement", as: "so.xaydung", ["items": ["x"]]).status == .forbidden)
            let back = try await desk.act(permit, "transfer-back", as: "so.xaydung", ["note": "Sở thống nhất cấp phép"])
            let backStatus = try back.json()["status"] as? String
            #expect(back.status == .ok && backStatus == "in-review")
        }
    }
}
