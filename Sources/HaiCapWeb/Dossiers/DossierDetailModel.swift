import Foundation
import HaiCapDomain
import HaiCapStorage

/// The model of a dossier's page: facts, components, the Phiếu kiểm soát, the timeline, and one
/// form per action the viewer may take now.
struct DossierDetailModel {
    let services: AppServices

    func build(
        _ dossier: Dossier, principal: Principal, context: AppRequestContext, problems: [FieldProblem],
        message: String?
    ) async throws -> [String: Any] {
        let now = services.clock.now()
        let procedure = try await services.procedures.version(code: dossier.procedureCode, version: dossier.procedureVersion)
        let events = try await services.timeline.events(of: CaseRef(.dossier, dossier.code))
        let handovers = try await services.dossiers.handovers(dossier.code)
        let receiving = try? await services.agencies.get(dossier.receivingAgencyId)
        let handling = try? await services.agencies.get(dossier.handlingAgencyId)
        var model: [String: Any] = [
            "code": dossier.code, "procedure": dossier.procedureName, "procedureCode": dossier.procedureCode,
            "version": dossier.procedureVersion, "status": dossier.status.label, "portalStatus": dossier.status.portalCode,
            "channel": dossier.channel.label, "submitted": DossierViews.time(dossier.submittedAt),
            "received": DossierViews.time(dossier.receivedAt), "due": DossierViews.time(dossier.due),
            "receiving": receiving?.name ?? dossier.receivingAgencyId, "handling": handling?.name ?? dossier.handlingAgencyId,
            "applicant": dossier.details.applicant.name, "idNumber": dossier.details.applicant.idNumber,
            "phone": dossier.details.applicant.phone, "email": dossier.details.applicant.email,
            "fee": Money.text(dossier.fee), "csrf": context.csrfToken, "problems": FieldLabels.rows(problems),
            "hasProblems": !problems.isEmpty, "apologies": dossier.apologies, "apologyLimit": procedure.apologyLimit
        ]
        if let message { model["message"] = message }
        if dossier.isOverdue(at: now) { model["overdue"] = true }
        if dossier.status.isWaitingForApplicant { model["paused"] = true }
        if let assignee = dossier.assigneeName { model["assignee"] = assignee }
        if let reason = dossier.details.reason { model["reason"] = reason }
        if let number = dossier.details.resultNumber { model["resultNumber"] = number }
        if let rating = dossier.rating { model["rating"] = Satisfaction.label(rating) }
        if let fileId = dossier.details.resultFileId { model["resultFile"] = SitePath.dossierFile(code: dossier.code, id: fileId).href }
        let missing = dossier.outstandingItems
        if !missing.isEmpty { model["missing"] = missing; model["hasMissing"] = true }
        model["components"] = dossier.details.components.map { component -> [String: Any] in
            var row: [String: Any] = ["code": component.code, "name": component.name, "form": component.form.label, "pages": component.pages]
            if let id = component.fileId { row["file"] = SitePath.dossierFile(code: dossier.code, id: id).href }
            if component.form == .missing { row["missing"] = true }
            return row
        }
        model["timeline"] = TimelineRow.rows(events, for: .staff)
        model["handovers"] = handovers.map { handover -> [String: Any] in
            var row: [String: Any] = [
                "step": StepTemplate.Kind(rawValue: handover.step)?.label ?? handover.step, "from": handover.fromName,
                "to": handover.toName, "at": DossierViews.time(handover.at), "stepDue": DossierViews.time(handover.stepDue),
                "finished": DossierViews.time(handover.finishedAt)
            ]
            switch handover.onTime {
            case true?: row["result"] = "Đúng hạn"
            case false?: row["result"] = "Trễ hạn"; row["late"] = true
            case nil: row["result"] = "Đang xử lý"
            }
            return row
        }
        model["prints"] = PrintForms.available(dossier).map {
            ["label": $0.label, "href": SitePath.dossierPrint(code: dossier.code, form: $0.key).href]
        }
        let actions = try await actionForms(dossier, procedure: procedure, principal: principal, now: now)
        model["actions"] = actions
        model["hasActions"] = !actions.isEmpty
        return model
    }

