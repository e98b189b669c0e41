/// Where a meeting stands. A cancelled or closed meeting is never scheduled again: its video room
/// is refused from then on (a reservation that really ends).
public enum MeetingStatus: String, Sendable, Codable, CaseIterable {
    case scheduled
    case cancelled
    case closed

    public var label: String {
        switch self {
        case .scheduled: "Đã lên lịch"
        case .cancelled: "Đã hủy"
        case .closed: "Đã kết thúc"
        }
    }
}

/// How people take part: in the video room, in the room itself, or both.
public enum MeetingMode: String, Sendable, Codable, CaseIterable {
    case online = "truc-tuyen"
    case inPerson = "truc-tiep"
    case hybrid = "ket-hop"

    public var label: String {
        switch self {
        case .online: "Trực tuyến"
        case .inPerson: "Trực tiếp"
        case .hybrid: "Kết hợp"
        }
    }

    /// Whether the meeting has a video room.
    public var hasVideo: Bool { self != .inPerson }
}

/// A unit's line on the roll-call.
public enum AttendanceStatus: String, Sendable, Codable, CaseIterable {
    case present = "co-mat"
    case excused = "vang-co-ly-do"
    case absent = "vang"
    case late = "den-muon"

    public var label: String {
        switch self {
        case .present: "Có mặt"
        case .excused: "Vắng có lý do"
        case .absent: "Vắng"
        case .late: "Đến muộn"
        }
    }
}

/// An invitee's answer to an invitation.
public enum RSVPAnswer: String, Sendable, Codable, CaseIterable {
    case pending = "chua-tra-loi"
    case accepted = "tham-du"
    case declined = "khong"
    case delegated = "cu-nguoi-thay"

    public var label: String {
        switch self {
        case .pending: "Chưa trả lời"
        case .accepted: "Tham dự"
        case .declined: "Không tham dự"
        case .delegated: "Cử người thay"
        }
    }

    /// The iCalendar PARTSTAT of the answer.
    public var partstat: String {
        switch self {
        case .pending: "NEEDS-ACTION"
        case .accepted: "ACCEPTED"
        case .declined: "DECLINED"
        case .delegated: "DELEGATED"
        }
    }

    public init?(partstat: String) {
        guard let answer = Self.allCases.first(where: { $0.partstat == partstat.uppercased() }) else { return nil }
        self = answer
    }
}
