import Foundation
import HaiCapDomain
import HaiCapStorage

/// The model of a dossier's page: facts, components, the Phiếu kiểm soát, the timeline, and one
/// form per action the viewer may take now.
struct DossierDetailModel {
    let services: AppServices

    func build(_ dossier: Dossier, principal: Principal, context: AppRequestContext, problems: [FieldProblem],
               message: String?) async throws -> [String: Any] {
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
            "hasProblems": !problems.isEmpty, "apologies": dossier.apologies, "apologyLimit": procedure.apologyLimit,
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
            var row: [String: Any] = ["step": StepTemplate.Kind(rawValue: handover.step)?.label ?? handover.step, "from": handover.fromName,
                                      "to": handover.toName, "at": DossierViews.time(handover.at), "stepDue": DossierViews.time(handover.stepDue),
                                      "finished": DossierViews.time(handover.finishedAt)]
            switch handover.onTime {
            case true?: row["result"] = "Đúng hạn"
            case false?: row["result"] = "Trễ hạn"; row["late"] = true
            case nil: row["result"] = "Đang xử lý"
            }
            return row
        }
        model["prints"] = PrintForms.available(dossier).map { ["label": $0.label, "href": SitePath.dossierPrint(code: dossier.code, form: $0.key).href] }
        let actions = try await actionForms(dossier, procedure: procedure, principal: principal, now: now)
        model["actions"] = actions
        model["hasActions"] = !actions.isEmpty
        return model
    }

    func actionForms(_ dossier: Dossier, procedure: Procedure, principal: Principal, now: Date) async throws -> [[String: Any]] {
        var forms: [[String: Any]] = []
        let specialists = try await WardStaff(services: services).assignees(principal)
        // The buttons are what the ledger would accept: the rule table, the overdue rule, and
        // `Policy` (a department acts only on what was handed to it).
        let situation = DossierWorkflow.Situation(status: dossier.status, resumeStatus: dossier.resumeStatus,
                                                  overdue: dossier.finishedAt == nil && dossier.isOverdue(at: now),
                                                  apologies: dossier.apologies, apologyLimit: procedure.apologyLimit)
        let offered = Policy.mayAct(principal, DossierStore.scope(of: dossier))
            ? DossierWorkflow.allowed(in: situation, for: .official(principal)) : []
        for action in offered {
            var form: [String: Any] = ["key": action.rawValue, "label": action.label,
                                       "href": SitePath.dossierAction(code: dossier.code, action: action.rawValue).href]
            switch action {
            case .assign:
                form["needsAssignee"] = true
                form["specialists"] = specialists
            case .requestCompletion, .requestSupplement: form["needsItems"] = true
            case .refuse, .reject, .stop, .withdraw: form["needsReason"] = true
            case .apologize:
                form["needsReason"] = true
                form["needsDue"] = true
                form["dueValue"] = DossierViews.inputTime(now.addingTimeInterval(2 * 86_400))
            case .consult, .transfer:
                let kinds: [AgencyKind] = action == .transfer ? [.department] : [.department, .cityCentre, .police]
                var agencies: [[String: Any]] = []
                for kind in kinds {
                    for agency in try await services.agencies.list(kind: kind).items {
                        let preferred = procedure.steps.contains { $0.agencyId == agency.id }
                        agencies.append(["id": agency.id, "name": agency.name, "selected": preferred])
                    }
                }
                form["agencies"] = agencies
                form["needsAgency"] = true
            case .sign: form["needsSign"] = true
            case .return: form["needsReturn"] = true
            case .requestPayment:
                form["needsAmount"] = true
                form["amountValue"] = dossier.fee
            default: break
            }
            forms.append(form)
        }
        return forms
    }
}

/// The officials a ward's dossiers can be assigned to.
struct WardStaff {
    let services: AppServices

    /// Specialists and leaders of the principal's ward (for assignment).
    func assignees(_ principal: Principal) async throws -> [[String: Any]] {
        guard let unit = principal.unitCode else { return [] }
        var result: [[String: Any]] = []
        for agency in try await services.agencies.list(unitCode: unit).items {
            for account in try await services.accounts.list(agencyId: agency.id).items
            where !account.isDisabled && Policy.examinesDossiers(account.role) {
                result.append(["id": account.id, "name": "\(account.fullName) (\(account.role.label))"])
            }
        }
        return result
    }
}
