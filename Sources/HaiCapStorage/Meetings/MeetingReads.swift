import Foundation
import HaiCapDomain
import SQLKit

/// Reading meetings back: one whole, or a page of those a principal sees.
extension MeetingStore {
    /// The meeting if `principal` sees it; otherwise "not found", so nobody learns that a meeting
    /// of another ward exists.
    public func get(_ id: Int, for principal: Principal) async throws -> Meeting {
        let meeting = try await get(id)
        guard meeting.isVisible(to: principal) else { throw NotFoundError(CaseKind.meeting.name, String(id)) }
        return meeting
    }

    public func get(_ id: Int) async throws -> Meeting {
        try await get(id, in: database.sql, forUpdate: false)
    }

    func get(_ id: Int, in session: any SQLDatabase, forUpdate: Bool) async throws -> Meeting {
        let lock: SQLQueryString = forUpdate && database.kind == .postgres ? " FOR UPDATE" : ""
        guard let row = try await session.raw("SELECT * FROM meetings WHERE id = \(bind: id)\(lock)").first() else {
            throw NotFoundError(CaseKind.meeting.name, String(id))
        }
        var meeting = try Self.meeting(row)
        let unitRows = try await session.raw(
            """
            SELECT u.*, r.id AS r_id, r.unit_code AS r_unit_code, r.agency_id AS r_agency_id, r.name AS r_name, r.capacity AS r_capacity,
                   r.equipment AS r_equipment, r.sip_address AS r_sip_address, r.metronet_line AS r_metronet_line,
                   r.technician_name AS r_technician_name, r.technician_phone AS r_technician_phone, r.technician_email AS r_technician_email
            FROM meeting_units u JOIN meeting_rooms r ON r.id = u.room_id WHERE u.meeting_id = \(bind: id)
            """
        ).all()
        meeting.units = try unitRows.map { row in
            let code = try row.decode(column: "unit_code", as: String.self)
            return MeetingUnitLine(
                unitCode: code, unitName: reference.unitsByCode[code]?.name ?? code,
                room: MeetingRoom(
                    id: try row.decode(column: "r_id", as: Int.self), unitCode: try row.decode(column: "r_unit_code", as: String?.self),
                    agencyId: try row.decode(column: "r_agency_id", as: String.self), name: try row.decode(column: "r_name", as: String.self),
                    capacity: try row.decode(column: "r_capacity", as: Int.self),
                    equipment: try row.decode(column: "r_equipment", as: String.self),
                    sipAddress: try row.decode(column: "r_sip_address", as: String?.self),
                    metronetLine: try row.decode(column: "r_metronet_line", as: String?.self),
                    technicianName: try row.decode(column: "r_technician_name", as: String?.self),
                    technicianPhone: try row.decode(column: "r_technician_phone", as: String?.self),
                    technicianEmail: try row.decode(column: "r_technician_email", as: String?.self)),
                rsvp: RSVPAnswer(rawValue: try row.decode(column: "rsvp", as: String.self)) ?? .pending,
                attendance: try row.decode(column: "attendance", as: String?.self).flatMap(AttendanceStatus.init(rawValue:)),
                attendanceNote: try row.decode(column: "attendance_note", as: String?.self),
                attendanceBy: try row.decode(column: "attendance_by", as: String?.self),
                attendanceAt: try row.decode(column: "attendance_at", as: Int64?.self).map(Date.init(millis:)),
                readyAt: try row.decode(column: "ready_at", as: Int64?.self).map(Date.init(millis:)))
        }
        .sorted { VietnameseText.sortKey($0.unitName) < VietnameseText.sortKey($1.unitName) }
        meeting.people = try await session.raw("SELECT * FROM meeting_people WHERE meeting_id = \(bind: id) ORDER BY id").all().map { row in
            MeetingPerson(
                id: try row.decode(column: "id", as: Int.self), userId: try row.decode(column: "user_id", as: Int?.self),
                name: try row.decode(column: "name", as: String.self), email: try row.decode(column: "email", as: String?.self),
                role: MeetingPerson.Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .participant,
                rsvp: RSVPAnswer(rawValue: try row.decode(column: "rsvp", as: String.self)) ?? .pending)
        }
        meeting.occurrences = try await session.raw("SELECT * FROM meeting_occurrences WHERE meeting_id = \(bind: id) ORDER BY seq").all()
            .map(Self.occurrence)
        return meeting
    }

    static func occurrence(_ row: any SQLRow) throws -> Occurrence {
        Occurrence(
            seq: try row.decode(column: "seq", as: Int.self), original: Date(millis: try row.decode(column: "original_at", as: Int64.self)),
            start: Date(millis: try row.decode(column: "start_at", as: Int64.self)),
            end: Date(millis: try row.decode(column: "end_at", as: Int64.self)),
            state: Occurrence.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .regular,
            holiday: try row.decode(column: "holiday", as: String?.self))
    }

