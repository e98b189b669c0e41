/// What the organiser does to a meeting after it is scheduled. The raw values are the `{action}`
/// of `POST /api/v1/meetings/{id}/actions/{action}`.
public enum MeetingAction: String, Sendable, Codable, Hashable, CaseIterable {
    /// New times (and the video room's window with them); invitations go out again, SEQUENCE raised.
    case reschedule
    /// Called off: every invitee is told (METHOD:CANCEL), the rooms are freed, the video room refused.
    case cancel
    /// Held and over: roll-call and conclusions stay open, the video room is refused.
    case close

    public var label: String {
        switch self {
        case .reschedule: "Đổi thời gian"
        case .cancel: "Hủy cuộc họp"
        case .close: "Kết thúc cuộc họp"
        }
    }
}

/// The meeting's rule table: only a scheduled meeting moves; its organisers act (the store adds
/// that they are of the organising agency).
public enum MeetingWorkflow: CaseWorkflow {
    public static func rule(_ action: MeetingAction) -> CaseRule<MeetingStatus> {
        switch action {
        case .reschedule: CaseRule(from: [.scheduled], roles: Policy.meetingOrganisers, to: .scheduled, isPublic: false)
        case .cancel: CaseRule(from: [.scheduled], roles: Policy.meetingOrganisers, to: .cancelled, isPublic: false)
        case .close: CaseRule(from: [.scheduled], roles: Policy.meetingOrganisers, to: .closed, isPublic: false)
        }
    }
}

/// A conclusion of a meeting, handled as a task by its owner agency.
public enum ConclusionStatus: String, Sendable, Codable, CaseIterable {
    case open = "dang-thuc-hien"
    case done = "hoan-thanh"

    public var label: String {
        switch self {
        case .open: "Đang thực hiện"
        case .done: "Đã hoàn thành"
        }
    }
}

/// What happens to a conclusion after it is given. The raw values are the `{action}` of
/// `POST /api/v1/meetings/conclusions/{id}/actions/{action}`.
public enum ConclusionAction: String, Sendable, Codable, Hashable, CaseIterable {
    /// A progress note from the owner agency.
    case progress
    /// The task is done: the clock stops.
    case complete
    /// The organiser finds it not done after all: a fresh clock of the same length.
    case reopen

    public var label: String {
        switch self {
        case .progress: "Cập nhật tiến độ"
        case .complete: "Hoàn thành"
        case .reopen: "Yêu cầu làm lại"
        }
    }
}

public enum ConclusionWorkflow: CaseWorkflow {
    public static func rule(_ action: ConclusionAction) -> CaseRule<ConclusionStatus> {
        switch action {
        case .progress: CaseRule(from: [.open], roles: Policy.meetingStaff, to: .open, isPublic: false)
        case .complete: CaseRule(from: [.open], roles: Policy.meetingStaff, to: .done, clock: .stop, isPublic: false)
        case .reopen: CaseRule(from: [.done], roles: Policy.meetingOrganisers, to: .open, clock: .restart, isPublic: false)
        }
    }
}
