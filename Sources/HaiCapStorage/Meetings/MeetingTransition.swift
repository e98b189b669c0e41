import Foundation
import HaiCapDomain
import SQLKit

/// What the organiser (or a unit) asks of a meeting besides scheduling it.
public struct MeetingActionInput: Sendable {
    public var start: Date?
    public var end: Date?
    public var reason: String

    public init(start: Date? = nil, end: Date? = nil, reason: String = "") {
        self.start = start
        self.end = end
        self.reason = reason
    }
}

/// A meeting's part in a `CaseLedger` transition.
struct MeetingTransition: CaseTransition {
    enum Target: Sendable {
        case created(MeetingPlan)
        case action(Int, MeetingAction, MeetingActionInput, occurrences: [Occurrence])
        case attendance(Int, unit: String, AttendanceStatus, note: String)
        case ready(Int, unit: String)
        case answer(Int, unit: String?, personId: Int?, RSVPAnswer)
        case minutes(Int, text: String, approve: Bool)
    }

    let store: MeetingStore
    let target: Target
    var actor: Principal?
    var warnings = MeetingWarnings()

    var createsCase: Bool {
        if case .created = target { return true }
        return false
    }

    func load(at now: Date, in session: any SQLDatabase) async throws -> (CaseRef, Meeting) {
        switch target {
        case .created(let plan):
            let id = try await store.insert(plan, by: actor, at: now, in: session)
            return (CaseRef(.meeting, id), try await store.get(id, in: session, forUpdate: false))
        case .action(let id, _, _, _), .attendance(let id, _, _, _), .ready(let id, _), .answer(let id, _, _, _), .minutes(let id, _, _):
            return (CaseRef(.meeting, id), try await store.get(id, in: session, forUpdate: true))
        }
    }

