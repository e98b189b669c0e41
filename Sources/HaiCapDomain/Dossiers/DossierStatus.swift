/// Where a dossier is in its life. Several internal states share one national-portal code
/// (`portalCode`, DOMAIN.md §1.2), as OpenCPS does with its status mapping table.
public enum DossierStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// Submitted online or by post, waiting for the one-stop officer's completeness check.
    case submitted
    /// Mẫu 02 at intake: the applicant must complete the dossier before it is received.
    case completionRequested = "completion-requested"
    /// Mẫu 03: not received.
    case refused
    /// Mẫu 01 issued; waiting to be handed to a specialist.
    case received
    case inReview = "in-review"
    /// Liên thông: waiting for another agency's opinion.
    case consulting
    /// Handed to a city department (above the ward's competence) and not yet back.
    case transferred
    case awaitingApproval = "awaiting-approval"
    case awaitingSignature = "awaiting-signature"
    /// Yêu cầu bổ sung during processing: the clock is paused.
    case supplementRequested = "supplement-requested"
    /// Nghĩa vụ tài chính: the clock is paused until the applicant pays.
    case paymentRequested = "payment-requested"
    case withdrawn
    /// Mẫu 05 Thông báo dừng giải quyết.
    case stopped
    /// Result (or reasoned refusal on the merits) ready at the desk.
    case readyToReturn = "ready-to-return"
    case returned

    /// TrangThaiHoSo 1–10 of the national portal.
    public var portalCode: Int {
        switch self {
        case .submitted: 1
        case .received: 2
        case .refused: 3
        case .inReview, .consulting, .transferred, .awaitingApproval, .awaitingSignature: 4
        case .completionRequested, .supplementRequested: 5
        case .paymentRequested: 6
        case .withdrawn: 7
        case .stopped: 8
        case .readyToReturn: 9
        case .returned: 10
        }
    }

    public var label: String {
        switch self {
        case .submitted: "Chờ tiếp nhận"
        case .completionRequested: "Yêu cầu bổ sung, hoàn thiện (chưa tiếp nhận)"
        case .refused: "Từ chối tiếp nhận"
        case .received: "Đã tiếp nhận"
        case .inReview: "Đang thẩm định"
        case .consulting: "Đang lấy ý kiến liên thông"
        case .transferred: "Đã chuyển sở, ngành"
        case .awaitingApproval: "Chờ phê duyệt"
        case .awaitingSignature: "Chờ ký số, vào sổ"
        case .supplementRequested: "Chờ công dân bổ sung"
        case .paymentRequested: "Chờ thực hiện nghĩa vụ tài chính"
        case .withdrawn: "Công dân rút hồ sơ"
        case .stopped: "Dừng giải quyết"
        case .readyToReturn: "Chờ trả kết quả"
        case .returned: "Đã trả kết quả"
        }
    }

    /// No further action changes a closed dossier.
    public var isClosed: Bool { [.refused, .withdrawn, .stopped, .returned].contains(self) }

    /// Received and not yet finished: the states whose deadline runs (or is paused).
    public var isInProgress: Bool {
        [
            .received, .inReview, .consulting, .transferred, .awaitingApproval, .awaitingSignature,
            .supplementRequested, .paymentRequested
        ].contains(self)
    }

    /// The applicant holds the dossier up, so the clock is stopped.
    public var isWaitingForApplicant: Bool { self == .supplementRequested || self == .paymentRequested }

    /// Whether the deadline counts in this state: received, not finished, not waiting for the applicant.
    public var clockRuns: Bool { isInProgress && !isWaitingForApplicant }

    /// Received at some point (everything after Mẫu 01); the 766 denominators count these.
    public var wasReceived: Bool { ![.submitted, .completionRequested, .refused].contains(self) }
}

/// How a finished dossier ended on the merits.
public enum DossierOutcome: String, Sendable, Codable, Hashable {
    case granted
    /// Không giải quyết: refused on the merits, with a reasoned reply.
    case rejected
}

/// How the result reaches the applicant.
public enum ReturnMethod: String, Sendable, Codable, Hashable, CaseIterable {
    case counter, post, online

    public var label: String {
        switch self {
        case .counter: "Tại quầy"
        case .post: "Qua bưu chính"
        case .online: "Trực tuyến (tệp kết quả điện tử)"
        }
    }
}
