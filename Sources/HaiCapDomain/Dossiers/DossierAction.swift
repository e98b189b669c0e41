/// Everything that can happen to a dossier after it is created. The raw values are the
/// `{action}` of `POST /api/v1/dossiers/{code}/actions/{action}`.
public enum DossierAction: String, Sendable, Codable, Hashable, CaseIterable {
    /// Mẫu 01: the dossier is complete and competent; the clock starts.
    case receive
    /// Mẫu 02 at intake: every missing or faulty item at once.
    case requestCompletion = "request-completion"
    /// Mẫu 03: refused at intake, with a reason.
    case refuse
    /// Hand-over to a specialist (Phiếu kiểm soát), or re-assignment.
    case assign
    /// The specialist proposes the result (or a refusal) to the leader.
    case propose
    /// The leader sends the draft back for more review.
    case sendBack = "send-back"
    case approve
    /// Refusal on the merits (không giải quyết), with reasons; the reply is returned like a result.
    case reject
    /// The clerk signs and numbers the result (optionally attaching the electronic result).
    case sign
    case `return`
    case requestSupplement = "request-supplement"
    case supply
    case requestPayment = "request-payment"
    case pay
    case consult
    case consultReply = "consult-reply"
    case transfer
    case transferBack = "transfer-back"
    /// Mẫu 05 Thông báo dừng giải quyết.
    case stop
    case withdraw
    /// Mẫu 04: apology with a new appointment; required before an overdue dossier continues.
    case apologize

    public var label: String {
        switch self {
        case .receive: "Tiếp nhận (Mẫu 01)"
        case .requestCompletion: "Yêu cầu bổ sung, hoàn thiện (Mẫu 02)"
        case .refuse: "Từ chối tiếp nhận (Mẫu 03)"
        case .assign: "Chuyển xử lý / phân công"
        case .propose: "Trình phê duyệt"
        case .sendBack: "Trả lại thẩm định"
        case .approve: "Phê duyệt"
        case .reject: "Không giải quyết (nêu lý do)"
        case .sign: "Ký số, vào sổ, đóng dấu"
        case .return: "Trả kết quả"
        case .requestSupplement: "Yêu cầu bổ sung giấy tờ"
        case .supply: "Công dân đã bổ sung"
        case .requestPayment: "Yêu cầu thực hiện nghĩa vụ tài chính"
        case .pay: "Đã thực hiện nghĩa vụ tài chính"
        case .consult: "Lấy ý kiến liên thông"
        case .consultReply: "Nhận ý kiến liên thông"
        case .transfer: "Chuyển sở, ngành"
        case .transferBack: "Sở, ngành trả hồ sơ"
        case .stop: "Dừng giải quyết (Mẫu 05)"
        case .withdraw: "Công dân rút hồ sơ"
        case .apologize: "Xin lỗi, hẹn lại ngày trả (Mẫu 04)"
        }
    }

    public typealias Rule = CaseRule<DossierStatus>

    static let working: Set<DossierStatus> = [.inReview, .awaitingApproval]

    public var rule: Rule { DossierWorkflow.rule(self) }
}

extension DossierWorkflow {
    /// The rule table of Nghị định 118/2025 as the one-stop desks work it.
    public typealias Rule = CaseRule<DossierStatus>

