import Foundation
import HaiCapDomain
import SQLKit

extension DossierStore {
    /// Applies one action: checks scope, role, state and the overdue rule, then writes the new
    /// state, deadline, hand-over, timeline, audit entry, counters and portal message together.
    public func act(_ code: String, _ action: DossierAction, _ input: ActionInput, by principal: Principal, at now: Date) async throws -> Dossier {
        try input.validate(for: action, now: now)
        let before = try await visible(code, to: principal)
        // A city department sees the whole city but acts only on what was handed to it.
        if principal.role == .department && before.details.consultedAgencyId != principal.agencyId {
            throw AccessError.forbidden
        }
        let procedure = try await procedures.version(code: before.procedureCode, version: before.procedureVersion)
        let calendar = try await calendars.calendar(agencyId: before.handlingAgencyId)
        // Things to look up before the transaction (SQLite has one connection, the transaction holds it).
        // Without an assignee, a specialist or leader takes the dossier themself ("nhận xử lý").
        let assignee: (id: Int, name: String)? = if action == .assign, let id = input.assigneeId {
            try await assignable(id, for: before)
        } else if action == .assign {
            try Self.selfAssignee(principal)
        } else { nil }
        let otherAgency = try await liaisonAgency(action, input: input, procedure: procedure)

        return try await database.transaction { session in
            var dossier = try await get(code, in: session, forUpdate: true)
            let old = dossier.status
            var clock = try await deadlines.clock(caseType: Self.caseType, caseId: code, in: session)
            let overdue = clock.map { $0.isOverdue(at: now, in: calendar) } ?? false
            let next = try DossierWorkflow.next(action, in: .init(status: old, resumeStatus: dossier.resumeStatus, overdue: overdue,
                                                                  apologies: dossier.apologies, apologyLimit: procedure.apologyLimit),
                                                by: principal.role)
            let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            let items = input.items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
            var publicNote = true
            var counters: [StatCounter] = []
            var handover: (StepTemplate.Kind, String, String?)?

            switch action {
            case .receive:
                guard let terms = procedure.terms(for: dossier.channel) else {
                    throw DossierError.procedureNotOffered(procedure: procedure.code, channel: dossier.channel)
                }
                let missing = dossier.details.components.filter { $0.form == .missing }.map(\.name)
                guard missing.isEmpty || !dossier.details.missingItems.isEmpty else { throw DossierError.incomplete(missing: missing) }
                clock = DeadlineClock(start: now, duration: terms.duration, extensionLimit: procedure.apologyLimit,
                                      steps: procedure.mandatorySteps.map { DeadlineClock.Step(name: $0.kind.rawValue, share: $0.share) })
                dossier.receivedAt = now
                dossier.details.missingItems = []
                for index in dossier.details.components.indices where dossier.details.components[index].form == .missing {
                    dossier.details.components[index].form = .paper
                }
                counters = Self.receiptCounters(dossier, procedure: procedure)
                handover = (.review, "Ủy ban nhân dân (bộ phận chuyên môn)", dossier.handlingAgencyId)
                note = "Tiếp nhận hồ sơ (Mẫu 01)." + (note.isEmpty ? "" : " \(note)")
            case .requestCompletion:
                dossier.details.missingItems = items
                note = "Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02): \(items.joined(separator: "; "))."
            case .refuse:
                dossier.details.reason = reason
                note = "Từ chối tiếp nhận (Mẫu 03): \(reason)"
            case .assign:
                dossier.assigneeId = assignee?.id
                dossier.assigneeName = assignee?.name
                handover = (.review, assignee?.name ?? "", dossier.handlingAgencyId)
                publicNote = false
                note = "Phân công thẩm định: \(assignee?.name ?? "")." + (note.isEmpty ? "" : " \(note)")
            case .propose:
                handover = (.approve, "Lãnh đạo", dossier.handlingAgencyId)
                publicNote = false
            case .sendBack:
                handover = (.review, dossier.assigneeName ?? "Chuyên viên", dossier.handlingAgencyId)
                publicNote = false
            case .approve:
                dossier.outcome = .granted
                handover = (.sign, "Văn thư", dossier.handlingAgencyId)
            case .reject:
                dossier.outcome = .rejected
                dossier.details.reason = reason
                dossier.finishedAt = now
                note = "Không giải quyết: \(reason)"
                handover = (.return, "Bộ phận một cửa", dossier.receivingAgencyId)
            case .sign:
                dossier.details.resultNumber = input.resultNumber.trimmingCharacters(in: .whitespaces)
                if let file = input.resultFile {
                    dossier.details.resultFileId = try await storeFile(file, kind: "result", dossierCode: code, at: now, in: session)
                    dossier.electronicResult = true
                }
                dossier.finishedAt = now
                handover = (.return, "Bộ phận một cửa", dossier.receivingAgencyId)
                note = "Đã ký, vào sổ kết quả số \(dossier.details.resultNumber ?? "")." + (note.isEmpty ? "" : " \(note)")
            case .return:
                dossier.returnedAt = now
                dossier.details.returnMethod = input.returnMethod
                dossier.rating = input.rating
                counters.append(.returned)
                if dossier.electronicResult && dossier.outcome != .rejected { counters.append(.electronicResult) }
                if let rating = input.rating {
                    counters.append(.rated)
                    if Satisfaction.isSatisfied(rating) { counters.append(.satisfied) }
                }
                note = "Trả kết quả (\(input.returnMethod?.label.lowercased() ?? ""))." + (note.isEmpty ? "" : " \(note)")
            case .requestSupplement, .requestPayment:
                try clock?.pause(at: now, reason: action == .requestSupplement ? "Yêu cầu bổ sung" : "Nghĩa vụ tài chính")
                dossier.resumeStatus = old
                if action == .requestSupplement {
                    dossier.details.supplements.append(SupplementRound(requestedAt: now, items: items, dueBefore: dossier.due))
                    note = "Yêu cầu bổ sung giấy tờ: \(items.joined(separator: "; ")). Thời hạn giải quyết tạm dừng đến khi bổ sung."
                } else {
                    let amount = input.amount ?? dossier.fee
                    dossier.fee = amount
                    note = "Yêu cầu thực hiện nghĩa vụ tài chính: \(Money.text(amount)). Thời hạn tạm dừng đến khi nộp."
                }
            case .supply, .pay:
                try clock?.resume(at: now)
                dossier.resumeStatus = nil
            case .consult, .transfer:
                // Both hand the dossier to another agency with its own step deadline, and come back to review.
                dossier.details.consultedAgencyId = otherAgency?.id
                handover = (action == .consult ? .consult : .transfer, otherAgency?.name ?? "", otherAgency?.id)
                let lead = action == .consult ? "Lấy ý kiến liên thông:" : "Chuyển hồ sơ đến"
                note = "\(lead) \(otherAgency?.name ?? "")." + (note.isEmpty ? "" : " \(note)")
            case .consultReply, .transferBack:
                handover = (.review, dossier.assigneeName ?? "Chuyên viên", dossier.handlingAgencyId)
            case .stop:
                dossier.details.reason = reason
                note = "Dừng giải quyết (Mẫu 05): \(reason)"
            case .withdraw:
                dossier.details.reason = reason
                note = "Công dân rút hồ sơ: \(reason)"
            case .apologize:
                try clock?.extend(to: input.newDue!, reason: reason, at: now)
                dossier.apologies += 1
                note = "Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04): \(reason)"
            }

            dossier.status = next
            if action == .sign || action == .reject {
                // A dossier that needed an apology (Mẫu 04) missed its appointment, whatever the new date.
                if let due = dossier.due { counters.append(now <= due && dossier.apologies == 0 ? .finishedOnTime : .finishedLate) }
            }
            if let current = clock {
                let finished = dossier.finishedAt != nil || next.isClosed
                dossier.due = try await deadlines.save(current, caseType: Self.caseType, caseId: code, agencyId: dossier.handlingAgencyId,
                                                       closed: finished, calendar: calendar, now: now, in: session)
            }
            if action == .supply, let last = dossier.details.supplements.indices.last {
                dossier.details.supplements[last].suppliedAt = now
                dossier.details.supplements[last].dueAfter = dossier.due
                note = "Công dân đã bổ sung hồ sơ; hẹn trả mới \(dossier.due.map(Self.timeText) ?? "")." + (note.isEmpty ? "" : " \(note)")
            }
            if action == .pay { note = "Đã thực hiện nghĩa vụ tài chính; hẹn trả \(dossier.due.map(Self.timeText) ?? "")." }
            if action == .apologize, let due = dossier.due { note += " Hẹn trả mới: \(Self.timeText(due))." }
            if note.isEmpty { note = action.label }

            try await update(dossier, in: session)
            if let (step, to, agency) = handover {
                let share = step == .consult || step == .transfer
                    ? procedure.steps.first { $0.kind == step }?.share ?? 0.3 : nil
                try await addHandover(dossier, step: step, from: principal.fullName, to: to, toAgency: agency, calendar: calendar,
                                      now: now, note: note, share: share, in: session)
            } else if next.isClosed {
                try await closeHandovers(code, at: now, in: session)
            }
            try await timeline.append(TimelineEvent(caseType: Self.caseType, caseId: code, at: now, actorUserId: principal.userId,
                                                    actorName: principal.fullName, action: action.rawValue, fromState: old.rawValue,
                                                    toState: next.rawValue, note: note, isPublic: publicNote), in: session)
            try await audit.append(AuditEvent("dossier.\(action.rawValue)", "dossier", code, "\(old.rawValue) → \(next.rawValue)"),
                                   by: principal, at: now, in: session)
            try await storePublicView(dossier, in: session)
            try await bump(counters, for: dossier, in: session)
            try await moveStatus(dossier, from: old, in: session)
            try await enqueuePortal(dossier, procedure: procedure, actorName: principal.fullName, note: note, at: now, in: session)
            return dossier
        }
    }

