import Foundation
import HaiCapDomain
import SQLKit

/// A 1022 report's part in a `CaseLedger` transition: an action on a report, or a new report
/// (submitted, placed and routed) with its first event.
struct ReportTransition: CaseTransition {
    /// A new report's row, everything decided before the transaction.
    struct Creation: Sendable {
        var draft: NewReport
        var category: FeedbackCategory
        var agency: Agency
        var unitCode: String?
        var unitName: String?
        var approximate: Bool
        var placeNote: String
        var routingReason: String
        var tokenHash: String
        var clock: DeadlineClock
        var due: Date
        /// When the switchboard must have forwarded it.
        var forwardDue: Date
        var open311KeyId: Int?
    }

    enum Target: Sendable {
        /// The report as the actor saw it: a change since then is answered with 409.
        case existing(Report)
        case new(Creation)
    }

    let store: ReportStore
    let target: Target
    var createsCase: Bool { if case .new = target { true } else { false } }
    let action: ReportAction?
    let input: ReportActionInput
    let actor: ReportActor
    let actorName: String
    let calendar: WorkCalendar
    var category: FeedbackCategory?
    var agency: Agency?
    var assignee: Account?
    var mergeTarget: Report?
    var photos: [ReportPhoto] = []

    func load(at now: Date, in session: any SQLDatabase) async throws -> (CaseRef, Report) {
        switch target {
        case .existing(let before):
            // Locked on PostgreSQL (SQLite runs one transaction at a time): a second click, or a
            // colleague, got there first if it moved since it was read.
            let current = try await store.get(before.id, in: session, forUpdate: true)
            guard current.status == before.status, current.updatedAt == before.updatedAt, current.rating == before.rating else {
                throw FeedbackError.changedMeanwhile
            }
            return (CaseRef(.feedback, current.id), current)
        case .new(let creation):
            let id = try await store.insert(creation, at: now, in: session)
            return (CaseRef(.feedback, id), try await store.get(id, in: session))
        }
    }