    static func meeting(_ row: any SQLRow) throws -> Meeting {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: Int64?.self).map(Date.init(millis:)) }
        let rule = try row.decode(column: "recurrence", as: String?.self)
        let dayOff = try row.decode(column: "day_off", as: String?.self).flatMap(Recurrence.DayOffRule.init(rawValue:)) ?? .skip
        return Meeting(
            id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
            agenda: try row.decode(column: "agenda", as: String.self),
            mode: MeetingMode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .online,
            status: MeetingStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .scheduled,
            organiserAgencyId: try row.decode(column: "organiser_agency_id", as: String.self),
            organiserAgencyName: try row.decode(column: "organiser_agency_name", as: String.self),
            organiserUnitCode: try row.decode(column: "organiser_unit_code", as: String?.self),
            organiserUserId: try row.decode(column: "organiser_user_id", as: Int.self),
            organiserName: try row.decode(column: "organiser_name", as: String.self), chair: try row.decode(column: "chair", as: String.self),
            hostUserId: try row.decode(column: "host_user_id", as: Int.self),
            secretaryUserId: try row.decode(column: "secretary_user_id", as: Int?.self),
            start: try date("start_at")!, end: try date("end_at")!, recurrence: try rule.map { try Recurrence(rrule: $0, dayOff: dayOff) },
            room: try row.decode(column: "room", as: String.self), sequence: try row.decode(column: "sequence", as: Int.self),
            overrideReason: try row.decode(column: "override_reason", as: String?.self),
            minutes: try row.decode(column: "minutes", as: String?.self), minutesVersion: try row.decode(column: "minutes_version", as: Int.self),
            minutesApprovedAt: try date("minutes_approved_at"), createdAt: try date("created_at")!, updatedAt: try date("updated_at")!,
            units: [], people: [], occurrences: [])
    }

    /// A list entry: the meeting's own row with its counts.
    public struct Summary: Sendable {
        public var meeting: Meeting
        public var unitCount: Int
        /// The next held occurrence's start (or the first, when all are past).
        public var next: Date
    }

    /// The meetings `principal` sees that have an occurrence in `[from, to)` (all when nil), by
    /// start; `unit` narrows to one unit's (a unit's calendar).
    public func list(
        for principal: Principal, from: Date?, to: Date?, unit: String? = nil, limit: Int, offset: Int
    ) async throws -> (items: [Summary], total: Int) {
        var conditions: [SQLQueryString] = []
        if principal.role != .admin {
            var visible: SQLQueryString = "m.organiser_agency_id = \(bind: principal.agencyId)"
            visible = visible + " OR EXISTS (SELECT 1 FROM meeting_people p WHERE p.meeting_id = m.id AND p.user_id = \(bind: principal.userId))"
            if let own = principal.unitCode {
                visible = visible + " OR EXISTS (SELECT 1 FROM meeting_units u WHERE u.meeting_id = m.id AND u.unit_code = \(bind: own))"
            }
            conditions.append("(" + visible + ")")
        }
        if let unit {
            conditions.append("EXISTS (SELECT 1 FROM meeting_units u2 WHERE u2.meeting_id = m.id AND u2.unit_code = \(bind: unit))")
        }
        var window: SQLQueryString = "o.meeting_id = m.id AND o.state NOT IN ('skipped', 'cancelled')"
        if let from { window = window + " AND o.end_at > \(bind: from.millis)" }
        if let to { window = window + " AND o.start_at < \(bind: to.millis)" }
        conditions.append("EXISTS (SELECT 1 FROM meeting_occurrences o WHERE " + window + ")")
        var filter: SQLQueryString = "1 = 1"
        for condition in conditions { filter = filter + " AND " + condition }
        let total =
            try await database.sql.raw("SELECT COUNT(*) AS n FROM meetings m WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        let fromMillis = (from ?? Date(timeIntervalSince1970: 0)).millis
        let rows = try await database.sql.raw(
            """
            SELECT m.*, (SELECT COUNT(*) FROM meeting_units u WHERE u.meeting_id = m.id) AS unit_count,
                   COALESCE((SELECT MIN(o.start_at) FROM meeting_occurrences o WHERE o.meeting_id = m.id
                             AND o.state NOT IN ('skipped', 'cancelled') AND o.end_at > \(bind: fromMillis)), m.start_at) AS next_at
            FROM meetings m WHERE \(filter)
            ORDER BY next_at, m.id LIMIT \(literal: limit) OFFSET \(literal: offset)
            """
        ).all()
        let items = try rows.map { row in
            Summary(
                meeting: try Self.meeting(row), unitCount: try row.decode(column: "unit_count", as: Int.self),
                next: Date(millis: try row.decode(column: "next_at", as: Int64.self)))
        }
        return (items, total)
    }
}
