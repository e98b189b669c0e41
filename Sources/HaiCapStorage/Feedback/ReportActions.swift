import Foundation
import HaiCapDomain
import SQLKit

extension ReportStore {
    /// Applies one action to a report through the case ledger, all or nothing: status, clock,
    /// timeline, audit, photos.
    public func act(
        _ id: Int, _ action: ReportAction, _ input: ReportActionInput, by actor: ReportActor,
        at now: Date
    ) async throws -> Report {
        let before = try await get(id)
        try authorise(action, on: before, by: actor)
        try ReportPhoto.validate(input.photos)

        // Everything that reads other tables happens before the transaction (SQLite has one connection).
        var target: Agency?
        var assignee: Account?
        var mergeTarget: Report?
        switch action {
        case .forward:
            guard let agencyId = input.agencyId else { throw ValidationError(field: "agencyId", "Chọn cơ quan nhận.") }
            let agency = try await agencies.get(agencyId)
            if let principal = actor.principal, !Policy.routesAnywhere(principal), agency.id != AgencyScheme.operators1022Id {
                throw ValidationError(field: "agencyId", "Cơ quan xử lý chỉ chuyển trả phản ánh về Tổng đài 1022; Tổng đài sẽ chuyển tiếp.")
            }
            guard agency.id != before.agencyId else { throw ValidationError(field: "agencyId", "Phản ánh đang ở chính cơ quan này.") }
            target = agency
        case .assign:
            let assigneeId = input.assigneeId ?? actor.principal?.userId
            guard let assigneeId else { throw ValidationError(field: "assigneeId", "Chọn người xử lý.") }
            let account = try await accounts.get(assigneeId)
            guard account.agencyId == before.agencyId, !account.isDisabled else {
                throw ValidationError(field: "assigneeId", "Người được phân công phải là cán bộ đang hoạt động của \(before.agencyName).")
            }
            assignee = account
        case .merge:
            guard let into = input.mergeInto else { throw ValidationError(field: "mergeInto", "Nhập số phản ánh gộp vào.") }
            guard into != id else { throw FeedbackError.mergeTarget(reason: "không gộp phản ánh vào chính nó.") }
            let other = try await get(into)
            guard other.categoryCode == before.categoryCode else { throw FeedbackError.mergeTarget(reason: "hai phản ánh khác lĩnh vực.") }
            guard other.duplicateOf == nil, other.status != .closed else {
                throw FeedbackError.mergeTarget(reason: "phản ánh số \(into) đã đóng hoặc đã được gộp.")
            }
            // Merging writes on the other report too (a follower, a public event).
            if let principal = actor.principal, !Self.reaches(principal, other) {
                throw FeedbackError.mergeTarget(reason: "phản ánh số \(into) thuộc cơ quan khác; đề nghị Tổng đài 1022 gộp.")
            }
            mergeTarget = other
        default:
            break
        }
        let calendar = try await calendars.calendar(agencyId: target?.id ?? before.agencyId)
        // Only a reopened report needs its category (for the answer time it starts again with).
        let actorName = actor.principal?.fullName ?? "Người phản ánh"
        let transition = ReportTransition(
            store: self, target: .existing(before), action: action, input: input, actor: actor,
            actorName: actorName, calendar: calendar,
            category: action == .reopen ? try? await catalogue.category(before.categoryCode) : nil, agency: target,
            assignee: assignee, mergeTarget: mergeTarget)
        _ = try await ledger.record(transition, by: actor.principal, actorName: actorName, calendar: calendar, at: now)
        return try await get(id)
    }

    /// Officials within reach whom the rule table lets act; the reporter with the right token
    /// for the reporter's actions; operators for those too (the reporter may call 1022 instead).
    func authorise(_ action: ReportAction, on report: Report, by actor: ReportActor) throws {
        switch actor {
        case .reporter(let token):
            guard action.byReporter else { throw AccessError.notAuthenticated }
            guard Secrets.constantTimeEqual(SecretDigest.of(token), report.tokenHash) else { throw FeedbackError.notReporter }
            if ReportWorkflow.refusal(action, in: report.status, by: .citizen) != nil {
                throw FeedbackError.notAllowed(action: action, status: report.status)
            }
        case .official(let principal):
            guard Policy.allows(principal, .handleFeedback), Policy.mayAct(principal, Self.scope(of: report)) else {
                throw AccessError.forbidden
            }
            switch ReportWorkflow.refusal(action, in: report.status, by: .official(principal)) {
            // What the reporter says is recorded by an operator taking the call, never by the
            // agency whose clock it moves.
            case .role: throw action.byReporter ? FeedbackError.notReporter : AccessError.forbidden
            case .state: throw FeedbackError.notAllowed(action: action, status: report.status)
            case nil: break
            }
        }
    }

    /// Writes an action's changes to the report's row.
    func update(_ report: Report, running: Bool, at now: Date, in session: any SQLDatabase) async throws {
        try await session.raw(
            """
            UPDATE feedback_reports SET agency_id = \(bind: report.agencyId), agency_name = \(bind: report.agencyName),
                agency_unit_code = \(bind: report.agencyUnitCode), assignee_id = \(bind: report.assigneeId),
                assignee_name = \(bind: report.assigneeName), status = \(bind: report.status.rawValue),
                open = \(bind: report.status.isOpen ? 1 : 0), running = \(bind: running ? 1 : 0), duplicate_of = \(bind: report.duplicateOf),
                forwarded_at = \(bind: report.forwardedAt?.millis), due_at = \(bind: report.due.millis),
                answered_at = \(bind: report.answeredAt?.millis), closed_at = \(bind: report.closedAt?.millis),
                updated_at = \(bind: now.millis), answer = \(bind: report.answer),
                answered_on_time = \(bind: report.answeredOnTime.map { $0 ? 1 : 0 }), rating = \(bind: report.rating),
                reopen_count = \(bind: report.reopenCount)
            WHERE id = \(bind: report.id)
            """
        ).run()
    }

    /// The same action on many reports (bulk assign, forward, close), through `CaseBulk`.
    public func bulk(
        _ ids: [Int], _ action: ReportAction, _ input: ReportActionInput, by principal: Principal,
        at now: Date
    ) async throws -> CaseBulk.Outcome<Int> {
        guard action == .assign || action == .close || action == .forward else {
            throw ValidationError(field: "action", "Thao tác hàng loạt chỉ gồm: phân công, chuyển, đóng.")
        }
        return try await CaseBulk.run(ids, field: "ids", noun: "phản ánh") { id in
            _ = try await act(id, action, input, by: .official(principal), at: now)
        }
    }
}

extension ReportStore {
    /// A citizen who would have reported the same thing follows this report instead: the count
    /// of people affected rises, and the history says so (nobody's identity is recorded).
    public func follow(_ id: Int, at now: Date) async throws -> Report {
        let report = try await get(id)
        guard report.status.isOpen, report.duplicateOf == nil else {
            throw FeedbackError.mergeTarget(reason: "phản ánh số \(id) đã được xử lý xong hoặc đã gộp.")
        }
        return try await database.transaction { session in
            try await session.raw("UPDATE feedback_reports SET followers = followers + 1, updated_at = \(bind: now.millis) WHERE id = \(bind: id)")
                .run()
            try await timeline.append(
                TimelineEvent(
                    CaseRef(.feedback, id), at: now, actorUserId: nil, actorName: "Người dân",
                    action: "follow", fromState: nil, toState: nil,
                    note: "Thêm một người dân cùng phản ánh việc này.", isPublic: true), in: session)
            return try await get(id, in: session)
        }
    }
}