    func decide(_ meeting: inout Meeting, ref: CaseRef, clock: DeadlineClock?, at now: Date, in session: any SQLDatabase) async throws -> CaseStep {
        func step(_ action: String, to: MeetingStatus? = nil, note: String, detail: String) -> CaseStep {
            CaseStep(
                action: action, from: meeting.status.rawValue, to: (to ?? meeting.status).rawValue, note: note, isPublic: false,
                agencyId: meeting.organiserAgencyId, auditDetail: detail)
        }
        switch target {
        case .created:
            let count = meeting.occurrences.filter(\.isHeld).count
            let series = count > 1 ? ", \(count) buổi" : ""
            var note = "Lên lịch họp \(VietnamTime.text(meeting.start)), \(meeting.units.count) điểm cầu\(series)."
            if let reason = meeting.overrideReason { note += " Đặt trùng phòng: \(reason)" }
            return CaseStep(
                action: "schedule", from: nil, to: meeting.status.rawValue, note: note, isPublic: false,
                agencyId: meeting.organiserAgencyId, auditDetail: "\(meeting.units.count) điểm cầu\(series)")
        case .action(_, let action, let input, _):
            if let actor {
                if let refusal = MeetingWorkflow.refusal(action, in: meeting.status, by: .official(actor)) {
                    throw refusal == .state
                        ? MeetingError.notScheduled(meeting.status) : AccessError.forbidden
                }
                guard Policy.organises(actor, organiser: meeting.organiserAgencyId) else { throw AccessError.forbidden }
            }
            switch action {
            case .reschedule:
                let before = VietnamTime.text(meeting.start)
                meeting.start = input.start ?? meeting.start
                meeting.end = input.end ?? meeting.end
                meeting.sequence += 1
                return step(
                    "reschedule", note: "Đổi lịch họp từ \(before) sang \(VietnamTime.text(meeting.start)). \(input.reason)",
                    detail: "\(before) → \(VietnamTime.text(meeting.start))")
            case .cancel:
                meeting.status = .cancelled
                meeting.sequence += 1
                return step("cancel", to: .cancelled, note: "Hủy cuộc họp. \(input.reason)", detail: input.reason)
            case .close:
                meeting.status = .closed
                return step("close", to: .closed, note: "Kết thúc cuộc họp.", detail: "")
            }
        case .attendance(_, let unit, let status, let note):
            guard let line = meeting.units.first(where: { $0.unitCode == unit }) else { throw MeetingError.unitNotInvited(unit) }
            if let actor, !Policy.marksAttendance(actor, unit: unit, organiser: meeting.organiserAgencyId),
                actor.userId != meeting.hostUserId, actor.userId != meeting.secretaryUserId
            {
                throw AccessError.forbidden
            }
            guard meeting.status != .cancelled else { throw MeetingError.notScheduled(meeting.status) }
            let before = line.attendance?.label ?? "chưa điểm danh"
            return step(
                "attendance", note: "Điểm danh \(line.unitName): \(status.label)\(note.isEmpty ? "" : " (\(note))").",
                detail: "\(unit): \(before) → \(status.rawValue)")
        case .ready(_, let unit):
            guard let line = meeting.units.first(where: { $0.unitCode == unit }) else { throw MeetingError.unitNotInvited(unit) }
            if let actor, actor.role != .admin, actor.unitCode != unit, actor.agencyId != line.room.agencyId { throw AccessError.forbidden }
            guard meeting.status == .scheduled else { throw MeetingError.notScheduled(meeting.status) }
            return step("ready", note: "Điểm cầu \(line.unitName) sẵn sàng.", detail: unit)
        case .answer(_, let unit, let personId, let answer):
            guard meeting.status == .scheduled else { throw MeetingError.notScheduled(meeting.status) }
            if let unit {
                guard let line = meeting.units.first(where: { $0.unitCode == unit }) else { throw MeetingError.unitNotInvited(unit) }
                // A unit answers through its leaders and clerks (văn phòng), as for a paper invitation.
                if let actor, actor.role != .admin, actor.unitCode != unit || !Policy.meetingRecorders.contains(actor.role) {
                    throw AccessError.forbidden
                }
                return step("answer", note: "\(line.unitName) trả lời: \(answer.label).", detail: "\(unit): \(answer.rawValue)")
            }
            guard let person = meeting.people.first(where: { $0.id == personId }) else { throw NotFoundError(CaseKind.meeting.name, ref.id) }
            return step("answer", note: "\(person.name) trả lời: \(answer.label).", detail: "\(person.id): \(answer.rawValue)")
        case .minutes(_, let text, let approve):
            if approve {
                guard meeting.minutes != nil else { throw ValidationError(field: "minutes", "Chưa có biên bản để duyệt.") }
                if let actor, actor.role != .admin, !Policy.organises(actor, organiser: meeting.organiserAgencyId) {
                    throw AccessError.forbidden
                }
                meeting.minutesApprovedAt = now
                return step("minutes-approve", note: "Chủ trì duyệt biên bản (bản \(meeting.minutesVersion)).", detail: "v\(meeting.minutesVersion)")
            }
            if let actor, actor.role != .admin, !Policy.organises(actor, organiser: meeting.organiserAgencyId),
                actor.userId != meeting.secretaryUserId, actor.userId != meeting.hostUserId
            {
                throw AccessError.forbidden
            }
            meeting.minutes = text
            meeting.minutesVersion += 1
            meeting.minutesApprovedAt = nil
            return step("minutes", note: "Ghi biên bản (bản \(meeting.minutesVersion)).", detail: "v\(meeting.minutesVersion)")
        }
    }

