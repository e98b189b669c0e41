import Foundation
import HaiCapDomain
import HaiCapStorage

/// `POST /api/v1/meetings`.
struct MeetingBody: Decodable {
    struct Participant: Decodable {
        var name: String
        var email: String?
        var userId: Int?
    }
    var title: String
    var agenda: String?
    var mode: String?
    var start: String
    var end: String
    var units: [String]
    var rooms: [String: Int]?
    var participants: [Participant]?
    var chair: String?
    var hostUserId: Int?
    var secretaryUserId: Int?
    var recurrence: String?
    var dayOff: String?
    var invite: Bool?
    var allowConflicts: Bool?
    var overrideReason: String?

    /// The draft with every problem at once: those of the body's form and those of the draft itself.
    func draft(known: (String) -> Bool, now: Date) throws(ValidationError) -> MeetingDraft {
        var check = Validator()
        let start = VietnamTime.parseInstant(self.start)
        let end = VietnamTime.parseInstant(self.end)
        check.require(start != nil, "start", "Giờ bắt đầu phải theo ISO 8601, ví dụ 2026-12-10T08:00:00+07:00.")
        check.require(end != nil, "end", "Giờ kết thúc phải theo ISO 8601, ví dụ 2026-12-10T09:30:00+07:00.")
        let mode = self.mode.map { MeetingMode(rawValue: $0) } ?? .online
        check.require(mode != nil, "mode", "Hình thức họp là truc-tuyen, truc-tiep hoặc ket-hop.")
        let dayOff = self.dayOff.map { Recurrence.DayOffRule(rawValue: $0) } ?? .skip
        check.require(dayOff != nil, "dayOff", "Buổi rơi vào ngày nghỉ: bo-qua hoặc doi-ngay.")
        var recurrence: Recurrence?
        if let rule = self.recurrence, !rule.trimmingCharacters(in: .whitespaces).isEmpty {
            do { recurrence = try Recurrence(rrule: rule, dayOff: dayOff ?? .skip) } catch {
                for problem in error.problems { check.require(false, problem.field, problem.message) }
            }
        }
        check.require((participants ?? []).count <= MeetingDraft.maxInvitees, "participants", "Mời tối đa \(MeetingDraft.maxInvitees) người.")
        let draft = MeetingDraft(
            title: title, agenda: agenda ?? "", mode: mode ?? .online, start: start ?? now, end: end ?? now,
            units: units.map { $0.trimmingCharacters(in: .whitespaces) }, rooms: rooms ?? [:],
            invitees: (participants ?? []).prefix(MeetingDraft.maxInvitees + 1).map {
                MeetingInvitee(
                    userId: $0.userId, name: $0.name, email: $0.email.flatMap { $0.isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) })
            },
            chair: chair ?? "", hostUserId: hostUserId, secretaryUserId: secretaryUserId, recurrence: recurrence, invite: invite ?? true,
            allowConflicts: allowConflicts ?? false, overrideReason: overrideReason ?? "")
        try check.check { () throws(ValidationError) in
            if start != nil, end != nil { try draft.validate(units: known, now: now) }
        }
        return draft
    }
}

struct ConflictDTO: Encodable {
    var unit: String?
    var meetingId: Int
    var room: String
    var start: String

    init(_ conflict: RoomConflict) {
        unit = conflict.unitCode
        meetingId = conflict.meetingId
        room = conflict.roomName
        start = VietnamTime.iso(conflict.start)
    }
}

/// The 409 of a booked room: the usual error and the list.
struct ConflictErrorBody: Encodable {
    let error: ErrorBody.Detail
    let conflicts: [ConflictDTO]
}

struct MeetingCreatedDTO: Encodable {
    var id: Int
    var room: String
    var status: String
    var invitations: Int
    var conflicts: [ConflictDTO]
    var warnings: [String]
}

