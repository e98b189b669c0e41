import Foundation

/// Why a change to a `DeadlineClock` was refused.
public enum DeadlineError: Error, Sendable, Hashable {
    /// The procedure allows only `limit` extensions (NĐ 107/2021: the new date is set once).
    case extensionLimitReached(limit: Int)
    /// An extension must move the due date to after the moment it is granted.
    case extensionNotInFuture
    /// A pause is already open; resume it first.
    case alreadyPaused
    /// There is no open pause to resume.
    case notPaused
    /// A pause cannot start before the clock does, nor end before it starts.
    case pauseOutOfOrder
    /// A date outside `WorkCalendar.supportedYears`.
    case outOfRange
}

extension DeadlineError: HaiCapError {
    public var kind: ErrorKind {
        switch self {
        case .extensionNotInFuture, .pauseOutOfOrder, .outOfRange: .invalid
        default: .conflict
        }
    }

    public var code: String {
        switch self {
        case .extensionLimitReached: "deadline.extension_limit"
        case .extensionNotInFuture: "deadline.extension_past"
        case .alreadyPaused: "deadline.already_paused"
        case .notPaused: "deadline.not_paused"
        case .pauseOutOfOrder: "deadline.pause_order"
        case .outOfRange: "deadline.out_of_range"
        }
    }

    public var message: String {
        switch self {
        case .extensionLimitReached(let limit): "Thời hạn đã được gia hạn \(limit) lần, là số lần tối đa."
        case .extensionNotInFuture: "Ngày hẹn mới phải sau thời điểm gia hạn."
        case .alreadyPaused: "Thời hạn đang tạm dừng."
        case .notPaused: "Thời hạn không ở trạng thái tạm dừng."
        case .pauseOutOfOrder: "Thời điểm tạm dừng hoặc tiếp tục không hợp lệ."
        case .outOfRange: "Ngày phải trong khoảng năm \(WorkCalendar.supportedYears.lowerBound)–\(WorkCalendar.supportedYears.upperBound)."
        }
    }
}
