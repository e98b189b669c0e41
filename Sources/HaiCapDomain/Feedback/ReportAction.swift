/// Everything that can happen to a 1022 report after it is received. The raw values are the
/// `{action}` of `POST /api/v1/feedback/{id}/actions/{action}`.
public enum ReportAction: String, Sendable, Codable, Hashable, CaseIterable {
    /// Give the report to one official of the handling agency (or take it oneself).
    case assign
    /// Hand the report to another agency (the operator's override, or an agency returning a
    /// report outside its competence to the operators). Every hand-off is on the timeline.
    case forward
    /// Ask the reporter for more; the answer clock pauses until the information arrives.
    case requestInformation = "request-information"
    /// The reporter's further information (from the status page, or taken by an operator).
    case supplyInformation = "supply-information"
    /// A public progress note, e.g. when the work takes longer: optionally a committed new date.
    case progress
    /// The public answer (text and photos): the report counts as handled.
    case answer
    /// Close without (further) work, with a reason shown to the public.
    case close
    /// Merge into an earlier report of the same problem: closed here, followed there.
    case merge
    /// The reporter is not satisfied with the answer (within the reopening window).
    case reopen
    /// The reporter rates the answer, 1 to 5.
    case rate
    /// A note only officials see.
    case comment

    public var label: String {
        switch self {
        case .assign: "Phân công xử lý"
        case .forward: "Chuyển cơ quan khác"
        case .requestInformation: "Đề nghị bổ sung thông tin"
        case .supplyInformation: "Bổ sung thông tin"
        case .progress: "Cập nhật tiến độ"
        case .answer: "Trả lời"
        case .close: "Đóng phản ánh"
        case .merge: "Gộp vào phản ánh trùng"
        case .reopen: "Mở lại"
        case .rate: "Đánh giá"
        case .comment: "Ghi chú nội bộ"
        }
    }

    /// Who may do it: officials of the handling agency (and operators, administrators), or the
    /// reporter proving it with the report's token.
    public var byReporter: Bool { self == .supplyInformation || self == .reopen || self == .rate }

    /// The statuses the action is allowed in, and the status it leads to (`nil`: unchanged).
    public var rule: (from: Set<ReportStatus>, to: ReportStatus?) {
        let open: Set<ReportStatus> = [.new, .inProgress, .waitingForInformation]
        switch self {
        // Assigning starts work on a new report; a report waiting for the reporter keeps waiting.
        case .assign: return (open, nil)
        case .forward: return (open, .new)
        case .requestInformation: return ([.new, .inProgress], .waitingForInformation)
        case .supplyInformation: return ([.waitingForInformation], .inProgress)
        case .progress: return ([.new, .inProgress], nil)
        case .answer: return (open, .answered)
        case .close: return (open.union([.answered]), .closed)
        case .merge: return (open, .closed)
        case .reopen: return ([.answered, .closed], .inProgress)
        case .rate: return ([.answered, .closed], nil)
        case .comment: return (Set(ReportStatus.allCases), nil)
        }
    }

    /// Whether the event is shown on the public status page and in Open311's update history.
    /// The reporter's further information often holds personal details (a house number, a
    /// phone call's content): officials see it, the public history only says it arrived.
    public var isPublic: Bool { self != .comment && self != .assign && self != .supplyInformation }
}