    func decide(
        _ report: inout Report, ref: CaseRef, clock: DeadlineClock?, at now: Date,
        in session: any SQLDatabase
    ) async throws -> CaseStep {
        guard let action else {
            guard case .new(let creation) = target else { preconditionFailure("an existing report needs an action") }
            return CaseStep(
                action: "submit", from: nil, to: report.status.rawValue,
                note: "Tiếp nhận phản ánh qua \(creation.draft.channel.label.lowercased()). \(creation.placeNote)",
                isPublic: true, clock: [.start(creation.clock)], agencyId: creation.agency.id,
                auditDetail: "\(creation.category.code) → \(creation.agency.id)")
        }
        let before = report
        let rule = action.rule
        var changes: [ClockChange] = []
        // Reports from before the clock was kept get the category's usual one from their receipt.
        var working = clock ?? DeadlineClock(start: before.receivedAt, duration: .workingDays(5), extensionLimit: 1)
        if clock == nil { changes.append(.start(working)) }
        if before.status == .waitingForInformation, ReportWorkflow.endsWait(action), working.isPaused {
            changes.append(.resume)
            try working.resume(at: now)
        }
        var note: String
        switch action {
        case .assign:
            report.assigneeId = assignee!.id
            report.assigneeName = assignee!.fullName
            if before.status == .new { report.status = .inProgress }
            note = "Phân công \(assignee!.fullName)." + (input.note.map { " \($0)" } ?? "")
        case .forward:
            let reason = try input.requiredNote("Nêu lý do chuyển.")
            report.agencyId = agency!.id
            report.agencyName = agency!.name
            report.agencyUnitCode = agency!.unitCode
            report.assigneeId = nil
            report.assigneeName = nil
            if agency!.id != AgencyScheme.operators1022Id, before.forwardedAt == nil { report.forwardedAt = now }
            note = "Chuyển từ \(before.agencyName) đến \(agency!.name): \(reason)"
        case .requestInformation:
            note = try input.requiredNote(minimum: 10, "Nêu rõ thông tin cần bổ sung (ít nhất 10 ký tự).")
            changes.append(.pause(reason: "Chờ người phản ánh bổ sung"))
        case .supplyInformation:
            note = try input.requiredNote("Nhập thông tin bổ sung.")
            changes.append(.resume)
        case .progress:
            note = try input.requiredNote(minimum: 10, "Nêu tiến độ xử lý (ít nhất 10 ký tự).")
            if let newDue = input.newDue {
                guard working.extensions.count < working.extensionLimit else { throw FeedbackError.extensionLimit }
                changes.append(.extend(to: newDue, reason: note))
                note += " Hẹn trả lời trước \(VietnamTime.iso(newDue))."
            }
        case .answer:
            let text = try input.requiredNote(minimum: 10, "Nội dung trả lời cần ít nhất 10 ký tự.")
            report.answer = text
            report.answeredAt = now
            // Judged on the clock as it stands now (pauses excluded), not on the stored copy.
            report.answeredOnTime = now <= working.due(in: calendar, now: now)
            note = text
        case .close:
            note = try input.requiredNote(minimum: 5, "Nêu lý do đóng phản ánh.")
            report.closedAt = now
        case .merge:
            report.duplicateOf = mergeTarget!.id
            report.closedAt = now
            note = "Gộp vào phản ánh số \(mergeTarget!.id) (cùng sự việc)." + (input.note.map { " \($0)" } ?? "")
        case .reopen:
            if let into = before.duplicateOf {
                throw FeedbackError.mergeTarget(reason: "phản ánh đã gộp vào phản ánh số \(into); hãy theo dõi phản ánh đó.")
            }
            guard before.canReopen(now: now, days: store.reopenDays, in: calendar) else {
                throw FeedbackError.reopenWindowClosed(days: store.reopenDays)
            }
            note = try input.requiredNote(minimum: 5, "Nêu lý do chưa hài lòng với kết quả.")
            report.reopenCount += 1
            report.answeredAt = nil
            report.answeredOnTime = nil
            report.closedAt = nil
            report.rating = nil
            changes.append(.restart(DeadlineClock(start: now, duration: .workingDays(category?.answerDays ?? 5), extensionLimit: 1)))
        case .rate:
            guard before.answeredAt != nil else { throw FeedbackError.notAnswered }
            guard before.rating == nil else { throw FeedbackError.alreadyRated }
            guard let rating = input.rating, (1...5).contains(rating) else { throw ValidationError(field: "rating", "Chọn mức đánh giá từ 1 đến 5.") }
            report.rating = rating
            note = "Đánh giá \(rating)/5." + (input.note.map { " \($0)" } ?? "")
        case .comment:
            note = try input.requiredNote("Nhập ghi chú.")
        }
        if let to = rule.to { report.status = to }
        report.updatedAt = now
        if rule.clock == .stop { changes.append(.stop) }
        // A report waiting for the reporter keeps its clock out of the queues, like a finished one.
        let stopped = !report.status.isOpen || report.status == .waitingForInformation
        return CaseStep(
            action: action.rawValue, from: before.status.rawValue, to: report.status.rawValue, note: note,
            isPublic: rule.isPublic, clock: changes, stopped: stopped, agencyId: report.agencyId,
            auditDetail: "\(before.status.rawValue) → \(report.status.rawValue)")
    }

    func write(
        _ report: inout Report, step: inout CaseStep, due: Date?, running: Bool, at now: Date,
        in session: any SQLDatabase
    ) async throws {
        // A new report's row was written whole by `load`, with the same due instant.
        guard action != nil else { return }
        if report.status.isOpen, let due { report.due = due }
        try await store.update(report, running: running, at: now, in: session)
    }

    func extras(_ report: Report, ref: CaseRef, step: CaseStep, at now: Date, in session: any SQLDatabase) async throws {
        if case .new(let creation) = target {
            try await store.storePhotos(photos, kind: "report", reportId: report.id, at: now, in: session)
            try await store.timeline.append(
                TimelineEvent(
                    ref, at: now, actorUserId: nil, actorName: "Hệ thống điều phối", action: "route",
                    fromState: nil, toState: ReportStatus.new.rawValue,
                    note: "Chuyển đến \(creation.agency.name). \(creation.routingReason)",
                    isPublic: true), in: session)
            return
        }
        if let merging = mergeTarget {
            try await session.raw(
                """
                UPDATE feedback_reports SET followers = followers + \(bind: 1 + report.followers), updated_at = \(bind: now.millis)
                WHERE id = \(bind: merging.id)
                """
            ).run()
            try await store.timeline.append(
                TimelineEvent(
                    CaseRef(.feedback, merging.id), at: now, actorUserId: actor.principal?.userId,
                    actorName: actorName, action: "merged-in", fromState: nil, toState: nil,
                    note: "Phản ánh số \(report.id) được gộp vào đây.", isPublic: true), in: session)
        }
        try await store.storePhotos(input.photos, kind: action == .answer ? "answer" : "report", reportId: report.id, at: now, in: session)
    }
}
