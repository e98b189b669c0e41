import Foundation
import HaiCapDomain
import SQLKit

/// A dossier's part in a `CaseLedger` transition: an action on a dossier, or an intake (a new
/// dossier and the desk's first decision, which runs the same receive / request-completion /
/// refuse code as the actions).
struct DossierTransition: CaseTransition {
    /// An intake's new dossier, known before the transaction but for its code.
    struct Creation: Sendable {
        var request: IntakeRequest
        var agency: Agency
        var unitCode: String
        var handlingAgencyId: String
        var secret: String
        var day: LocalDate
    }

    enum Target: Sendable {
        case existing(code: String)
        case new(Creation)
    }

    let store: DossierStore
    let target: Target
    /// nil: an online or postal submission, waiting for the desk's check.
    let action: DossierAction?
    let input: ActionInput
    let actor: CaseActor
    let actorName: String
    let procedure: Procedure
    let calendar: WorkCalendar
    var assignee: (id: Int, name: String)?
    var otherAgency: Agency?

    func load(at now: Date, in session: any SQLDatabase) async throws -> (CaseRef, Dossier) {
        switch target {
        case .existing(let code):
            return (CaseRef(.dossier, code), try await store.get(code, in: session, forUpdate: true))
        case .new(let creation):
            let dossier = try await store.newDossier(creation, procedure: procedure, at: now, in: session)
            return (CaseRef(.dossier, dossier.code), dossier)
        }
    }

    var isIntake: Bool { if case .new = target { true } else { false } }
    var createsCase: Bool { isIntake }

    func decide(
        _ dossier: inout Dossier, ref: CaseRef, clock: DeadlineClock?, at now: Date,
        in session: any SQLDatabase
    ) async throws -> CaseStep {
        let old = dossier.status
        guard let action else {
            return CaseStep(
                action: "submit", from: nil, to: old.rawValue,
                note: "Nộp hồ sơ qua kênh \(dossier.channel.label.lowercased()).", isPublic: true,
                agencyId: dossier.handlingAgencyId, auditDetail: "\(procedure.code) · \(old.rawValue)")
        }
        let overdue = clock.map { $0.isOverdue(at: now, in: calendar) } ?? false
        let next = try DossierWorkflow.next(
            action,
            in: .init(
                status: old, resumeStatus: dossier.resumeStatus, overdue: overdue,
                apologies: dossier.apologies, apologyLimit: procedure.apologyLimit),
            by: actor)
        let rule = action.rule
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let items = input.items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
        var clockChange = ClockChange.none

        switch action {
        case .receive:
            guard let terms = procedure.terms(for: dossier.channel) else {
                throw DossierError.procedureNotOffered(procedure: procedure.code, channel: dossier.channel)
            }
            let missing = dossier.details.components.filter { $0.form == .missing }.map(\.name)
            guard missing.isEmpty || !dossier.details.missingItems.isEmpty else { throw DossierError.incomplete(missing: missing) }
            clockChange = .start(
                DeadlineClock(
                    start: now, duration: terms.duration, extensionLimit: procedure.apologyLimit,
                    steps: procedure.mandatorySteps.map { DeadlineClock.Step(name: $0.kind.rawValue, share: $0.share) }))
            dossier.receivedAt = now
            dossier.details.missingItems = []
            for index in dossier.details.components.indices where dossier.details.components[index].form == .missing {
                dossier.details.components[index].form = .paper
            }
        case .requestCompletion:
            // At the counter the officer may leave the list to the form: every required item missing.
            let listed = items.isEmpty ? dossier.details.components.filter { $0.form == .missing }.map(\.name) : items
            dossier.details.missingItems = listed
            note = "Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02): \(listed.joined(separator: "; "))." + (note.isEmpty ? "" : " \(note)")
        case .refuse:
            dossier.details.reason = reason
            note = "Từ chối tiếp nhận (Mẫu 03): \(reason)"
        case .assign:
            dossier.assigneeId = assignee?.id
            dossier.assigneeName = assignee?.name
            note = "Phân công thẩm định: \(assignee?.name ?? "")." + (note.isEmpty ? "" : " \(note)")
        case .propose, .sendBack, .approve, .consultReply, .transferBack:
            break
        case .reject:
            dossier.outcome = .rejected
            dossier.details.reason = reason
            dossier.finishedAt = now
            note = "Không giải quyết: \(reason)"
        case .sign:
            dossier.details.resultNumber = input.resultNumber.trimmingCharacters(in: .whitespaces)
            if let file = input.resultFile {
                dossier.details.resultFileId = try await store.storeFile(file, kind: "result", dossierCode: dossier.code, at: now, in: session)
                dossier.electronicResult = true
            }
            dossier.finishedAt = now
            note = "Đã ký, vào sổ kết quả số \(dossier.details.resultNumber ?? "")." + (note.isEmpty ? "" : " \(note)")
        case .return:
            dossier.returnedAt = now
            dossier.details.returnMethod = input.returnMethod
            dossier.rating = input.rating
            note = "Trả kết quả (\(input.returnMethod?.label.lowercased() ?? ""))." + (note.isEmpty ? "" : " \(note)")
        case .requestSupplement, .requestPayment:
            clockChange = .pause(reason: action == .requestSupplement ? "Yêu cầu bổ sung" : "Nghĩa vụ tài chính")
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
            clockChange = .resume
            dossier.resumeStatus = nil
        case .consult, .transfer:
            // Both hand the dossier to another agency with its own step deadline, and come back to review.
            dossier.details.consultedAgencyId = otherAgency?.id
            let lead = action == .consult ? "Lấy ý kiến liên thông:" : "Chuyển hồ sơ đến"
            note = "\(lead) \(otherAgency?.name ?? "")." + (note.isEmpty ? "" : " \(note)")
        case .stop:
            dossier.details.reason = reason
            note = "Dừng giải quyết (Mẫu 05): \(reason)"
        case .withdraw:
            dossier.details.reason = reason
            note = "Công dân rút hồ sơ: \(reason)"
        case .apologize:
            clockChange = .extend(to: input.newDue!, reason: reason)
            dossier.apologies += 1
            note = "Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04): \(reason)"
        }
        assert(clockChange.effect == rule.clock || rule.clock == .stop)
        dossier.status = next
        let stopped = dossier.finishedAt != nil || next.isClosed
        return CaseStep(
            action: action.rawValue, from: isIntake ? nil : old.rawValue, to: next.rawValue, note: note,
            isPublic: rule.isPublic, clock: rule.clock == .stop ? [.stop] : [clockChange], stopped: stopped,
            agencyId: dossier.handlingAgencyId,
            auditDetail: isIntake ? "\(procedure.code) · \(next.rawValue)" : "\(old.rawValue) → \(next.rawValue)")
    }

