import Foundation

/// Why a 1022 operation was refused; messages are for the official or citizen who tried it.
public enum FeedbackError: HaiCapError, Equatable {
    case notAllowed(action: ReportAction, status: ReportStatus)
    case notReporter
    case reopenWindowClosed(days: Int)
    case notAnswered
    case alreadyRated
    case mergeTarget(reason: String)
    case unknownCategory(String)
    case inactiveCategory(String)
    case extensionLimit
    /// Someone else acted on the report between reading and writing (a double click, two officials).
    case changedMeanwhile

    public var kind: ErrorKind {
        switch self {
        case .notReporter: .forbidden
        case .unknownCategory, .inactiveCategory, .mergeTarget: .invalid
        default: .conflict
        }
    }

    public var code: String {
        switch self {
        case .notAllowed: "feedback.transition"
        case .notReporter: "feedback.not_reporter"
        case .reopenWindowClosed: "feedback.reopen_window"
        case .notAnswered: "feedback.not_answered"
        case .alreadyRated: "feedback.already_rated"
        case .mergeTarget: "feedback.merge_target"
        case .unknownCategory: "feedback.category"
        case .inactiveCategory: "feedback.category_inactive"
        case .extensionLimit: "feedback.extension_limit"
        case .changedMeanwhile: "feedback.changed"
        }
    }

    public var message: String {
        switch self {
        case .notAllowed(let action, let status):
            "Không thể «\(action.label)» khi phản ánh đang ở trạng thái «\(status.label)»."
        case .notReporter:
            "Mã phản ánh không đúng: chỉ người gửi (có mã nhận khi gửi) mới thực hiện được thao tác này."
        case .reopenWindowClosed(let days):
            "Đã quá \(days) ngày kể từ khi trả lời: không thể mở lại. Vui lòng gửi phản ánh mới."
        case .notAnswered:
            "Phản ánh chưa được trả lời nên chưa thể đánh giá."
        case .alreadyRated:
            "Phản ánh này đã được đánh giá."
        case .mergeTarget(let reason):
            "Không gộp được: \(reason)"
        case .unknownCategory(let code):
            "Không có lĩnh vực phản ánh «\(code)»."
        case .inactiveCategory(let code):
            "Lĩnh vực «\(code)» đã ngừng tiếp nhận phản ánh."
        case .extensionLimit:
            "Đã hẹn lại thời hạn trả lời một lần; không được gia hạn thêm."
        case .changedMeanwhile:
            "Phản ánh vừa được người khác cập nhật. Vui lòng tải lại trang và thử lại."
        }
    }
}
