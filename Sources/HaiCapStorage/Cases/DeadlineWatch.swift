import Foundation
import HaiCapDomain
import SQLKit

/// Watches every kind's deadlines: a reminder to the assignee (or, with nobody assigned, the
/// holding agency's leaders) when less than one working day is left, and an escalation to the
/// agency's leaders once a case is overdue. Each is sent once per case, event and due instant,
/// however many instances watch: the `deadline_alerts` row is the claim. Messages go through the
/// outbox (topic `notification`), so the bell and, later, e-mail read the same stream.
public struct DeadlineWatch: Sendable {
    public enum Event: String, Sendable, CaseIterable {
        case reminder, overdue
    }

    let database: Database
    let calendars: CalendarStore
    let outbox: Outbox

    public init(database: Database, calendars: CalendarStore) {
        self.database = database
        self.calendars = calendars
        self.outbox = Outbox(database: database)
    }

    /// Office minutes in one working day: the reminder's horizon.
    public static let reminderMinutes = 8 * 60
    /// At most this many cases per kind and event in one pass; the next pass takes the rest.
    static let batch = 500

    /// One pass over every registered kind; returns how many alerts this instance sent.
    @discardableResult
    public func run(now: Date) async throws -> (reminders: Int, escalations: Int) {
        let calendar = try await calendars.calendar(agencyId: nil)
        let horizon = calendar.addWorkingMinutes(Self.reminderMinutes, to: now)
        var sent = (reminders: 0, escalations: 0)
        for table in CaseTable.registered {
            let soon: SQLQueryString = "running = 1 AND due_at > \(bind: now.millis) AND due_at <= \(bind: horizon.millis)"
            sent.reminders += try await alert(.reminder, table: table, where: soon, now: now)
            sent.escalations += try await alert(.overdue, table: table, where: CaseSQL.overdue(at: now), now: now)
        }
        return sent
    }

    struct Candidate: Sendable {
        var ref: CaseRef
        var due: Date
        var holder: String
        var assignee: Int?
    }

    func alert(_ event: Event, table: CaseTable, where condition: SQLQueryString, now: Date) async throws -> Int {
        let rows = try await database.sql.raw(
            """
            SELECT CAST(\(unsafeRaw: table.key) AS TEXT) AS case_id, due_at, \(unsafeRaw: table.holderColumn) AS holder,
                   \(unsafeRaw: table.assigneeColumn) AS assignee
            FROM \(unsafeRaw: table.table) t WHERE \(condition)
              AND NOT EXISTS (SELECT 1 FROM deadline_alerts a WHERE a.case_type = \(bind: table.kind.name)
                              AND a.case_id = CAST(t.\(unsafeRaw: table.key) AS TEXT) AND a.event = \(bind: event.rawValue)
                              AND a.due_at = t.due_at)
            ORDER BY due_at LIMIT \(literal: Self.batch)
            """
        ).all()
        let candidates = try rows.map { row in
            Candidate(
                ref: CaseRef(table.kind, try row.decode(column: "case_id", as: String.self)),
                due: Date(millis: try row.decode(column: "due_at", as: Int64.self)),
                holder: try row.decode(column: "holder", as: String.self), assignee: try row.decode(column: "assignee", as: Int?.self))
        }
        var sent = 0
        for candidate in candidates where try await send(event, candidate, now: now) { sent += 1 }
        return sent
    }

    /// Claims the alert and queues its messages in one transaction; false when another instance
    /// (or an earlier pass) already sent it.
    func send(_ event: Event, _ candidate: Candidate, now: Date) async throws -> Bool {
        try await database.transaction { session in
            let claimed = try await session.raw(
                """
                INSERT INTO deadline_alerts (case_type, case_id, event, due_at, sent_at)
                VALUES (\(bind: candidate.ref.kind.name), \(bind: candidate.ref.id), \(bind: event.rawValue), \(bind: candidate.due.millis),
                        \(bind: now.millis))
                ON CONFLICT DO NOTHING RETURNING case_id
                """
            ).first()
            guard claimed != nil else { return false }
            let note = Notice(event: event, ref: candidate.ref, due: candidate.due)
            for userId in try await recipients(event, candidate, in: session) {
                try await outbox.enqueue(
                    topic: Notice.topic, destination: "user:\(userId)", for: candidate.ref,
                    payload: { _ in try note.addressed(to: userId).json() }, at: now, in: session)
            }
            return true
        }
    }

    /// The assignee for a reminder (if active); otherwise, and for every escalation, the holding
    /// agency's active leaders.
    func recipients(_ event: Event, _ candidate: Candidate, in session: any SQLDatabase) async throws -> [Int] {
        if event == .reminder, let assignee = candidate.assignee,
            try await session.raw("SELECT id FROM users WHERE id = \(bind: assignee) AND disabled = 0").first() != nil
        {
            return [assignee]
        }
        let roles = Policy.escalationRoles.map(\.rawValue).sorted()
        return try await session.raw(
            """
            SELECT id FROM users WHERE agency_id = \(bind: candidate.holder) AND role IN (\(binds: roles)) AND disabled = 0 ORDER BY id
            """
        ).all().map { try $0.decode(column: "id", as: Int.self) }
    }
}

extension Notice {
    init(event: DeadlineWatch.Event, ref: CaseRef, due: Date) {
        let name = Notice.caseName(ref)
        let when = VietnamTime.text(due)
        switch event {
        case .reminder:
            self.init(
                event: event.rawValue, ref: ref, title: "Sắp đến hạn: \(name)",
                body: "\(name) đến hạn xử lý lúc \(when); còn chưa đến một ngày làm việc.")
        case .overdue:
            self.init(
                event: event.rawValue, ref: ref, title: "Quá hạn: \(name)",
                body: "\(name) đã quá hạn xử lý từ \(when). Đề nghị đôn đốc giải quyết.")
        }
    }
}
