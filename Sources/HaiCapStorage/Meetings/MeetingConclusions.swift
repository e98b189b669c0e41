import Foundation
import HaiCapDomain
import SQLKit

/// A conclusion's part in a `CaseLedger` transition: given (with a clock of `days` working days on
/// the owner agency's calendar), a progress note, done, or reopened.
struct ConclusionTransition: CaseTransition {
    enum Target: Sendable {
        case created(meeting: Meeting, text: String, owner: Agency, days: Int)
        case action(Int, ConclusionAction, note: String)
    }

    let store: MeetingStore
    let target: Target
    var actor: Principal?

    var createsCase: Bool {
        if case .created = target { return true }
        return false
    }

    func load(at now: Date, in session: any SQLDatabase) async throws -> (CaseRef, MeetingConclusion) {
        switch target {
        case .created(let meeting, let text, let owner, let days):
            let row = try await session.raw(
                """
                INSERT INTO meeting_conclusions (meeting_id, text, agency_id, agency_name, unit_code, status, days, running, created_by,
                    created_at, updated_at)
                VALUES (\(bind: meeting.id), \(bind: text), \(bind: owner.id), \(bind: owner.name), \(bind: owner.unitCode),
                        \(bind: ConclusionStatus.open.rawValue), \(bind: days), 0, \(bind: actor?.userId ?? 0), \(bind: now.millis), \(bind: now.millis))
                RETURNING id
                """
            ).first()
            guard let id = try row?.decode(column: "id", as: Int.self) else { throw NotFoundError(CaseKind.conclusion.name, "") }
            return (CaseRef(.conclusion, id), try await store.conclusion(id, in: session, forUpdate: false))
        case .action(let id, _, _):
            return (CaseRef(.conclusion, id), try await store.conclusion(id, in: session, forUpdate: true))
        }
    }

    func decide(
        _ conclusion: inout MeetingConclusion, ref: CaseRef, clock: DeadlineClock?, at now: Date, in session: any SQLDatabase
    ) async throws -> CaseStep {
        switch target {
        case .created(_, _, _, let days):
            let fresh = DeadlineClock(start: now, duration: .workingDays(days), extensionLimit: 1)
            return CaseStep(
                action: "conclude", from: nil, to: conclusion.status.rawValue, note: "Giao thực hiện kết luận trong \(days) ngày làm việc.",
                isPublic: false, clock: [.start(fresh)], agencyId: conclusion.agencyId, auditDetail: "\(conclusion.agencyId), \(days) ngày")
        case .action(_, let action, let note):
            let rule = ConclusionWorkflow.rule(action)
            if let actor {
                switch ConclusionWorkflow.refusal(action, in: conclusion.status, by: .official(actor)) {
                case .role?: throw AccessError.forbidden
                case .state?: throw MeetingError.conclusionState(conclusion.status)
                case nil: break
                }
                // The owner agency reports and finishes; the organiser reopens.
                let organiser = try await store.organiser(ofMeeting: conclusion.meetingId, in: session)
                let allowed =
                    action == .reopen
                    ? Policy.organises(actor, organiser: organiser)
                    : actor.role == .admin || actor.agencyId == conclusion.agencyId || Policy.organises(actor, organiser: organiser)
                guard allowed else { throw AccessError.forbidden }
            }
            let before = conclusion.status
            conclusion.status = rule.to ?? conclusion.status
            var changes: [ClockChange] = []
            switch action {
            case .progress: break
            case .complete: changes = [.stop]
            case .reopen: changes = [.restart(DeadlineClock(start: now, duration: .workingDays(conclusion.days), extensionLimit: 1))]
            }
            return CaseStep(
                action: action.rawValue, from: before.rawValue, to: conclusion.status.rawValue,
                note: note.isEmpty ? action.label : note, isPublic: false, clock: changes, stopped: conclusion.status == .done,
                agencyId: conclusion.agencyId, auditDetail: "\(before.rawValue) → \(conclusion.status.rawValue)")
        }
    }

    func write(
        _ conclusion: inout MeetingConclusion, step: inout CaseStep, due: Date?, running: Bool, at now: Date, in session: any SQLDatabase
    ) async throws {
        conclusion.due = due ?? conclusion.due
        conclusion.running = running
        conclusion.updatedAt = now
        if conclusion.status == .done { conclusion.doneAt = conclusion.doneAt ?? now } else { conclusion.doneAt = nil }
        try await session.raw(
            """
            UPDATE meeting_conclusions SET status = \(bind: conclusion.status.rawValue), running = \(bind: running ? 1 : 0),
                due_at = \(bind: conclusion.due?.millis), updated_at = \(bind: now.millis), done_at = \(bind: conclusion.doneAt?.millis)
            WHERE id = \(bind: conclusion.id)
            """
        ).run()
    }
}

