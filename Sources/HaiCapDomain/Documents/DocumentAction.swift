/// Everything that happens to a document after it is registered or drafted. The raw values are the
/// `{action}` of `POST /api/v1/documents/{id}/actions/{action}`.
public enum DocumentAction: String, Sendable, Codable, Hashable, CaseIterable {
    // Incoming
    /// The clerk registers a document that arrived electronically: it gets its arrival number (03).
    case register
    /// The clerk refuses an electronic arrival (wrong addressee, incomplete), with a reason (02).
    case refuse
    /// The leader's direction: lead person, co-operating units, instruction, deadline (04).
    case assign
    /// A progress note from whoever handles it (05).
    case progress
    /// Handled (06), optionally naming the reply document.
    case complete
    /// The clerk corrects the registration fields (number, notation, date, organ, subject), for
    /// instance from what OCR read off the scan.
    case correct
    /// The lead (or a leader) gives part of the work to a colleague of the agency, with an
    /// instruction and a deadline no later than the document's own.
    case delegate
    /// The colleague reports the part done.
    case report
    // Outgoing
    /// A new version of a draft's subject and text; every earlier version is kept.
    case revise
    /// The drafter sends the draft into the review circuit.
    case submit
    /// A reviewer passes the draft on to the next reviewer (a head of unit to the leader).
    case pass
    /// A reviewer sends the draft back to its drafter with comments.
    case `return`
    /// The competent leader signs: the final file's digest is signed with the leader's key.
    case sign
    /// The clerk numbers and issues it, and it goes to every recipient.
    case issue
    /// The leader recalls an issued document (edXML 13): the copies held by HaiCap agencies are
    /// withdrawn from their queues.
    case recall
    /// A note for colleagues, on any document.
    case comment
    /// Files added to a document (a scan of the paper original, an annex): scans are read by OCR
    /// in the background and become searchable. Through `POST /api/v1/documents/{id}/files`.
    case attach

    public var label: String {
        switch self {
        case .register: "Vào sổ văn bản đến"
        case .refuse: "Từ chối tiếp nhận"
        case .assign: "Phân công xử lý"
        case .progress: "Cập nhật tiến độ"
        case .complete: "Hoàn thành xử lý"
        case .correct: "Sửa thông tin vào sổ"
        case .delegate: "Giao việc trong đơn vị"
        case .report: "Báo cáo phần việc được giao"
        case .revise: "Sửa dự thảo"
        case .submit: "Trình duyệt"
        case .pass: "Chuyển lãnh đạo duyệt"
        case .return: "Trả lại dự thảo"
        case .sign: "Ký duyệt"
        case .issue: "Cấp số, phát hành"
        case .recall: "Thu hồi"
        case .comment: "Ghi chú"
        case .attach: "Đính kèm tệp"
        }
    }

    public var rule: CaseRule<DocumentStatus> { DocumentWorkflow.rule(self) }

    /// Which direction the action belongs to (nil: both).
    public var direction: DocumentDirection? {
        switch self {
        case .register, .refuse, .assign, .progress, .complete, .correct, .delegate, .report: .incoming
        case .revise, .submit, .pass, .return, .sign, .issue, .recall: .outgoing
        case .comment, .attach: nil
        }
    }
}

/// The rule table of official documents (NĐ 30, Điều 20–24 for incoming, 10–18 for outgoing).
public enum DocumentWorkflow: CaseWorkflow {
    public static func rule(_ action: DocumentAction) -> CaseRule<DocumentStatus> {
        let clerks = Policy.documentClerks
        let leaders = Policy.documentLeaders
        let handlers = Policy.documentHandlers
        let handling: Set<DocumentStatus> = [.assigned, .inProgress]
        switch action {
        case .register: return CaseRule(from: [.arrived], roles: clerks, to: .registered, clock: .restart)
        case .refuse: return CaseRule(from: [.arrived], roles: clerks, to: .refused, clock: .stop)
        // Re-directing an assigned document (another lead, a new deadline) restarts its clock.
        case .assign: return CaseRule(from: [.registered, .assigned, .inProgress], roles: leaders, to: .assigned, clock: .restart)
        case .progress: return CaseRule(from: handling, roles: handlers, to: .inProgress)
        case .complete: return CaseRule(from: handling, roles: handlers, to: .done, clock: .stop)
        case .correct: return CaseRule(from: [.registered, .assigned, .inProgress, .done], roles: clerks, to: nil)
        // Who may (the lead or a leader; an open helper) is checked against the document itself.
        case .delegate: return CaseRule(from: handling, roles: handlers, to: nil)
        case .report: return CaseRule(from: handling, roles: handlers, to: nil)
        case .revise: return CaseRule(from: [.draft], roles: handlers, to: nil)
        case .submit: return CaseRule(from: [.draft], roles: handlers, to: .inReview)
        case .pass: return CaseRule(from: [.inReview], roles: Policy.documentReviewers, to: .inReview)
        case .return: return CaseRule(from: [.inReview, .signed], roles: Policy.documentReviewers, to: .draft)
        case .sign: return CaseRule(from: [.inReview], roles: leaders, to: .signed)
        case .issue: return CaseRule(from: [.signed], roles: clerks, to: .issued)
        case .recall: return CaseRule(from: [.issued], roles: leaders, to: .recalled)
        case .comment: return CaseRule(from: Set(DocumentStatus.allCases), roles: handlers, to: nil, isPublic: false)
        // Files join an outgoing document only while it is a draft: what the leader signs is final.
        case .attach:
            return CaseRule(
                from: Set(DocumentStatus.allCases).subtracting([.withdrawn, .refused, .recalled, .signed, .issued]), roles: handlers, to: nil,
                isPublic: false)
        }
    }

    /// The actions of `direction` the table offers `principal` in `status`.
    public static func allowed(_ direction: DocumentDirection, in status: DocumentStatus, for principal: Principal) -> [DocumentAction] {
        allowed(in: status, for: .official(principal)).filter { $0.direction == nil || $0.direction == direction }
    }
}