    func write(
        _ dossier: inout Dossier, step: inout CaseStep, due: Date?, running: Bool, at now: Date,
        in session: any SQLDatabase
    ) async throws {
        if let due { dossier.due = due }
        var note = step.note
        switch action {
        case .receive:
            note = "Tiếp nhận hồ sơ (Mẫu 01), hẹn trả \(VietnamTime.text(dossier.due!))." + (note.isEmpty ? "" : " \(note)")
        case .supply:
            if let last = dossier.details.supplements.indices.last {
                dossier.details.supplements[last].suppliedAt = now
                dossier.details.supplements[last].dueAfter = dossier.due
            }
            note = "Công dân đã bổ sung hồ sơ; hẹn trả mới \(dossier.due.map(VietnamTime.text) ?? "")." + (note.isEmpty ? "" : " \(note)")
        case .pay:
            note = "Đã thực hiện nghĩa vụ tài chính; hẹn trả \(dossier.due.map(VietnamTime.text) ?? "")."
        case .apologize:
            if let due = dossier.due { note += " Hẹn trả mới: \(VietnamTime.text(due))." }
        default:
            break
        }
        if note.isEmpty { note = action?.label ?? "" }
        step.note = note
        if case .new(let creation) = target {
            try await store.insert(dossier, secret: creation.secret, running: running, at: now, in: session)
        } else {
            try await store.update(dossier, running: running, at: now, in: session)
        }
    }

    func extras(_ dossier: Dossier, ref: CaseRef, step: CaseStep, at now: Date, in session: any SQLDatabase) async throws {
        if let (kind, to, agency) = handover(dossier) {
            let share = kind == .consult || kind == .transfer ? procedure.steps.first { $0.kind == kind }?.share ?? 0.3 : nil
            try await store.addHandover(
                dossier, step: kind, from: actorName, to: to, toAgency: agency, calendar: calendar, now: now,
                note: step.note, share: share, in: session)
        } else if dossier.status.isClosed {
            try await store.closeHandovers(dossier.code, at: now, in: session)
        }
        try await store.storePublicView(dossier, in: session)
        try await store.bump(counters(dossier, at: now), for: dossier, in: session)
        try await store.moveStatus(dossier, from: step.from.flatMap(DossierStatus.init(rawValue:)), in: session)
        try await store.enqueuePortal(dossier, procedure: procedure, actorName: actorName, note: step.note, at: now, in: session)
    }

    /// The hand-over record (Phiếu kiểm soát) the step opens: which step, to whom, which agency.
    func handover(_ dossier: Dossier) -> (StepTemplate.Kind, String, String?)? {
        switch action {
        case .receive: (.review, "Ủy ban nhân dân (bộ phận chuyên môn)", dossier.handlingAgencyId)
        case .assign: (.review, dossier.assigneeName ?? "", dossier.handlingAgencyId)
        case .propose: (.approve, "Lãnh đạo", dossier.handlingAgencyId)
        case .sendBack, .consultReply, .transferBack: (.review, dossier.assigneeName ?? "Chuyên viên", dossier.handlingAgencyId)
        case .approve: (.sign, "Văn thư", dossier.handlingAgencyId)
        case .reject, .sign: (.return, "Bộ phận một cửa", dossier.receivingAgencyId)
        case .consult: (.consult, otherAgency?.name ?? "", otherAgency?.id)
        case .transfer: (.transfer, otherAgency?.name ?? "", otherAgency?.id)
        default: nil
        }
    }

    /// The 766 counters the step moves (the dossier as it stands after the step).
    func counters(_ dossier: Dossier, at now: Date) -> [StatCounter] {
        var counters: [StatCounter] = isIntake ? [.registered] : []
        switch action {
        case .receive:
            counters += DossierStore.receiptCounters(dossier, procedure: procedure)
        case .sign, .reject:
            // A dossier that needed an apology (Mẫu 04) missed its appointment, whatever the new date.
            if let due = dossier.due { counters.append(now <= due && dossier.apologies == 0 ? .finishedOnTime : .finishedLate) }
        case .return:
            counters.append(.returned)
            if dossier.electronicResult && dossier.outcome != .rejected { counters.append(.electronicResult) }
            if let rating = dossier.rating {
                counters.append(.rated)
                if Satisfaction.isSatisfied(rating) { counters.append(.satisfied) }
            }
        default:
            break
        }
        return counters
    }
}