extension MeetingStore {
    /// Gives a conclusion to an agency, from the meeting's start on (also after it is closed).
    public func conclude(
        _ meetingId: Int, text: String, owner: String, days: Int, by principal: Principal, at now: Date
    ) async throws
        -> MeetingConclusion
    {
        let meeting = try await get(meetingId, for: principal)
        guard Policy.organises(principal, organiser: meeting.organiserAgencyId) || principal.userId == meeting.secretaryUserId else {
            throw AccessError.forbidden
        }
        var check = Validator()
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        check.require(!text.isEmpty && text.count <= 5000, "text", "Nội dung kết luận từ 1 đến 5.000 ký tự.")
        check.require((1...365).contains(days), "days", "Thời hạn từ 1 đến 365 ngày làm việc.")
        let agency = try? await agencies.get(owner)
        check.require(agency != nil, "owner", "Không có cơ quan mã «\(owner.prefix(40))».")
        try check.check()
        guard meeting.status != .cancelled else { throw MeetingError.notScheduled(meeting.status) }
        guard let first = meeting.occurrences.filter(\.isHeld).map(\.start).min(), first <= now else { throw MeetingError.notStarted }
        guard let agency else { throw NotFoundError("agency", owner) }
        let calendar = try await calendars.calendar(agencyId: agency.id)
        let (ref, _) = try await ledger.record(
            ConclusionTransition(store: self, target: .created(meeting: meeting, text: text, owner: agency, days: days), actor: principal),
            by: principal, actorName: principal.fullName, calendar: calendar, at: now)
        return try await conclusion(ref.number ?? 0, in: database.sql, forUpdate: false)
    }

    public func actOnConclusion(
        _ id: Int, _ action: ConclusionAction, note: String, by principal: Principal, at now: Date
    ) async throws
        -> MeetingConclusion
    {
        let current = try await conclusion(id, for: principal)
        guard note.count <= 2000 else { throw ValidationError(field: "note", "Ghi chú dài tối đa 2.000 ký tự.") }
        let calendar = try await calendars.calendar(agencyId: current.agencyId)
        _ = try await ledger.record(
            ConclusionTransition(store: self, target: .action(id, action, note: note), actor: principal), by: principal,
            actorName: principal.fullName, calendar: calendar, at: now)
        return try await conclusion(id, in: database.sql, forUpdate: false)
    }

    /// A conclusion if `principal` reaches it: its owner agency's staff (and the ward's), the
    /// meeting's organiser, administrators.
    public func conclusion(_ id: Int, for principal: Principal) async throws -> MeetingConclusion {
        let conclusion = try await conclusion(id, in: database.sql, forUpdate: false)
        let organiser = try await organiser(ofMeeting: conclusion.meetingId, in: database.sql)
        let scope = CaseScope(agencyId: conclusion.agencyId, unitCode: conclusion.unitCode, wholeCity: CaseTable.conclusions.wholeCity)
        guard Policy.reaches(principal, scope) || principal.agencyId == organiser else {
            throw NotFoundError(CaseKind.conclusion.name, String(id))
        }
        return conclusion
    }

    func organiser(ofMeeting id: Int, in session: any SQLDatabase) async throws -> String {
        try await session.raw("SELECT organiser_agency_id FROM meetings WHERE id = \(bind: id)").first()?
            .decode(column: "organiser_agency_id", as: String.self) ?? ""
    }

    func conclusion(_ id: Int, in session: any SQLDatabase, forUpdate: Bool) async throws -> MeetingConclusion {
        let lock: SQLQueryString = forUpdate && database.kind == .postgres ? " FOR UPDATE OF c" : ""
        guard
            let row = try await session.raw(
                "SELECT c.*, m.title FROM meeting_conclusions c JOIN meetings m ON m.id = c.meeting_id WHERE c.id = \(bind: id)\(lock)"
            ).first()
        else { throw NotFoundError(CaseKind.conclusion.name, String(id)) }
        return try Self.conclusion(row)
    }

    static func conclusion(_ row: any SQLRow) throws -> MeetingConclusion {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: Int64?.self).map(Date.init(millis:)) }
        return MeetingConclusion(
            id: try row.decode(column: "id", as: Int.self), meetingId: try row.decode(column: "meeting_id", as: Int.self),
            meetingTitle: try row.decode(column: "title", as: String.self), text: try row.decode(column: "text", as: String.self),
            agencyId: try row.decode(column: "agency_id", as: String.self), agencyName: try row.decode(column: "agency_name", as: String.self),
            unitCode: try row.decode(column: "unit_code", as: String?.self),
            status: ConclusionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
            days: try row.decode(column: "days", as: Int.self), running: try row.decode(column: "running", as: Int.self) == 1,
            due: try date("due_at"), createdAt: try date("created_at")!, updatedAt: try date("updated_at")!, doneAt: try date("done_at"))
    }

    /// Conclusions of one meeting, or the follow-up board: those of the meetings `principal`'s
    /// agency organised, or given to its agency (`mine`), overdue first, then by due.
    public func conclusions(
        meeting: Int? = nil, for principal: Principal, mine: Bool = false, limit: Int = 50, offset: Int = 0
    ) async throws
        -> (items: [MeetingConclusion], total: Int)
    {
        var filter: SQLQueryString
        if let meeting {
            filter = "c.meeting_id = \(bind: meeting)"
        } else if mine {
            filter = CaseSQL.scope(principal, in: .conclusions)
            filter = "(" + filter + ")"
        } else if principal.role == .admin {
            filter = "1 = 1"
        } else {
            filter = "m.organiser_agency_id = \(bind: principal.agencyId)"
        }
        let total =
            try await database.sql.raw(
                "SELECT COUNT(*) AS n FROM meeting_conclusions c JOIN meetings m ON m.id = c.meeting_id WHERE \(filter)"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await database.sql.raw(
            """
            SELECT c.*, m.title FROM meeting_conclusions c JOIN meetings m ON m.id = c.meeting_id WHERE \(filter)
            ORDER BY c.running DESC, c.due_at, c.id LIMIT \(literal: limit) OFFSET \(literal: offset)
            """
        ).all()
        return (try rows.map(Self.conclusion), total)
    }
}
