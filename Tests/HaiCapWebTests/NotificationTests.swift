import Foundation
import HTTPTypes
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

/// Deadline reminders and escalations as officials meet them: once per case and event however many
/// instances watch, delivered through the outbox in order, and read under the bell (page and API).
@Suite("Deadline watch, outbox order and the bell")
struct NotificationTests {
    static let monday = VietnamTime.date(2026, 11, 23, 9, 0)

    static let intake = IntakeRequest(
        procedureCode: "2.000815", agencyId: nil, channel: .direct,
        applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
        components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)

    static func principal(_ services: AppServices, _ username: String) async throws -> Principal {
        try await services.accounts.principal(for: try #require(try await services.accounts.find(username: username)))
    }

    static func notifier(_ services: AppServices) -> InAppNotifier {
        InAppNotifier(
            notifications: services.notifications, outbox: services.outbox.outbox, clock: services.clock,
            logger: TestDatabase.logger)
    }

    /// Delivers every notice, whichever worker takes it: the application's own background
    /// deliverer may hold some under its lease while the test delivers the rest.
    static func drain(_ services: AppServices) async throws {
        for _ in 0..<200 {
            try await notifier(services).deliverDue(worker: "test")
            let left =
                try await services.database.sql.raw(
                    """
                    SELECT COUNT(*) AS n FROM outbox_messages WHERE topic = \(bind: Notice.topic) AND state <> 'delivered'
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            if left == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("notices still undelivered after 10 s")
    }

    /// (user, event) → how many notifications landed.
    static func landed(_ services: AppServices) async throws -> [String: Int] {
        let rows = try await services.database.sql.raw("SELECT user_id, event, COUNT(*) AS n FROM notifications GROUP BY user_id, event").all()
        var result: [String: Int] = [:]
        for row in rows {
            result["\(try row.decode(column: "user_id", as: Int.self))/\(try row.decode(column: "event", as: String.self))"] =
                try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    @Test("two servers on one database watch the same dossier: one reminder and one escalation per official, each once")
    func twoInstancesAlertOnce() async throws {
        let clock = FixedClock(Self.monday)
        try await TestDatabase.withTwoServices(clock: clock) { first, second in
            let officer = try await Self.principal(first, "motcua.tandinh")
            let dossier = try await first.dossiers.intake(Self.intake, by: officer, at: Self.monday).dossier
            let due = try #require(dossier.due)

            // A minute before the deadline both instances pass at once, twice.
            let soon = due.addingTimeInterval(-60)
            async let a = first.deadlineWatch.run(now: soon)
            async let b = second.deadlineWatch.run(now: soon)
            let (ra, rb) = try await (a, b)
            #expect(ra.reminders + rb.reminders == 1)
            #expect(try await first.deadlineWatch.run(now: soon).reminders + second.deadlineWatch.run(now: soon).reminders == 0)

            // A working day after it, the same for the escalation.
            let late = due.addingTimeInterval(2 * 86_400)
            async let c = first.deadlineWatch.run(now: late)
            async let d = second.deadlineWatch.run(now: late)
            let (rc, rd) = try await (c, d)
            #expect(rc.escalations + rd.escalations == 1)
            #expect(rc.reminders + rd.reminders == 0)

            // Both instances deliver the bell's messages at the same time.
            clock.set(late)
            async let e = Self.notifier(first).deliverDue(worker: "a")
            async let f = Self.notifier(second).deliverDue(worker: "b")
            _ = try await (e, f)
            try await Self.notifier(first).deliverDue(worker: "a")
            let landed = try await Self.landed(first)
            #expect(!landed.isEmpty)
            #expect(landed.values.allSatisfy { $0 == 1 }, "each official gets each alert once: \(landed)")
            #expect(landed.keys.contains { $0.hasSuffix("/reminder") })
            #expect(landed.keys.contains { $0.hasSuffix("/overdue") })
            let alerts = try await first.database.sql.raw("SELECT COUNT(*) AS n FROM deadline_alerts").first()?.decode(column: "n", as: Int.self)
            #expect(alerts == 2)
        }
    }

    @Test("the outbox delivers each case's messages in order across a worker that dies and two instances")
    func outboxOrderAcrossRestartAndInstances() async throws {
        try await TestDatabase.withTwo { one, two in
            let outboxes = [Outbox(database: one), Outbox(database: two)]
            let start = Self.monday
            let cases = (1...6).map { CaseRef(.feedback, $0) }
            try await one.transaction { session in
                for _ in 1...4 {
                    for ref in cases {
                        try await outboxes[0].enqueue(
                            topic: "test", destination: "x", for: ref, payload: { "\(ref.id)#\($0)" }, at: start, in: session)
                    }
                }
            }
            // The first worker takes the first message of every case and dies before it delivers.
            let taken = try await outboxes[0].claim(topic: "test", worker: "dead", now: start)
            #expect(taken.count == cases.count)
            #expect(taken.allSatisfy { $0.seq == 1 })
            // While its lease holds, nobody else may take those cases' next messages.
            #expect(try await outboxes[1].claim(topic: "test", worker: "b", now: start.addingTimeInterval(10)).isEmpty)

            // After the lease, two live instances share the rest.
            let after = start.addingTimeInterval(61)
            let delivered = DeliveryLog()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, outbox) in outboxes.enumerated() {
                    group.addTask {
                        var idle = 0
                        while idle < 3 {
                            let batch = try await outbox.claim(topic: "test", worker: "w\(index)", now: after, limit: 2)
                            if batch.isEmpty {
                                idle += 1
                                try await Task.sleep(for: .milliseconds(20))
                                continue
                            }
                            idle = 0
                            for message in batch {
                                await delivered.add(message.payload)
                                try await outbox.markDelivered(message.id, at: after)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let order = await delivered.payloads
            #expect(order.count == cases.count * 4, "every message delivered exactly once: \(order)")
            for ref in cases {
                #expect(order.filter { $0.hasPrefix("\(ref.id)#") } == (1...4).map { "\(ref.id)#\($0)" })
            }
        }
    }

    @Test("the bell: a count in the header, the list paged, one read, all read; the API the same; nobody reads another's")
    func bellPageAndAPI() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let officer = try await Self.principal(services, "motcua.tandinh")
            let dossier = try await services.dossiers.intake(Self.intake, by: officer, at: services.clock.now()).dossier
            let due = try #require(dossier.due)
            let clock = try #require(services.clock as? FixedClock)
            clock.set(due.addingTimeInterval(-60))
            try await services.deadlineWatch.run(now: clock.now())
            clock.set(due.addingTimeInterval(2 * 86_400))
            try await services.deadlineWatch.run(now: clock.now())
            try await Self.drain(services)
            let userId = try #require(
                try await services.database.sql.raw("SELECT user_id FROM notifications ORDER BY id LIMIT 1").first()?
                    .decode(column: "user_id", as: Int.self))
            let username = try await services.accounts.get(userId).username
            let mine = try await services.notifications.unreadCount(userId: userId)
            #expect(mine >= 1)

            let browser = try await harness.browser(username)
            let home = try await client.execute(uri: "/", method: .get, headers: browser)
            #expect(home.text.contains("class=\"bell-count\" aria-hidden=\"true\">\(mine)</span>"))
            #expect(home.text.contains("Thông báo: \(mine) chưa đọc"))

            let list = try await client.execute(uri: "/thong-bao", method: .get, headers: browser)
            #expect(list.status == .ok)
            #expect(list.text.contains("Quá hạn: Hồ sơ \(dossier.code)"))
            #expect(list.text.contains("Mở hồ sơ \(dossier.code)"))
            #expect(!list.text.contains("T0") && !list.text.contains("overdue"), "no ISO time or internal code on the page")

            // "Mở" marks the notice read and opens the dossier.
            let first = try #require(try await services.notifications.list(userId: userId, limit: 1, offset: 0).items.first)
            var form = browser
            form[.contentType] = "application/x-www-form-urlencoded"
            let open = try await client.execute(
                uri: "/thong-bao/\(first.id)/da-doc", method: .post, headers: form,
                body: ByteBuffer(string: "mo=1&trang=1"))
            #expect(open.status == .seeOther)
            #expect(open.headers[.location] == "/mot-cua/ho-so/\(dossier.code)" || open.headers[.location]?.contains(dossier.code) == true)
            #expect(try await services.notifications.unreadCount(userId: userId) == mine - 1)

            // Another official cannot read (or learn of) this one.
            let stranger = try await harness.browser("admin")
            let theirs = try await client.execute(uri: "/api/v1/notifications/\(first.id)/read", method: .post, headers: stranger)
            #expect(theirs.status == .notFound)

            // The API: the list with the unread count, then all read.
            let api = try await harness.bearer(username)
            let json = try await client.execute(uri: "/api/v1/notifications?unread=true", method: .get, headers: api).json()
            #expect(json["unread"] as? Int == mine - 1)
            #expect((json["items"] as? [[String: Any]])?.count == mine - 1)
            let bad = try await client.execute(uri: "/api/v1/notifications?unread=maybe&limit=0", method: .get, headers: api)
            #expect(bad.status == .badRequest)
            let all = try await client.execute(uri: "/api/v1/notifications/read-all", method: .post, headers: api).json()
            #expect(all["marked"] as? Int == mine - 1)
            let after = try await client.execute(uri: "/", method: .get, headers: browser)
            #expect(!after.text.contains("bell-count"))
            #expect(after.text.contains("Thông báo: không có thông báo mới"))
        }
    }

    @Test("the notification list is paged, never cut")
    func notificationsPaged() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let user = try #require(try await services.accounts.find(username: "lanhdao.tandinh"))
            try await services.database.transaction { session in
                for number in 1...45 {
                    let ref = CaseRef(.feedback, number)
                    let note = Notice(
                        event: "overdue", ref: ref, title: "Quá hạn: Phản ánh số \(number)",
                        body: "Đề nghị đôn đốc.", userId: user.id)
                    try await services.outbox.outbox.enqueue(
                        topic: Notice.topic, destination: "user:\(user.id)", for: ref,
                        payload: { _ in try note.json() }, at: services.clock.now(), in: session)
                }
            }
            try await Self.drain(services)
            let browser = try await harness.browser("lanhdao.tandinh")
            let first = try await client.execute(uri: "/thong-bao", method: .get, headers: browser)
            #expect(first.text.contains("Hiển thị 1–20 trong 45 thông báo."))
            #expect(first.text.contains("Phản ánh số 45"))
            let third = try await client.execute(uri: "/thong-bao?trang=3", method: .get, headers: browser)
            #expect(third.text.contains("Hiển thị 41–45 trong 45 thông báo."))
            #expect(third.text.contains("Phản ánh số 1<"))

        }
    }
}

/// The order in which messages were delivered, across the instances.
actor DeliveryLog {
    private(set) var payloads: [String] = []
    func add(_ payload: String) { payloads.append(payload) }
}
