import Foundation
import HaiCapDomain
import SQLKit

extension MeetingStore {
    /// Reschedules, cancels or closes a meeting through the ledger. A reschedule checks the rooms
    /// again (the meeting's own bookings aside) and lays out the series anew from the new start.
    public func act(
        _ id: Int, _ action: MeetingAction, _ input: MeetingActionInput, allowConflicts: Bool = false, by principal: Principal, at now: Date
    ) async throws -> MeetingSaved {
        let meeting = try await get(id, for: principal)
        let calendar = try await calendars.calendar(agencyId: meeting.organiserAgencyId)
        var occurrences: [Occurrence] = []
        var warnings = MeetingWarnings()
        if action == .reschedule {
            guard let start = input.start, let end = input.end else {
                throw ValidationError([
                    FieldProblem(field: "start", message: "Nhập giờ bắt đầu mới."), FieldProblem(field: "end", message: "Nhập giờ kết thúc mới.")
                ])
            }
            var draft = MeetingDraft(title: meeting.title, start: start, end: end, units: Array(meeting.unitCodes), invitees: [])
            draft.invitees = meeting.people.map { MeetingInvitee(userId: $0.userId, name: $0.name, email: $0.email) }
            try draft.validate(units: { _ in true }, now: now)
            occurrences =
                try meeting.recurrence?.occurrences(start: start, end: end, calendar: calendar)
                ?? [Occurrence(seq: 1, original: start, start: start, end: end, state: .regular)]
            let plan = MeetingPlan(
                draft: draft, units: meeting.units, invitees: draft.invitees, hostUserId: meeting.hostUserId, hostName: "",
                occurrences: occurrences)
            let (rooms, people) = try await database.transaction { session in try await conflicts(plan, excluding: id, in: session) }
            if !rooms.isEmpty, !allowConflicts { throw MeetingConflictError(conflicts: rooms) }
            warnings.overridden = rooms
            warnings.messages = Self.timeWarnings(occurrences, calendar: calendar) + people
        } else {
            guard input.reason.count <= 500 else { throw ValidationError(field: "reason", "Lý do dài tối đa 500 ký tự.") }
        }
        let transition = MeetingTransition(
            store: self, target: .action(id, action, input, occurrences: occurrences), actor: principal, warnings: warnings)
        let (_, saved) = try await ledger.record(transition, by: principal, actorName: principal.fullName, calendar: calendar, at: now)
        return MeetingSaved(meeting: try await get(saved.id), invitations: 0, warnings: warnings)
    }

    /// Marks a unit's roll-call line.
    public func markAttendance(
        _ id: Int, unit: String, _ status: AttendanceStatus, note: String, by principal: Principal, at now: Date
    ) async throws -> Meeting {
        let meeting = try await get(id, for: principal)
        guard note.count <= 500 else { throw ValidationError(field: "note", "Ghi chú dài tối đa 500 ký tự.") }
        try await record(.attendance(id, unit: unit, status, note: note), meeting, by: principal, at: now)
        return try await get(id)
    }

    /// The unit's technician marks its room ready before the start.
    public func markReady(_ id: Int, unit: String, by principal: Principal, at now: Date) async throws -> Meeting {
        let meeting = try await get(id, for: principal)
        try await record(.ready(id, unit: unit), meeting, by: principal, at: now)
        return try await get(id)
    }

    /// A unit's answer (its leader or clerk) or an official's own answer to the invitation.
    public func answer(_ id: Int, unit: String?, _ answer: RSVPAnswer, by principal: Principal, at now: Date) async throws -> Meeting {
        let meeting = try await get(id, for: principal)
        var personId: Int?
        if unit == nil {
            guard let person = meeting.people.first(where: { $0.userId == principal.userId }) else { throw MeetingError.notInvited }
            personId = person.id
        }
        try await record(.answer(id, unit: unit, personId: personId, answer), meeting, by: principal, at: now)
        return try await get(id)
    }

    /// A new version of the minutes (the secretary, host or organiser), or the chair's approval.
    public func saveMinutes(_ id: Int, text: String?, approve: Bool, by principal: Principal, at now: Date) async throws -> Meeting {
        let meeting = try await get(id, for: principal)
        let text = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !approve {
            guard !text.isEmpty, text.count <= 50_000 else { throw ValidationError(field: "minutes", "Biên bản từ 1 đến 50.000 ký tự.") }
        }
        try await record(.minutes(id, text: text, approve: approve), meeting, by: principal, at: now)
        return try await get(id)
    }

    /// Every version of the minutes, newest first.
    public func minutesHistory(_ id: Int) async throws -> [(version: Int, text: String, approved: Bool, at: Date, by: String)] {
        try await database.sql.raw("SELECT * FROM meeting_minutes WHERE meeting_id = \(bind: id) ORDER BY version DESC, at DESC").all().map {
            (
                try $0.decode(column: "version", as: Int.self), try $0.decode(column: "text", as: String.self),
                try $0.decode(column: "approved", as: Int.self) == 1, Date(millis: try $0.decode(column: "at", as: Int64.self)),
                try $0.decode(column: "by_name", as: String.self)
            )
        }
    }

    private func record(_ target: MeetingTransition.Target, _ meeting: Meeting, by principal: Principal, at now: Date) async throws {
        let calendar = try await calendars.calendar(agencyId: meeting.organiserAgencyId)
        _ = try await ledger.record(
            MeetingTransition(store: self, target: target, actor: principal), by: principal, actorName: principal.fullName,
            calendar: calendar, at: now)
    }

    /// The roll-call as rows for CSV: unit, room, answer, attendance, note, who marked, when, first join.
    public func joins(_ id: Int) async throws -> [String: Date] {
        let rows = try await database.sql.raw(
            "SELECT unit_code, MIN(issued_at) AS first FROM meeting_joins WHERE meeting_id = \(bind: id) AND unit_code IS NOT NULL GROUP BY unit_code"
        ).all()
        var result: [String: Date] = [:]
        for row in rows {
            result[try row.decode(column: "unit_code", as: String.self)] = Date(millis: try row.decode(column: "first", as: Int64.self))
        }
        return result
    }
}