    func write(_ meeting: inout Meeting, step: inout CaseStep, due: Date?, running: Bool, at now: Date, in session: any SQLDatabase) async throws {
        switch target {
        case .created:
            return
        case .action(let id, let action, _, let occurrences):
            meeting.updatedAt = now
            try await session.raw(
                """
                UPDATE meetings SET status = \(bind: meeting.status.rawValue), start_at = \(bind: meeting.start.millis),
                    end_at = \(bind: meeting.end.millis), sequence = \(bind: meeting.sequence), updated_at = \(bind: now.millis)
                WHERE id = \(bind: id)
                """
            ).run()
            switch action {
            case .reschedule:
                meeting.occurrences = occurrences
                try await store.book(
                    id, occurrences: occurrences, rooms: meeting.units.map(\.room), people: Array(meeting.userIds), in: session)
            case .cancel:
                try await session.raw("DELETE FROM meeting_bookings WHERE meeting_id = \(bind: id)").run()
            case .close:
                // The rooms are free again from now on.
                try await session.raw("DELETE FROM meeting_bookings WHERE meeting_id = \(bind: id) AND start_at >= \(bind: now.millis)").run()
                try await session.raw(
                    "UPDATE meeting_occurrences SET state = 'cancelled' WHERE meeting_id = \(bind: id) AND start_at >= \(bind: now.millis)"
                ).run()
            }
        case .attendance(let id, let unit, let status, let note):
            try await session.raw(
                """
                UPDATE meeting_units SET attendance = \(bind: status.rawValue), attendance_note = \(bind: note.isEmpty ? nil : note),
                    attendance_by = \(bind: actor?.fullName), attendance_at = \(bind: now.millis)
                WHERE meeting_id = \(bind: id) AND unit_code = \(bind: unit)
                """
            ).run()
        case .ready(let id, let unit):
            try await session.raw(
                "UPDATE meeting_units SET ready_at = \(bind: now.millis) WHERE meeting_id = \(bind: id) AND unit_code = \(bind: unit)"
            ).run()
        case .answer(let id, let unit, let personId, let answer):
            if let unit {
                try await session.raw(
                    "UPDATE meeting_units SET rsvp = \(bind: answer.rawValue) WHERE meeting_id = \(bind: id) AND unit_code = \(bind: unit)"
                ).run()
            } else if let personId {
                try await session.raw(
                    "UPDATE meeting_people SET rsvp = \(bind: answer.rawValue) WHERE meeting_id = \(bind: id) AND id = \(bind: personId)"
                ).run()
            }
        case .minutes(let id, _, _):
            try await session.raw(
                """
                UPDATE meetings SET minutes = \(bind: meeting.minutes), minutes_version = \(bind: meeting.minutesVersion),
                    minutes_approved_at = \(bind: meeting.minutesApprovedAt?.millis), updated_at = \(bind: now.millis)
                WHERE id = \(bind: id)
                """
            ).run()
            try await session.raw(
                """
                INSERT INTO meeting_minutes (meeting_id, version, text, approved, at, by_name)
                VALUES (\(bind: id), \(bind: meeting.minutesVersion), \(bind: meeting.minutes ?? ""), \(bind: meeting.minutesApprovedAt == nil ? 0 : 1),
                        \(bind: now.millis), \(bind: actor?.fullName ?? ""))
                """
            ).run()
        }
    }

    func extras(_ meeting: Meeting, ref: CaseRef, step: CaseStep, at now: Date, in session: any SQLDatabase) async throws {
        switch target {
        case .created(let plan):
            if plan.draft.invite { try await store.queueInvitations(meeting, method: .request, at: now, in: session) }
        case .action(_, .reschedule, _, _):
            try await store.queueInvitations(meeting, method: .request, at: now, in: session)
        case .action(_, .cancel, _, _):
            try await store.queueInvitations(meeting, method: .cancel, at: now, in: session)
        default:
            return
        }
    }
}

/// Meetings' own refusals.
public enum MeetingError: HaiCapError {
    case notScheduled(MeetingStatus)
    case unitNotInvited(String)
    case notInvited
    case notStarted
    case conclusionState(ConclusionStatus)

    public var kind: ErrorKind {
        switch self {
        case .notScheduled: .conflict
        case .unitNotInvited: .invalid
        case .notInvited: .forbidden
        case .notStarted: .conflict
        case .conclusionState: .conflict
        }
    }
    public var code: String {
        switch self {
        case .notScheduled: "meeting.not_scheduled"
        case .unitNotInvited: "meeting.unit_not_invited"
        case .notInvited: "meeting.not_invited"
        case .notStarted: "meeting.not_started"
        case .conclusionState: "conclusion.state"
        }
    }
    public var message: String {
        switch self {
        case .notScheduled(let status): "Cuộc họp \(status.label.lowercased()): không thực hiện được thao tác này."
        case .unitNotInvited(let unit): "Đơn vị \(unit) không được mời dự cuộc họp này."
        case .notInvited: "Bạn không có tên trong thành phần dự họp."
        case .notStarted: "Cuộc họp chưa bắt đầu: kết luận được ghi từ giờ họp trở đi."
        case .conclusionState(let status): "Kết luận \(status.label.lowercased()): không thực hiện được thao tác này."
        }
    }
}
