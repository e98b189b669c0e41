import Crypto
import Foundation
import HTTPTypes
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Meetings through the API on both databases: scheduling with conflicts, scope between wards,
/// the Jitsi reservation endpoint in every state, tokens, roll-call, conclusions, invitations.
@Suite("Meetings: scheduling, video rooms, roll-call, conclusions")
struct MeetingTests {
    /// Sunday 23/11/2025 09:00 in Hồ Chí Minh City (the harness's clock).
    static let now = Date(timeIntervalSince1970: 1_763_863_200)
    static let reservationToken = "prosody-reservation-token-0123456789"
    static let secret = "jitsi-app-secret-0123456789abcdef0123456789"

    static func configure(_ config: inout AppConfig) {
        config.jitsiReservationToken = reservationToken
        config.jitsiAppSecret = secret
        config.jitsiURL = "https://hop.example.vn"
    }

    static func body(_ fields: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: fields))
    }

    static func schedule(
        _ client: any TestClientProtocol, _ headers: HTTPFields, _ fields: [String: Any]
    ) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await client.execute(uri: "/api/v1/meetings", method: .post, headers: headers, body: try body(fields))
    }

    static let tuesday = ["start": "2025-11-25T09:00:00+07:00", "end": "2025-11-25T10:30:00+07:00"]

    @Test(
        "rooms booked are refused with the list (409) unless overridden with a reason; holidays warned; a ward invites only itself; bad input lists every problem and writes nothing"
    )
    func scheduling() async throws {
        try await WebHarness.run(configure: Self.configure) { harness, client in
            let department = try await harness.bearer("so.xaydung")
            let first = try await Self.schedule(
                client, department,
                ["title": "Rà soát hồ sơ xây dựng", "units": ["26737", "26743"], "participants": [["name": "Khách", "email": "khach@example.vn"]]]
                    .merging(Self.tuesday) { $1 })
            #expect(first.status == .created)
            let created = try first.json()
            let firstId = try #require(created["id"] as? Int)
            #expect((created["room"] as? String)?.count == 24)
            // The guest's invitation, into the outbox's mail topic.
            #expect(created["invitations"] as? Int == 1)

            let clash = try await Self.schedule(
                client, department,
                ["title": "Trùng phòng", "units": ["26737"], "start": "2025-11-25T10:00:00+07:00", "end": "2025-11-25T11:00:00+07:00"])
            #expect(clash.status == .conflict)
            let conflicts = try #require(try clash.json()["conflicts"] as? [[String: Any]])
            #expect(conflicts.first?["unit"] as? String == "26737" && conflicts.first?["meetingId"] as? Int == firstId)
            let before = try await harness.services.meetings.list(
                for: try await DocumentTests.principal(harness.services, "admin"), from: nil, to: nil, limit: 50, offset: 0
            ).total
            #expect(before == 1)

            let forced = try await Self.schedule(
                client, department,
                [
                    "title": "Trùng phòng", "units": ["26737"], "start": "2025-11-25T10:00:00+07:00", "end": "2025-11-25T11:00:00+07:00",
                    "allowConflicts": true, "overrideReason": "Chỉ đạo khẩn của Thành ủy"
                ])
            #expect(forced.status == .created)
            #expect((try forced.json()["conflicts"] as? [Any])?.count == 1)

            // 1/1/2026 is a day off: a warning names it.
            let holiday = try await Self.schedule(
                client, department,
                ["title": "Ngày nghỉ", "units": ["27316"], "start": "2026-01-01T09:00:00+07:00", "end": "2026-01-01T10:00:00+07:00"])
            #expect(holiday.status == .created)
            #expect((try holiday.json()["warnings"] as? [String])?.contains { $0.contains("01/01/2026") && $0.contains("ngày nghỉ") } == true)

            // A ward's leader invites their own ward only.
            let ward = try await harness.bearer("lanhdao.tandinh")
            let outside = try await Self.schedule(client, ward, ["title": "Họp", "units": ["26743"]].merging(Self.tuesday) { $1 })
            #expect(outside.status == .badRequest)
            // Every problem at once, nothing written.
            let bad = try await Self.schedule(
                client, department,
                [
                    "title": "", "units": ["99999"], "start": "2025-11-25T10:00:00+07:00", "end": "2025-11-25T09:00:00+07:00",
                    "participants": [["name": "X", "email": "khong-phai-thu"]]
                ])
            #expect(bad.status == .badRequest)
            let fields = Set(((try bad.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields.isSuperset(of: ["title", "end", "units", "participants"]))
            let series = try await Self.schedule(
                client, department, ["title": "Chuỗi", "units": ["27316"], "recurrence": "FREQ=WEEKLY"].merging(Self.tuesday) { $1 })
            #expect(series.status == .badRequest)
            let total = try await harness.services.meetings.list(
                for: try await DocumentTests.principal(harness.services, "admin"), from: nil, to: nil, limit: 50, offset: 0
            ).total
            #expect(total == 3)

            // Ward B's staff never see ward A's meeting; the invited ward's do.
            let other = try await harness.bearer("lanhdao.benthanh")
            let hidden = try await Self.schedule(
                client, ward,
                ["title": "Riêng phường Tân Định", "units": ["26737"], "start": "2025-11-26T09:00:00+07:00", "end": "2025-11-26T10:00:00+07:00"])
            let hiddenId = try #require(try hidden.json()["id"] as? Int)
            for path in ["/api/v1/meetings/\(hiddenId)", "/api/v1/meetings/\(hiddenId)/ics"] {
                #expect(try await client.execute(uri: path, method: .get, headers: other).status == .notFound)
            }
            #expect(try await client.execute(uri: "/api/v1/meetings/\(hiddenId)/join", method: .post, headers: other).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/meetings/\(firstId)", method: .get, headers: other).status == .ok)
            let page = try await client.execute(uri: "/api/v1/meetings", method: .get, headers: other)
            let ids = ((try page.json()["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }
            #expect(ids.contains(firstId) && !ids.contains(hiddenId))
        }
    }

    @Test(
        "the reservation endpoint: 401 without Prosody's token, 403 before the window, 200 with the seconds left, 409 when open, GET and DELETE; a cancelled meeting's room is refused for good"
    )
    func reservations() async throws {
        let clock = FixedClock(Self.now)
        try await WebHarness.run(clock: clock, configure: Self.configure) { harness, client in
            let department = try await harness.bearer("so.xaydung")
            let created = try await Self.schedule(client, department, ["title": "Họp trực tuyến", "units": ["26737"]].merging(Self.tuesday) { $1 })
            let json = try created.json()
            let id = try #require(json["id"] as? Int)
            let room = try #require(json["room"] as? String)
            let prosody: HTTPFields = [.authorization: "Bearer \(Self.reservationToken)", .contentType: "application/x-www-form-urlencoded"]
            func reserve() async throws -> TestResponse {
                try await client.execute(
                    uri: "/jitsi/conference", method: .post, headers: prosody,
                    body: ByteBuffer(string: "name=\(room)&start_time=2025-11-25T01%3A50%3A00.000Z&mail_owner=host%40example.vn"))
            }
            let anonymous = try await client.execute(
                uri: "/jitsi/conference", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=\(room)"))
            #expect(anonymous.status == .unauthorized)
            #expect(try await reserve().status == .forbidden)
            // 08:50: within the 15 minutes before 09:00.
            clock.set(VietnamTime.date(2025, 11, 25, 8, 50))
            let open = try await reserve()
            #expect(open.status == .ok)
            let reservation = try open.json()
            // To 10:30 plus 30 minutes of grace: 2 h 10 min.
            #expect(reservation["duration"] as? Int == 130 * 60)
            #expect(reservation["mail_owner"] as? String == "host@example.vn")
            let conferenceId = try #require(reservation["id"] as? Int)
            let again = try await reserve()
            #expect(again.status == .conflict)
            #expect(try again.json()["conflict_id"] as? Int == conferenceId)
            let read = try await client.execute(uri: "/jitsi/conference/\(conferenceId)", method: .get, headers: prosody)
            #expect(try read.json()["name"] as? String == room)
            #expect(try await client.execute(uri: "/jitsi/conference/\(conferenceId)", method: .delete, headers: prosody).status == .ok)
            #expect(try await reserve().status == .ok)
            let unknown = try await client.execute(
                uri: "/jitsi/conference", method: .post, headers: prosody, body: ByteBuffer(string: "name=hop-khongco"))
            #expect(unknown.status == .forbidden)
            // After the end and its grace: refused.
            clock.set(VietnamTime.date(2025, 11, 25, 11, 1))
            #expect(try await reserve().status == .forbidden)
            clock.set(VietnamTime.date(2025, 11, 25, 9, 0))
            var headers = department
            headers[.contentType] = "application/json"
            let cancel = try await client.execute(
                uri: "/api/v1/meetings/\(id)/actions/cancel", method: .post, headers: headers, body: try Self.body(["reason": "Đổi kế hoạch"]))
            #expect(cancel.status == .ok)
            let refused = try await reserve()
            #expect(refused.status == .forbidden)
            #expect((try refused.json()["message"] as? String)?.contains("hủy") == true)
            let reschedule = try await client.execute(
                uri: "/api/v1/meetings/\(id)/actions/reschedule", method: .post, headers: headers,
                body: try Self.body(["start": "2025-11-27T09:00:00+07:00", "end": "2025-11-27T10:00:00+07:00"]))
            #expect(reschedule.status == .conflict)
            _ = harness
        }
    }

    /// The JWT's claims after checking its HS256 signature with the configured key.
    static func claims(_ token: String) throws -> [String: Any] {
        let parts = token.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        func decode(_ text: String) -> Data {
            var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base.count % 4 != 0 { base += "=" }
            return Data(base64Encoded: base) ?? Data()
        }
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(parts[0]).\(parts[1])".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        #expect(Data(mac) == decode(parts[2]))
        return try JSONSerialization.jsonObject(with: decode(parts[1])) as? [String: Any] ?? [:]
    }

    @Test(
        "join: a signed token per person with the lobby until the start (earlier for the host and the unit's staff), a moved series' next occurrence, nobody else"
    )
    func joinTokens() async throws {
        let clock = FixedClock(Self.now)
        try await WebHarness.run(clock: clock, configure: Self.configure) { harness, client in
            let department = try await harness.bearer("so.xaydung")
            let created = try await Self.schedule(client, department, ["title": "Họp", "units": ["26737"]].merging(Self.tuesday) { $1 })
            let id = try #require(try created.json()["id"] as? Int)
            let host = try await client.execute(uri: "/api/v1/meetings/\(id)/join", method: .post, headers: department)
            let hostJoin = try host.json()
            #expect(hostJoin["moderator"] as? Bool == true)
            #expect((hostJoin["url"] as? String)?.hasPrefix("https://hop.example.vn/hop-") == true)
            let hostClaims = try Self.claims(try #require(hostJoin["token"] as? String))
            #expect(hostClaims["nbf"] as? Int == Int(VietnamTime.date(2025, 11, 25, 8, 45).timeIntervalSince1970))
            #expect(hostClaims["exp"] as? Int == Int(VietnamTime.date(2025, 11, 25, 11, 0).timeIntervalSince1970))
            #expect(hostClaims["aud"] as? String == "jitsi" && hostClaims["iss"] as? String == "haicap" && hostClaims["sub"] as? String == "*")
            #expect(hostClaims["room"] as? String == hostJoin["room"] as? String)
            // A specialist of the invited ward waits until 09:00 and does not moderate.
            let specialist = try await harness.bearer("chuyenvien.tandinh")
            let guestJoin = try await client.execute(uri: "/api/v1/meetings/\(id)/join", method: .post, headers: specialist).json()
            let claims = try Self.claims(try #require(guestJoin["token"] as? String))
            #expect(claims["moderator"] as? Bool == false)
            #expect(claims["nbf"] as? Int == Int(VietnamTime.date(2025, 11, 25, 9, 0).timeIntervalSince1970))
            let user = (claims["context"] as? [String: Any])?["user"] as? [String: Any]
            #expect(user?["unit"] as? String == "26737")
            #expect(
                try await client.execute(uri: "/api/v1/meetings/\(id)/join", method: .post, headers: try await harness.bearer("chuyenvien.benthanh"))
                    .status == .notFound)

            // A weekly series moved over 1/1/2026: after the 25/12 occurrence, the next is Friday 2/1.
            let series = try await Self.schedule(
                client, department,
                [
                    "title": "Giao ban thứ Năm", "units": ["26743"], "start": "2025-12-25T14:00:00+07:00", "end": "2025-12-25T15:00:00+07:00",
                    "recurrence": "FREQ=WEEKLY;COUNT=3", "dayOff": "doi-ngay"
                ])
            let seriesId = try #require(try series.json()["id"] as? Int)
            clock.set(VietnamTime.date(2025, 12, 26, 9, 0))
            let next = try await client.execute(uri: "/api/v1/meetings/\(seriesId)/join", method: .post, headers: department).json()
            #expect(next["nbf"] as? String == "2026-01-02T13:45:00+07:00")
            let ics = try await client.execute(uri: "/api/v1/meetings/\(seriesId)/ics", method: .get, headers: department).text
                .replacingOccurrences(of: "\r\n ", with: "")
            #expect(ics.contains("RRULE:FREQ=WEEKLY;COUNT=3"))
            #expect(ics.contains("RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:20260101T140000"))
            #expect(ics.contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20260102T140000"))
        }
    }

    @Test(
        "roll-call by the unit for its own line or by the organiser, refused for a unit not invited; conclusions from the start on, due in working days, overdue by the one rule, done by the owner"
    )
    func rollCallAndConclusions() async throws {
        let clock = FixedClock(Self.now)
        try await WebHarness.run(clock: clock, configure: Self.configure) { harness, client in
            let department = try await harness.bearer("so.xaydung")
            let created = try await Self.schedule(client, department, ["title": "Họp", "units": ["26737", "26743"]].merging(Self.tuesday) { $1 })
            let id = try #require(try created.json()["id"] as? Int)
            func mark(_ headers: HTTPFields, _ unit: String, _ status: String) async throws -> TestResponse {
                var headers = headers
                headers[.contentType] = "application/json"
                return try await client.execute(
                    uri: "/api/v1/meetings/\(id)/attendance/\(unit)", method: .put, headers: headers, body: try Self.body(["status": status]))
            }
            let tanDinh = try await harness.bearer("vanthu.tandinh")
            #expect(try await mark(tanDinh, "26737", "co-mat").status == .ok)
            #expect(try await mark(tanDinh, "26743", "vang").status == .forbidden)
            #expect(try await mark(department, "26743", "den-muon").status == .ok)
            #expect(try await mark(department, "27316", "co-mat").status == .badRequest)
            #expect(try await mark(department, "26737", "co-the").status == .badRequest)
            // Answers: the unit's (its clerk), an invited official's own; nobody answers for another ward.
            func answer(_ headers: HTTPFields, _ fields: [String: Any]) async throws -> TestResponse {
                var headers = headers
                headers[.contentType] = "application/json"
                return try await client.execute(uri: "/api/v1/meetings/\(id)/answer", method: .post, headers: headers, body: try Self.body(fields))
            }
            #expect(try await answer(tanDinh, ["answer": "cu-nguoi-thay", "unit": "26737"]).status == .ok)
            #expect(try await answer(tanDinh, ["answer": "tham-du", "unit": "26743"]).status == .forbidden)
            #expect(try await answer(tanDinh, ["answer": "co-the", "unit": "26737"]).status == .badRequest)
            let meeting = try await client.execute(uri: "/api/v1/meetings/\(id)", method: .get, headers: department).json()
            #expect((meeting["units"] as? [[String: Any]])?.first { $0["unit"] as? String == "26737" }?["rsvp"] as? String == "cu-nguoi-thay")
            let lines = (meeting["units"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
                $0[$1["unit"] as? String ?? ""] = $1["attendance"] as? String
            }
            #expect(lines == ["26737": "co-mat", "26743": "den-muon"])

            let wardAgency = try #require(try await harness.services.accounts.find(username: "lanhdao.tandinh")).agencyId
            var headers = department
            headers[.contentType] = "application/json"
            let early = try await client.execute(
                uri: "/api/v1/meetings/\(id)/conclusions", method: .post, headers: headers,
                body: try Self.body(["text": "Rà soát hồ sơ", "owner": wardAgency, "days": 3]))
            #expect(early.status == .conflict)
            clock.set(VietnamTime.date(2025, 11, 25, 10, 0))
            let given = try await client.execute(
                uri: "/api/v1/meetings/\(id)/conclusions", method: .post, headers: headers,
                body: try Self.body(["text": "Rà soát hồ sơ", "owner": wardAgency, "days": 3]))
            #expect(given.status == .created)
            let conclusion = try given.json()
            // Three working days from Tuesday: the close of Friday (as every working-day deadline).
            #expect(conclusion["due"] as? String == "2025-11-28T17:00:00+07:00")
            let conclusionId = try #require(conclusion["id"] as? Int)
            let unknownOwner = try await client.execute(
                uri: "/api/v1/meetings/\(id)/conclusions", method: .post, headers: headers,
                body: try Self.body(["text": "X", "owner": "000.00.00.X99", "days": 0]))
            #expect(unknownOwner.status == .badRequest)
            clock.set(VietnamTime.date(2025, 12, 1, 9, 0))
            let overdue = try await harness.services.meetings.conclusions(
                for: try await DocumentTests.principal(harness.services, "lanhdao.tandinh"), mine: true)
            #expect(overdue.items.first?.isOverdue(at: clock.now()) == true)
            // The watch escalates it to the ward's leaders like any overdue case.
            let sent = try await harness.services.deadlineWatch.run(now: clock.now())
            #expect(sent.escalations >= 1)
            var ward = try await harness.bearer("lanhdao.tandinh")
            ward[.contentType] = "application/json"
            let other = try await client.execute(
                uri: "/api/v1/meetings/conclusions/\(conclusionId)/actions/complete", method: .post,
                headers: try await harness.bearer("lanhdao.benthanh"))
            #expect(other.status == .notFound)
            let done = try await client.execute(uri: "/api/v1/meetings/conclusions/\(conclusionId)/actions/complete", method: .post, headers: ward)
            #expect(try done.json()["status"] as? String == "hoan-thanh")
            #expect(try done.json()["overdue"] as? Bool == false)
        }
    }

    @Test(
        "invitations: one mail per recipient and version (the guest, the room's technician), a new one after a reschedule, a CANCEL after a cancellation; the guest link works once"
    )
    func invitations() async throws {
        let clock = FixedClock(Self.now)
        try await WebHarness.run(clock: clock, configure: Self.configure) { harness, client in
            let services = harness.services
            let leader = try await DocumentTests.principal(services, "lanhdao.tandinh")
            var room = try #require(try await services.meetings.rooms(unit: "26737").first)
            room.technicianEmail = "kythuat.tandinh@example.vn"
            room.technicianName = "Kỹ thuật viên"
            _ = try await services.meetings.updateRoom(room, by: leader, at: clock.now())
            let department = try await harness.bearer("so.xaydung")
            let created = try await Self.schedule(
                client, department,
                ["title": "Họp", "units": ["26737"], "participants": [["name": "Khách mời", "email": "Khach@Example.vn"]]].merging(Self.tuesday) {
                    $1
                })
            let id = try #require(try created.json()["id"] as? Int)
            #expect(try created.json()["invitations"] as? Int == 2)
            func mails() async throws -> [MeetingMail] {
                try await services.database.sql.raw(
                    "SELECT payload FROM outbox_messages WHERE topic = 'mail' AND case_id = \(bind: String(id)) ORDER BY id"
                ).all().map { try MeetingMail.decode(try $0.decode(column: "payload", as: String.self)) }
            }
            var sent = try await mails()
            #expect(Set(sent.map(\.to)) == ["khach@example.vn", "kythuat.tandinh@example.vn"])
            #expect(sent.allSatisfy { $0.ics?.contains("METHOD:REQUEST") == true && $0.subject.hasPrefix("Giấy mời họp") })
            let link = try #require(sent.first { $0.to == "khach@example.vn" }?.text.split(separator: "\n").first { $0.contains("/hop/khach/") })
            let path = String(link[link.range(of: "/hop/khach/")!.lowerBound...])
            #expect(try await client.execute(uri: path, method: .get, headers: [:]).status == .ok)
            var headers = department
            headers[.contentType] = "application/json"
            _ = try await client.execute(
                uri: "/api/v1/meetings/\(id)/actions/reschedule", method: .post, headers: headers,
                body: try Self.body(["start": "2025-11-25T14:00:00+07:00", "end": "2025-11-25T15:00:00+07:00"]))
            sent = try await mails()
            #expect(sent.count == 4)
            #expect(sent.suffix(2).allSatisfy { $0.ics?.contains("SEQUENCE:1") == true && $0.subject.hasPrefix("Đổi lịch họp") })
            // The first link was replaced with the new version's.
            #expect(try await client.execute(uri: path, method: .get, headers: [:]).status == .notFound)
            let newLink = try #require(sent.last { $0.to == "khach@example.vn" }?.text.split(separator: "\n").first { $0.contains("/hop/khach/") })
            let newPath = String(newLink[newLink.range(of: "/hop/khach/")!.lowerBound...])
            let browser = try await harness.browser(nil)
            clock.set(VietnamTime.date(2025, 11, 25, 14, 5))
            let first = try await client.execute(uri: newPath, method: .post, headers: browser)
            #expect(first.status == .seeOther)
            #expect(first.headers[.location]?.hasPrefix("https://hop.example.vn/") == true)
            #expect(try await client.execute(uri: newPath, method: .post, headers: browser).status == .badRequest)
            _ = try await client.execute(uri: "/api/v1/meetings/\(id)/actions/cancel", method: .post, headers: department)
            sent = try await mails()
            #expect(sent.count == 6 && sent.suffix(2).allSatisfy { $0.ics?.contains("METHOD:CANCEL") == true })
        }
    }

    @Test(
        "demo meetings: a weekly series of every unit with its day off moved, a closed meeting with roll-call, minutes and conclusions, a ward's own meeting"
    )
    func demo() async throws {
        try await TestDatabase.withServices(demo: true, configure: { $0.demoMeetings = true }) { services in
            let admin = try await DocumentTests.principal(services, "admin")
            let all = try await services.meetings.list(for: admin, from: nil, to: nil, limit: 10, offset: 0)
            #expect(all.total == 3)
            let series = try #require(all.items.first { $0.meeting.recurrence != nil }).meeting
            #expect(try await services.meetings.get(series.id).units.count == 168)
            let closed = try #require(all.items.first { $0.meeting.status == .closed }).meeting
            let full = try await services.meetings.get(closed.id)
            #expect(full.units.allSatisfy { $0.attendance != nil } && full.minutesApprovedAt != nil)
            #expect(try await services.meetings.conclusions(meeting: closed.id, for: admin).total == 2)
        }
    }
}
