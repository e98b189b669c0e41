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

    /// Whether the reporter's own voice: the reporter with the report's token, or an operator
    /// taking the call; never the agency whose clock it moves.
    public var byReporter: Bool { rule.citizen }

    public var rule: CaseRule<ReportStatus> { ReportWorkflow.rule(self) }

    /// Whether the event is shown on the public status page and in Open311's update history.
    public var isPublic: Bool { rule.isPublic }
}

/// The 1022 rule table (QĐ 1478): who may do what to a report in which status.
public enum ReportWorkflow: CaseWorkflow {
    static let open: Set<ReportStatus> = [.new, .inProgress, .waitingForInformation]

    public static func rule(_ action: ReportAction) -> CaseRule<ReportStatus> {
        let handlers = Policy.feedbackHandlers
        // What the reporter says is recorded by the reporter, or by an operator taking the call.
        let reporter = Policy.feedbackCoordinators
        switch action {
        // Assigning starts work on a new report; a report waiting for the reporter keeps waiting.
        case .assign: return CaseRule(from: open, roles: handlers, to: nil, isPublic: false)
        case .forward: return CaseRule(from: open, roles: handlers, to: .new)
        case .requestInformation: return CaseRule(from: [.new, .inProgress], roles: handlers, to: .waitingForInformation, clock: .pause)
        // The reporter's further information often holds personal details (a house number, a
        // phone call's content): officials see it, the public history only says it arrived.
        case .supplyInformation:
            return CaseRule(
                from: [.waitingForInformation], roles: reporter, citizen: true, to: .inProgress,
                clock: .resume, isPublic: false)
        case .progress: return CaseRule(from: [.new, .inProgress], roles: handlers, to: nil)
        case .answer: return CaseRule(from: open, roles: handlers, to: .answered, clock: .stop)
        case .close: return CaseRule(from: open.union([.answered]), roles: handlers, to: .closed, clock: .stop)
        case .merge: return CaseRule(from: open, roles: handlers, to: .closed, clock: .stop)
        case .reopen: return CaseRule(from: [.answered, .closed], roles: reporter, citizen: true, to: .inProgress, clock: .restart)
        case .rate: return CaseRule(from: [.answered, .closed], roles: reporter, citizen: true, to: nil)
        case .comment: return CaseRule(from: Set(ReportStatus.allCases), roles: handlers, to: nil, isPublic: false)
        }
    }

    /// Leaving "waiting for the reporter" by any other way than the reporter's answer (an
    /// answer, a forward, a close, a merge) ends the pause too: the clock runs again from now.
    public static func endsWait(_ action: ReportAction) -> Bool {
        ![.supplyInformation, .comment, .assign, .requestInformation].contains(action)
    }
}