    /// The agency asked in a consultation or transfer (a transfer goes to a city department).
    func liaisonAgency(_ action: DossierAction, input: ActionInput, procedure: Procedure) async throws -> Agency? {
        guard action == .consult || action == .transfer else { return nil }
        let id = input.agencyId ?? procedure.steps.first { $0.kind == .transfer }?.agencyId ?? ""
        guard let agency = try? await agencies.get(id) else { throw ValidationError(field: "agencyId", "Không có cơ quan mã «\(id)».") }
        if action == .transfer && agency.unitCode != nil {
            throw ValidationError(field: "agencyId", "Chỉ chuyển hồ sơ lên sở, ngành của Thành phố.")
        }
        return agency
    }

    static func selfAssignee(_ principal: Principal) throws(ValidationError) -> (id: Int, name: String) {
        guard principal.role == .specialist || principal.role == .leader else {
            throw ValidationError(field: "assigneeId", "Chọn chuyên viên nhận hồ sơ.")
        }
        return (principal.userId, principal.fullName)
    }

    /// A specialist (or leader) of an agency serving the dossier's unit, not disabled.
    func assignable(_ userId: Int, for dossier: Dossier) async throws -> (id: Int, name: String) {
        guard let row = try await database.sql.raw("""
            SELECT u.id, u.full_name, u.role, u.disabled, a.unit_code FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = \(bind: userId)
            """).first() else { throw ValidationError(field: "assigneeId", "Không có cán bộ mã \(userId).") }
        let role = try row.decode(column: "role", as: String.self)
        guard role == Role.specialist.rawValue || role == Role.leader.rawValue else {
            throw ValidationError(field: "assigneeId", "Chỉ phân công cho chuyên viên hoặc lãnh đạo.")
        }
        guard try row.decode(column: "disabled", as: Int.self) == 0 else {
            throw ValidationError(field: "assigneeId", "Tài khoản này đã bị khóa.")
        }
        guard try row.decode(column: "unit_code", as: String?.self) == dossier.unitCode else {
            throw ValidationError(field: "assigneeId", "Cán bộ này không thuộc phường, xã của hồ sơ.")
        }
        return (userId, try row.decode(column: "full_name", as: String.self))
    }

    func update(_ dossier: Dossier, in session: any SQLDatabase) async throws {
        let details = String(decoding: try Self.encoder.encode(dossier.details), as: UTF8.self)
        try await session.raw("""
            UPDATE dossiers SET status = \(bind: dossier.status.rawValue), resume_status = \(bind: dossier.resumeStatus?.rawValue),
                outcome = \(bind: dossier.outcome?.rawValue), received_at = \(bind: dossier.receivedAt?.millis),
                due_at = \(bind: dossier.due?.millis), finished_at = \(bind: dossier.finishedAt?.millis),
                returned_at = \(bind: dossier.returnedAt?.millis), open = \(bind: dossier.status.isClosed ? 0 : 1),
                paused = \(bind: dossier.status.isWaitingForApplicant ? 1 : 0), assignee_id = \(bind: dossier.assigneeId),
                assignee_name = \(bind: dossier.assigneeName), apologies = \(bind: dossier.apologies), fee = \(bind: dossier.fee),
                electronic_result = \(bind: dossier.electronicResult ? 1 : 0), rating = \(bind: dossier.rating),
                details = \(bind: details), updated_at = \(bind: Date().millis)
            WHERE code = \(bind: dossier.code)
            """).run()
    }
}