    func actionForms(_ dossier: Dossier, procedure: Procedure, principal: Principal, now: Date) async throws -> [ActionForm] {
        var forms: [ActionForm] = []
        // The buttons are what the ledger would accept: the rule table, the overdue rule, and
        // `Policy` (a department acts only on what was handed to it).
        let situation = DossierWorkflow.Situation(
            status: dossier.status, resumeStatus: dossier.resumeStatus,
            overdue: dossier.finishedAt == nil && dossier.isOverdue(at: now),
            apologies: dossier.apologies, apologyLimit: procedure.apologyLimit)
        let offered =
            Policy.mayAct(principal, DossierStore.scope(of: dossier))
            ? DossierWorkflow.allowed(in: situation, for: .official(principal)) : []
        for action in offered {
            let key = action.rawValue
            var fields: [ActionField] = []
            switch action {
            case .assign:
                let specialists = try await WardStaff(services: services).assignees(principal)
                fields.append(
                    .select(
                        "assignee-\(key)", "assigneeId", "Chuyên viên",
                        [ActionField.Option(value: "", label: "(tôi nhận xử lý)", selected: false)]
                            + specialists.map { ActionField.Option(value: String($0.id), label: $0.name, selected: false) }))
            case .requestCompletion, .requestSupplement:
                fields.append(.text("items-\(key)", "items", "Các giấy tờ cần bổ sung (mỗi dòng một mục)", rows: 3))
            case .refuse, .reject, .stop, .withdraw:
                fields.append(.text("reason-\(key)", "reason", "Lý do"))
            case .apologize:
                fields.append(.text("reason-\(key)", "reason", "Lý do"))
                fields.append(
                    .input(
                        "due-\(key)", "newDue", "Ngày hẹn trả mới", type: "datetime-local", required: true,
                        value: DossierViews.inputTime(now.addingTimeInterval(2 * 86_400))))
            case .consult, .transfer:
                let kinds: [AgencyKind] = action == .transfer ? [.department] : [.department, .cityCentre, .police]
                var agencies: [ActionField.Option] = []
                for kind in kinds {
                    for agency in try await services.agencies.list(kind: kind).items {
                        let preferred = procedure.steps.contains { $0.agencyId == agency.id }
                        agencies.append(ActionField.Option(value: agency.id, label: agency.name, selected: preferred))
                    }
                }
                fields.append(.select("agency-\(key)", "agencyId", "Cơ quan", agencies))
            case .sign:
                fields.append(.input("number-\(key)", "resultNumber", "Số, ký hiệu kết quả", required: true))
                fields.append(
                    .input(
                        "file-\(key)", "resultFile", "Tệp kết quả điện tử (PDF đã ký số, không bắt buộc)", type: "file",
                        accept: "application/pdf,image/jpeg,image/png"))
            case .return:
                fields.append(
                    .select(
                        "method-\(key)", "returnMethod", "Hình thức trả",
                        [("counter", "Tại quầy"), ("post", "Qua bưu chính"), ("online", "Trực tuyến")]
                            .map { ActionField.Option(value: $0.0, label: $0.1, selected: false) }))
                fields.append(
                    .select(
                        "rating-\(key)", "rating", "Công dân đánh giá",
                        [("", "Không đánh giá"), ("3", "Rất hài lòng"), ("2", "Hài lòng"), ("1", "Không hài lòng")]
                            .map { ActionField.Option(value: $0.0, label: $0.1, selected: false) }))
            case .requestPayment:
                fields.append(.input("amount-\(key)", "amount", "Số tiền (đồng)", type: "number", value: String(dossier.fee), min: 0))
            default: break
            }
            fields.append(.text("note-\(key)", "note", "Ghi chú", required: false))
            // Every dossier form is multipart: the signed result travels with "sign".
            forms.append(
                ActionForm(
                    key: key, heading: action.label, href: SitePath.dossierAction(code: dossier.code, action: key).href,
                    multipart: true, folded: true, fields: fields))
        }
        return forms
    }
}

/// The officials a ward's dossiers can be assigned to.
struct WardStaff {
    let services: AppServices

    /// Specialists and leaders of the principal's ward (for assignment).
    func assignees(_ principal: Principal) async throws -> [(id: Int, name: String)] {
        guard let unit = principal.unitCode else { return [] }
        var result: [(id: Int, name: String)] = []
        for agency in try await services.agencies.list(unitCode: unit).items {
            for account in try await services.accounts.list(agencyId: agency.id).items
            where !account.isDisabled && Policy.examinesDossiers(account.role) {
                result.append((account.id, "\(account.fullName) (\(account.role.label))"))
            }
        }
        return result
    }
}
