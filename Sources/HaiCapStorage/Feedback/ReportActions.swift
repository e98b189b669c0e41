import Foundation
import HaiCapDomain
import SQLKit

extension ReportStore {
    /// Applies one action to a report, all or nothing: status, clock, timeline, audit.
    public func act(_ id: Int, _ action: ReportAction, _ input: ReportActionInput, by actor: ReportActor,
                    at now: Date) async throws -> Report {
        let before = try await get(id)
        try authorise(action, on: before, by: actor)
        guard action.rule.from.contains(before.status) else { throw FeedbackError.notAllowed(action: action, status: before.status) }
        try ReportPhoto.validate(input.photos)

        // Everything that reads other tables happens before the transaction (SQLite has one connection).
        var target: Agency?
        var assignee: Account?
        var mergeTarget: Report?
        switch action {
        case .forward:
            guard let agencyId = input.agencyId else { throw ValidationError(field: "agencyId", "Chọn cơ quan nhận.") }
            let agency = try await agencies.get(agencyId)
            if let principal = actor.principal, principal.role != .admin, principal.role != .operator1022,
               agency.id != AgencyScheme.operators1022Id {
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
        var clock = try await deadlines.clock(caseType: Self.caseType, caseId: String(id))
            ?? DeadlineClock(start: before.receivedAt, duration: .workingDays(5), extensionLimit: 1)
        let calendar = try await calendars.calendar(agencyId: target?.id ?? before.agencyId)
        let category = try? await catalogue.category(before.categoryCode)

        var after = before
        var note: String
        // Leaving "waiting for the reporter" by any other way than the reporter's answer (an
        // answer, a forward, a close, a merge) ends the pause too: the clock runs again from now.
        if before.status == .waitingForInformation, action != .supplyInformation, action != .comment, action != .assign,
           action != .requestInformation, clock.isPaused {
            try clock.resume(at: now)
        }
        switch action {
        case .assign:
            after.assigneeId = assignee!.id
            after.assigneeName = assignee!.fullName
            if before.status == .new { after.status = .inProgress }
            note = "Phân công \(assignee!.fullName)." + (input.note.map { " \($0)" } ?? "")
        case .forward:
            let reason = try input.requiredNote("Nêu lý do chuyển.")
            after.agencyId = target!.id
            after.agencyName = target!.name
            after.agencyUnitCode = target!.unitCode
            after.assigneeId = nil
            after.assigneeName = nil
            after.status = .new
            if target!.id != AgencyScheme.operators1022Id, before.forwardedAt == nil { after.forwardedAt = now }
            note = "Chuyển từ \(before.agencyName) đến \(target!.name): \(reason)"
        case .requestInformation:
            note = try input.requiredNote(minimum: 10, "Nêu rõ thông tin cần bổ sung (ít nhất 10 ký tự).")
            try clock.pause(at: now, reason: "Chờ người phản ánh bổ sung")
        case .supplyInformation:
            note = try input.requiredNote("Nhập thông tin bổ sung.")
            if clock.isPaused { try clock.resume(at: now) }
        case .progress:
            note = try input.requiredNote(minimum: 10, "Nêu tiến độ xử lý (ít nhất 10 ký tự).")
            if let newDue = input.newDue {
                do {
                    try clock.extend(to: newDue, reason: note, at: now)
                } catch .extensionLimitReached {
                    throw FeedbackError.extensionLimit
                }
                note += " Hẹn trả lời trước \(VietnamTime.iso(newDue))."
            }
        case .answer:
            let text = try input.requiredNote(minimum: 10, "Nội dung trả lời cần ít nhất 10 ký tự.")
            after.answer = text
            after.answeredAt = now
            // Judged on the clock as it stands now (pauses excluded), not on the stored copy.
            after.answeredOnTime = now <= clock.due(in: calendar, now: now)
            note = text
        case .close:
            note = try input.requiredNote(minimum: 5, "Nêu lý do đóng phản ánh.")
            after.closedAt = now
        case .merge:
            after.duplicateOf = mergeTarget!.id
            after.closedAt = now
            note = "Gộp vào phản ánh số \(mergeTarget!.id) (cùng sự việc)." + (input.note.map { " \($0)" } ?? "")
        case .reopen:
            if before.duplicateOf != nil {
                throw FeedbackError.mergeTarget(reason: "phản ánh đã gộp vào phản ánh số \(before.duplicateOf!); hãy theo dõi phản ánh đó.")
            }
            guard before.canReopen(now: now, days: reopenDays) else { throw FeedbackError.reopenWindowClosed(days: reopenDays) }
            note = try input.requiredNote(minimum: 5, "Nêu lý do chưa hài lòng với kết quả.")
            after.reopenCount += 1
            after.answeredAt = nil
            after.answeredOnTime = nil
            after.closedAt = nil
            after.rating = nil
            clock = DeadlineClock(start: now, duration: .workingDays(category?.answerDays ?? 5), extensionLimit: 1)
        case .rate:
            guard before.answeredAt != nil else { throw FeedbackError.notAnswered }
            guard before.rating == nil else { throw FeedbackError.alreadyRated }
            guard let rating = input.rating, (1...5).contains(rating) else { throw ValidationError(field: "rating", "Chọn mức đánh giá từ 1 đến 5.") }
            after.rating = rating
            note = "Đánh giá \(rating)/5." + (input.note.map { " \($0)" } ?? "")
        case .comment:
            note = try input.requiredNote("Nhập ghi chú.")
        }
        if let to = action.rule.to, action != .forward { after.status = to }
        after.updatedAt = now
        let finished = !after.status.isOpen
        let closed = finished || after.status == .waitingForInformation

        if !finished { after.dueAt = clock.due(in: calendar, now: now) }
        let actorName = actor.principal?.fullName ?? "Người phản ánh"
        let (updated, finalClock, merging, eventNote) = (after, clock, mergeTarget, note)
        let saved = try await database.transaction { session in
            // The report as it is now, locked on PostgreSQL (SQLite runs one transaction at a time):
            // a second click, or a colleague, got there first if it moved since it was read.
            let current = try await get(id, in: session, forUpdate: true)
            guard current.status == before.status, current.updatedAt == before.updatedAt, current.rating == before.rating else {
                throw FeedbackError.changedMeanwhile
            }
            try await deadlines.save(finalClock, caseType: Self.caseType, caseId: String(id), agencyId: updated.agencyId, closed: closed,
                                     calendar: calendar, now: now, in: session)
            try await session.raw("""
                UPDATE feedback_reports SET agency_id = \(bind: updated.agencyId), agency_name = \(bind: updated.agencyName),
                    agency_unit_code = \(bind: updated.agencyUnitCode), assignee_id = \(bind: updated.assigneeId),
                    assignee_name = \(bind: updated.assigneeName), status = \(bind: updated.status.rawValue),
                    is_open = \(bind: updated.status.isOpen ? 1 : 0), duplicate_of = \(bind: updated.duplicateOf),
                    forwarded_at = \(bind: updated.forwardedAt?.millis), due_at = \(bind: updated.dueAt.millis),
                    answered_at = \(bind: updated.answeredAt?.millis), closed_at = \(bind: updated.closedAt?.millis),
                    updated_at = \(bind: now.millis), answer = \(bind: updated.answer),
                    answered_on_time = \(bind: updated.answeredOnTime.map { $0 ? 1 : 0 }), rating = \(bind: updated.rating),
                    reopen_count = \(bind: updated.reopenCount)
                WHERE id = \(bind: id)
                """).run()
            if let merging {
                try await session.raw("UPDATE feedback_reports SET followers = followers + \(bind: 1 + before.followers), updated_at = \(bind: now.millis) WHERE id = \(bind: merging.id)").run()
                try await timeline.append(TimelineEvent(caseType: Self.caseType, caseId: String(merging.id), at: now, actorUserId: actor.principal?.userId,
                                                        actorName: actorName, action: "merged-in", fromState: nil, toState: nil,
                                                        note: "Phản ánh số \(id) được gộp vào đây.", isPublic: true), in: session)
            }
            try await storePhotos(input.photos, kind: action == .answer ? "answer" : "report", reportId: id, at: now, in: session)
            try await timeline.append(TimelineEvent(caseType: Self.caseType, caseId: String(id), at: now, actorUserId: actor.principal?.userId,
                                                    actorName: actorName, action: action.rawValue, fromState: before.status.rawValue,
                                                    toState: updated.status.rawValue, note: eventNote, isPublic: action.isPublic), in: session)
            try await audit.append(AuditEvent("feedback.\(action.rawValue)", "feedback", String(id), "\(before.status.rawValue) → \(updated.status.rawValue)"),
                                   by: actor.principal, at: now, in: session)
            return try await get(id, in: session)
        }
        return saved
    }

    /// Officials within reach; the reporter with the right token for the reporter's actions;
    /// operators for those too (the reporter may call 1022 instead of using the page).
    func authorise(_ action: ReportAction, on report: Report, by actor: ReportActor) throws {
        switch actor {
        case .reporter(let token):
            guard action.byReporter else { throw AccessError.notAuthenticated }
            guard Secrets.constantTimeEqual(SecretDigest.of(token), report.tokenHash) else { throw FeedbackError.notReporter }
        case .official(let principal):
            guard Policy.allows(principal, .handleFeedback), Self.reaches(principal, report) else { throw AccessError.forbidden }
            // What the reporter says (more information, a reopening, a rating) is recorded by an
            // operator taking the call, never by the agency whose clock it moves.
            if action.byReporter {
                guard principal.role == .operator1022 || principal.role == .admin else { throw FeedbackError.notReporter }
            }
        }
    }

    /// The same action on many reports (bulk assign, bulk close); each is its own transaction,
    /// and the answer lists what failed and why.
    public func bulk(_ ids: [Int], _ action: ReportAction, _ input: ReportActionInput, by principal: Principal,
                     at now: Date) async throws -> (done: [Int], failed: [(id: Int, message: String)]) {
        guard action == .assign || action == .close || action == .forward else {
            throw ValidationError(field: "action", "Thao tác hàng loạt chỉ gồm: phân công, chuyển, đóng.")
        }
        var done: [Int] = []
        var failed: [(Int, String)] = []
        for id in ids {
            do {
                _ = try await act(id, action, input, by: .official(principal), at: now)
                done.append(id)
            } catch let error as any HaiCapError {
                failed.append((id, error.message))
            }
        }
        return (done, failed.map { (id: $0.0, message: $0.1) })
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
            try await session.raw("UPDATE feedback_reports SET followers = followers + 1, updated_at = \(bind: now.millis) WHERE id = \(bind: id)").run()
            try await timeline.append(TimelineEvent(caseType: Self.caseType, caseId: String(id), at: now, actorUserId: nil, actorName: "Người dân",
                                                    action: "follow", fromState: nil, toState: nil,
                                                    note: "Thêm một người dân cùng phản ánh việc này.", isPublic: true), in: session)
            return try await get(id, in: session)
        }
    }
}