    public static func rule(_ action: DossierAction) -> Rule {
        let working = DossierAction.working
        return switch action {
        case .receive: Rule(from: [.submitted, .completionRequested], roles: [.officer, .leader], to: .received, clock: .start)
        case .requestCompletion: Rule(from: [.submitted, .completionRequested], roles: [.officer, .leader], to: .completionRequested, clock: .none)
        case .refuse: Rule(from: [.submitted, .completionRequested], roles: [.officer, .leader], to: .refused, clock: .none)
        case .assign: Rule(from: [.received, .inReview], roles: [.officer, .leader, .specialist], to: .inReview, clock: .none, isPublic: false)
        case .propose: Rule(from: [.inReview], roles: [.specialist, .leader], to: .awaitingApproval, clock: .none, isPublic: false)
        case .sendBack: Rule(from: [.awaitingApproval], roles: [.leader], to: .inReview, clock: .none, isPublic: false)
        case .approve: Rule(from: [.awaitingApproval], roles: [.leader], to: .awaitingSignature, clock: .none)
        case .reject: Rule(from: [.awaitingApproval], roles: [.leader], to: .readyToReturn, clock: .stop)
        case .sign: Rule(from: [.awaitingSignature], roles: [.clerk, .leader], to: .readyToReturn, clock: .stop)
        case .return: Rule(from: [.readyToReturn], roles: [.officer, .postal], to: .returned, clock: .none)
        case .requestSupplement:
            Rule(
                from: working.union([.consulting, .transferred]), roles: [.specialist, .leader, .department],
                to: .supplementRequested, clock: .pause)
        case .supply: Rule(from: [.supplementRequested], roles: [.officer, .specialist], to: nil, clock: .resume)
        case .requestPayment: Rule(from: working, roles: [.specialist, .leader], to: .paymentRequested, clock: .pause)
        case .pay: Rule(from: [.paymentRequested], roles: [.officer, .specialist], to: nil, clock: .resume)
        case .consult: Rule(from: [.inReview], roles: [.specialist, .leader], to: .consulting, clock: .none)
        case .consultReply: Rule(from: [.consulting], roles: [.specialist, .leader, .department], to: .inReview, clock: .none)
        case .transfer: Rule(from: [.inReview], roles: [.specialist, .leader], to: .transferred, clock: .none)
        case .transferBack: Rule(from: [.transferred], roles: [.department], to: .inReview, clock: .none)
        case .stop:
            Rule(
                from: [
                    .received, .inReview, .consulting, .transferred, .awaitingApproval, .awaitingSignature,
                    .supplementRequested, .paymentRequested
                ],
                roles: [.leader], to: .stopped, clock: .stop)
        case .withdraw:
            Rule(
                from: [
                    .submitted, .completionRequested, .received, .inReview, .consulting, .transferred,
                    .awaitingApproval, .awaitingSignature, .supplementRequested, .paymentRequested
                ],
                roles: [.officer, .leader], to: .withdrawn, clock: .stop)
        case .apologize:
            Rule(
                from: [.received, .inReview, .consulting, .transferred, .awaitingApproval, .awaitingSignature],
                roles: [.leader, .officer], to: nil, clock: .extend)
        }
    }
}

extension DossierAction {
    /// Actions still allowed on an overdue dossier that has not apologised yet.
    public var allowedWhileOverdue: Bool { [.apologize, .withdraw, .stop, .requestSupplement].contains(self) }
}

/// Decides whether an action may happen and what state follows, without touching storage.
public enum DossierWorkflow: CaseWorkflow {
    public struct Situation: Sendable {
        public var status: DossierStatus
        /// The state to go back to when a pause ends.
        public var resumeStatus: DossierStatus?
        public var overdue: Bool
        public var apologies: Int
        public var apologyLimit: Int

        public init(status: DossierStatus, resumeStatus: DossierStatus?, overdue: Bool, apologies: Int, apologyLimit: Int) {
            self.status = status
            self.resumeStatus = resumeStatus
            self.overdue = overdue
            self.apologies = apologies
            self.apologyLimit = apologyLimit
        }
    }

    /// The state after `action`, or the reason it is refused.
    public static func next(_ action: DossierAction, in situation: Situation, by actor: CaseActor) throws(DossierError) -> DossierStatus {
        let rule = rule(action)
        switch refusal(action, in: situation.status, by: actor) {
        case .role: throw .roleNotAllowed(action: action, roles: rule.roles)
        case .state: throw .notAllowed(action: action, status: situation.status)
        case nil: break
        }
        if action == .apologize {
            guard situation.overdue else { throw .notOverdue }
            guard situation.apologies < situation.apologyLimit else { throw .apologyLimitReached(limit: situation.apologyLimit) }
        } else if situation.overdue && situation.status.isInProgress && !situation.status.isWaitingForApplicant
            && !action.allowedWhileOverdue && situation.apologies < situation.apologyLimit
        {
            throw .apologyRequired
        }
        if let to = rule.to { return to }
        if rule.clock == .resume { return situation.resumeStatus ?? .inReview }
        return situation.status
    }
    /// The actions `actor` may take now: the rule table, then the overdue rule. Pages and the
    /// API list their buttons from this, so a button is never offered that the ledger refuses.
    public static func allowed(in situation: Situation, for actor: CaseActor) -> [DossierAction] {
        DossierAction.allCases.filter { (try? next($0, in: situation, by: actor)) != nil }
    }
}
