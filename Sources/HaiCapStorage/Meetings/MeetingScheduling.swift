import Foundation
import HaiCapDomain
import SQLKit

/// A draft resolved against the database: each unit's room, each official's account, the
/// occurrences on the organiser's calendar.
struct MeetingPlan: Sendable {
    var draft: MeetingDraft
    var units: [MeetingUnitLine]
    var invitees: [MeetingInvitee]
    var hostUserId: Int
    var hostName: String
    var occurrences: [Occurrence]
    /// The organising agency (read before the transaction: SQLite has one connection).
    var organiser: Agency?
}

/// What a save returns: the meeting, what was queued, and what the organiser should know.
public struct MeetingSaved: Sendable {
    public var meeting: Meeting
    public var invitations: Int
    public var warnings: MeetingWarnings
}

extension MeetingStore {
    /// Schedules a meeting: checks the draft, resolves rooms and people, lays out the occurrences,
    /// refuses rooms already booked (unless overridden with a reason), and in one ledger
    /// transaction writes it, books it and queues the invitations.
    public func schedule(_ draft: MeetingDraft, by principal: Principal, at now: Date) async throws -> MeetingSaved {
        guard Policy.allows(principal, .organiseMeetings) else { throw AccessError.forbidden }
        try draft.validate(units: { reference.unitsByCode[$0] != nil }, now: now)
        let outside = draft.units.filter { !Policy.mayInvite(principal, unit: $0) }
        if !outside.isEmpty {
            throw ValidationError(
                field: "units",
                "Cán bộ phường, xã chỉ mời được điểm cầu của đơn vị mình (không mời được \(outside.prefix(3).joined(separator: ", "))).")
        }
        let calendar = try await calendars.calendar(agencyId: principal.agencyId)
        let plan = try await plan(draft, by: principal, calendar: calendar)
        let meetingCalendar = calendar
        let saved = try await database.transaction { session in
            let (rooms, people) = try await conflicts(plan, excluding: nil, in: session)
            if !rooms.isEmpty, !draft.allowConflicts { throw MeetingConflictError(conflicts: rooms) }
            var warnings = MeetingWarnings()
            warnings.overridden = rooms
            warnings.messages = Self.timeWarnings(plan.occurrences, calendar: meetingCalendar) + people
            if !rooms.isEmpty {
                warnings.messages.append("Đã đặt lịch trùng \(rooms.count) phòng họp với lý do: \(draft.overrideReason).")
            }
            let transition = MeetingTransition(store: self, target: .created(plan), actor: principal, warnings: warnings)
            let (_, meeting) = try await ledger.record(
                transition, by: principal, actorName: principal.fullName, calendar: meetingCalendar, at: now, in: session)
            let queued =
                try await session.raw(
                    "SELECT COUNT(*) AS n FROM outbox_messages WHERE topic = \(bind: MeetingMail.topic) AND case_type = 'meeting' AND case_id = \(bind: String(meeting.id))"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            return MeetingSaved(meeting: meeting, invitations: queued, warnings: warnings)
        }
        return saved
    }

    /// Rooms (the unit's own unless named), the officials' names, the host and the occurrences.
    func plan(_ draft: MeetingDraft, by principal: Principal, calendar: WorkCalendar) async throws -> MeetingPlan {
        var check = Validator()
        let defaults = try await defaultRooms(units: draft.units)
        let chosen = try await database.transaction { session in try await rooms(ids: Array(draft.rooms.values), in: session) }
        var lines: [MeetingUnitLine] = []
        for code in draft.units {
            let room: MeetingRoom?
            if let id = draft.rooms[code] {
                room = chosen[id]
                check.require(room?.unitCode == code, "rooms", "Phòng họp \(id) không thuộc đơn vị \(code).")
            } else {
                room = defaults[code]
                check.require(room != nil, "units", "Đơn vị \(code) chưa khai báo phòng họp.")
            }
            if let room { lines.append(MeetingUnitLine(unitCode: code, unitName: reference.unitsByCode[code]?.name ?? code, room: room)) }
        }
        var invitees: [MeetingInvitee] = []
        let officials = Set(draft.invitees.compactMap(\.userId) + [draft.hostUserId, draft.secretaryUserId].compactMap { $0 })
        var names: [Int: String] = [:]
        for id in officials.sorted() {
            if let account = try? await accounts.get(id), !account.isDisabled {
                names[id] = account.fullName
            } else {
                check.require(false, "participants", "Không có cán bộ mã \(id).")
            }
        }
        for invitee in draft.invitees {
            var copy = invitee
            if let id = invitee.userId, let name = names[id] { copy.name = name }
            invitees.append(copy)
        }
        for id in [draft.hostUserId, draft.secretaryUserId].compactMap({ $0 }) {
            if let name = names[id], !invitees.contains(where: { $0.userId == id }) {
                invitees.append(MeetingInvitee(userId: id, name: name, email: nil))
            }
        }
        let (occurrences, problems) = Self.layOut(draft, calendar: calendar)
        for problem in problems { check.require(false, problem.field, problem.message) }
        try check.check()
        let host = draft.hostUserId ?? principal.userId
        return MeetingPlan(
            draft: draft, units: lines, invitees: invitees, hostUserId: host, hostName: names[host] ?? principal.fullName,
            occurrences: occurrences, organiser: try await agencies.get(principal.agencyId))
    }

    /// The draft's occurrences on `calendar` (one, or the series'), or why there are none.
    static func layOut(_ draft: MeetingDraft, calendar: WorkCalendar) -> ([Occurrence], [FieldProblem]) {
        guard let rule = draft.recurrence else {
            return ([Occurrence(seq: 1, original: draft.start, start: draft.start, end: draft.end, state: .regular)], [])
        }
        let occurrences: [Occurrence]
        do throws(ValidationError) {
            occurrences = try rule.occurrences(start: draft.start, end: draft.end, calendar: calendar)
        } catch {
            return ([], error.problems)
        }
        if !occurrences.contains(where: { $0.isHeld }) {
            return ([], [FieldProblem(field: "recurrence", message: "Mọi buổi của chuỗi họp đều rơi vào ngày nghỉ.")])
        }
        return (occurrences, [])
    }

    /// Writes the occurrences and their bookings (rooms and officials), replacing any earlier ones.
    func book(_ meetingId: Int, occurrences: [Occurrence], rooms: [MeetingRoom], people: [Int], in session: any SQLDatabase) async throws {
        try await session.raw("DELETE FROM meeting_occurrences WHERE meeting_id = \(bind: meetingId)").run()
        try await session.raw("DELETE FROM meeting_bookings WHERE meeting_id = \(bind: meetingId)").run()
        for chunk in stride(from: 0, to: occurrences.count, by: 100).map({ occurrences[$0..<min($0 + 100, occurrences.count)] }) {
            try await session.insert(into: "meeting_occurrences")
                .columns("meeting_id", "seq", "original_at", "start_at", "end_at", "state", "holiday")
                .rows(
                    chunk.map { occurrence -> [any SQLExpression] in
                        [
                            SQLBind(meetingId), SQLBind(occurrence.seq), SQLBind(occurrence.original.millis), SQLBind(occurrence.start.millis),
                            SQLBind(occurrence.end.millis), SQLBind(occurrence.state.rawValue), SQLBind(occurrence.holiday)
                        ]
                    }
                )
                .run()
        }
        let resources = rooms.map(\.resource) + people.map { "user:\($0)" }
        var rows: [[any SQLExpression]] = []
        for occurrence in occurrences where occurrence.isHeld {
            for resource in resources {
                rows.append([
                    SQLBind(resource), SQLBind(meetingId), SQLBind(occurrence.seq), SQLBind(occurrence.start.millis), SQLBind(occurrence.end.millis)
                ])
            }
        }
        // 5 binds a row: 150 rows a statement stays under SQLite's and PostgreSQL's limits.
        for start in stride(from: 0, to: rows.count, by: 150) {
            try await session.insert(into: "meeting_bookings").columns("resource", "meeting_id", "seq", "start_at", "end_at")
                .rows(Array(rows[start..<min(start + 150, rows.count)])).run()
        }
    }
}

extension MeetingStore {
    /// The meeting's rows: the meeting, its units and people (guests with a single-use secret),
    /// its occurrences and bookings. Returns the new id.
    func insert(_ plan: MeetingPlan, by actor: Principal?, at now: Date, in session: any SQLDatabase) async throws -> Int {
        let draft = plan.draft
        guard let actor, let agency = plan.organiser else { throw AccessError.notAuthenticated }
        // Lowercase letters and digits: Prosody lowercases room names, and 20 of them are unguessable.
        let room = "hop-" + Secrets.token(bytes: 16).lowercased().filter { $0.isLetter || $0.isNumber }.prefix(20)
        let row = try await session.raw(
            """
            INSERT INTO meetings (title, agenda, mode, status, organiser_agency_id, organiser_agency_name, organiser_unit_code,
                organiser_user_id, organiser_name, chair, host_user_id, secretary_user_id, start_at, end_at, recurrence, day_off, room,
                sequence, override_reason, created_at, updated_at)
            VALUES (\(bind: draft.title.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: draft.agenda), \(bind: draft.mode.rawValue),
                'scheduled', \(bind: agency.id), \(bind: agency.name), \(bind: agency.unitCode), \(bind: actor.userId), \(bind: actor.fullName),
                \(bind: draft.chair.isEmpty ? actor.fullName : draft.chair), \(bind: plan.hostUserId), \(bind: draft.secretaryUserId),
                \(bind: draft.start.millis), \(bind: draft.end.millis), \(bind: draft.recurrence?.rrule),
                \(bind: draft.recurrence?.dayOff.rawValue), \(bind: String(room)), 0,
                \(bind: draft.allowConflicts ? draft.overrideReason : nil), \(bind: now.millis), \(bind: now.millis))
            RETURNING id
            """
        ).first()
        guard let id = try row?.decode(column: "id", as: Int.self) else { throw NotFoundError(CaseKind.meeting.name, "") }
        for start in stride(from: 0, to: plan.units.count, by: 200) {
            let chunk = plan.units[start..<min(start + 200, plan.units.count)]
            try await session.insert(into: "meeting_units").columns("meeting_id", "unit_code", "room_id", "rsvp")
                .rows(
                    chunk.map {
                        [SQLBind(id), SQLBind($0.unitCode), SQLBind($0.room.id), SQLBind(RSVPAnswer.pending.rawValue)] as [any SQLExpression]
                    }
                )
                .run()
        }
        for invitee in plan.invitees {
            let role: MeetingPerson.Role =
                invitee.userId == plan.hostUserId
                ? .host
                : invitee.userId != nil && invitee.userId == draft.secretaryUserId
                    ? .secretary
                    : invitee.userId == nil ? .guest : .participant
            try await session.raw(
                """
                INSERT INTO meeting_people (meeting_id, user_id, name, email, role, rsvp)
                VALUES (\(bind: id), \(bind: invitee.userId), \(bind: invitee.name), \(bind: invitee.email?.lowercased()), \(bind: role.rawValue),
                        \(bind: RSVPAnswer.pending.rawValue))
                """
            ).run()
        }
        if !plan.invitees.contains(where: { $0.userId == plan.hostUserId }) {
            try await session.raw(
                """
                INSERT INTO meeting_people (meeting_id, user_id, name, email, role, rsvp)
                VALUES (\(bind: id), \(bind: plan.hostUserId), \(bind: plan.hostName), NULL, 'host', \(bind: RSVPAnswer.accepted.rawValue))
                """
            ).run()
        }
        var people = Set(plan.invitees.compactMap(\.userId))
        people.insert(plan.hostUserId)
        try await book(id, occurrences: plan.occurrences, rooms: plan.units.map(\.room), people: people.sorted(), in: session)
        return id
    }
}