struct MeetingDTO: Encodable {
    struct Unit: Encodable {
        var unit: String
        var name: String
        var roomId: Int
        var room: String
        var rsvp: String
        var attendance: String?
        var note: String?
        var readyAt: String?
    }
    struct Person: Encodable {
        var id: Int
        var userId: Int?
        var name: String
        var email: String?
        var role: String
        var rsvp: String
    }
    struct OccurrenceDTO: Encodable {
        var seq: Int
        var start: String
        var end: String
        var original: String
        var state: String
        var holiday: String?
    }
    var id: Int
    var title: String
    var agenda: String
    var mode: String
    var status: String
    var organiser: String
    var organiserName: String
    var chair: String
    var start: String
    var end: String
    var room: String
    var sequence: Int
    var recurrence: String?
    var units: [Unit]
    var participants: [Person]
    var occurrences: [OccurrenceDTO]
    var minutesVersion: Int
    var minutesApproved: Bool

    init(_ meeting: Meeting) {
        id = meeting.id
        title = meeting.title
        agenda = meeting.agenda
        mode = meeting.mode.rawValue
        status = meeting.status.rawValue
        organiser = meeting.organiserAgencyId
        organiserName = meeting.organiserAgencyName
        chair = meeting.chair
        start = VietnamTime.iso(meeting.start)
        end = VietnamTime.iso(meeting.end)
        room = meeting.room
        sequence = meeting.sequence
        recurrence = meeting.recurrence?.rrule
        units = meeting.units.map {
            Unit(
                unit: $0.unitCode, name: $0.unitName, roomId: $0.room.id, room: $0.room.name, rsvp: $0.rsvp.rawValue,
                attendance: $0.attendance?.rawValue, note: $0.attendanceNote, readyAt: $0.readyAt.map(VietnamTime.iso))
        }
        participants = meeting.people.map {
            Person(id: $0.id, userId: $0.userId, name: $0.name, email: $0.email, role: $0.role.rawValue, rsvp: $0.rsvp.rawValue)
        }
        occurrences = meeting.occurrences.map {
            OccurrenceDTO(
                seq: $0.seq, start: VietnamTime.iso($0.start), end: VietnamTime.iso($0.end), original: VietnamTime.iso($0.original),
                state: $0.state.rawValue, holiday: $0.holiday)
        }
        minutesVersion = meeting.minutesVersion
        minutesApproved = meeting.minutesApprovedAt != nil
    }
}

struct MeetingPageDTO: Encodable {
    var items: [MeetingDTO]
    var total: Int
    var limit: Int
    var offset: Int
}

struct JoinDTO: Encodable {
    var token: String
    var url: String
    var room: String
    var moderator: Bool
    var nbf: String
    var exp: String
}

struct FreeSlotsDTO: Encodable {
    struct Slot: Encodable {
        var start: String
        var end: String
        var conflicts: [String]
    }
    var slots: [Slot]
    var allFree: Bool
}

struct ConclusionDTO: Encodable {
    var id: Int
    var meetingId: Int
    var text: String
    var owner: String
    var ownerName: String
    var status: String
    var days: Int
    var due: String?
    var overdue: Bool

    init(_ conclusion: MeetingConclusion, now: Date) {
        id = conclusion.id
        meetingId = conclusion.meetingId
        text = conclusion.text
        owner = conclusion.agencyId
        ownerName = conclusion.agencyName
        status = conclusion.status.rawValue
        days = conclusion.days
        due = conclusion.due.map(VietnamTime.iso)
        overdue = conclusion.isOverdue(at: now)
    }
}

struct ConclusionBody: Decodable {
    var text: String
    var owner: String
    var days: Int
}

struct AttendanceBody: Decodable {
    var status: String
    var note: String?
}

struct MeetingActionBody: Decodable {
    var start: String?
    var end: String?
    var reason: String?
    var allowConflicts: Bool?
}

/// `POST /api/v1/meetings/{id}/answer`: the unit's answer (`unit`), or the caller's own.
struct AnswerBody: Decodable {
    var answer: String
    var unit: String?
}
