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
    ) async throws -> DossierPage {
        let now = services.clock.now()
        let procedure = try await services.procedures.version(code: dossier.procedureCode, version: dossier.procedureVersion)
        let events = try await services.timeline.events(of: CaseRef(.dossier, dossier.code))
        let handovers = try await services.dossiers.handovers(dossier.code)
        let receiving = try? await services.agencies.get(dossier.receivingAgencyId)
        let handling = try? await services.agencies.get(dossier.handlingAgencyId)
        let missing = dossier.outstandingItems
        let actions = try await actionForms(dossier, procedure: procedure, principal: principal, now: now)
        return DossierPage(
            code: dossier.code, procedure: dossier.procedureName, procedureCode: dossier.procedureCode,
            version: dossier.procedureVersion, status: dossier.status.label, portalStatus: dossier.status.portalCode,
            channel: dossier.channel.label, submitted: DossierViews.time(dossier.submittedAt),
            received: DossierViews.time(dossier.receivedAt), due: DossierViews.time(dossier.due),
            receiving: receiving?.name ?? dossier.receivingAgencyId, handling: handling?.name ?? dossier.handlingAgencyId,
            applicant: dossier.details.applicant.name, idNumber: dossier.details.applicant.idNumber,
            phone: dossier.details.applicant.phone, email: dossier.details.applicant.email,
            fee: Money.text(dossier.fee), csrf: context.csrfToken, fieldProblems: problems,
            apologies: dossier.apologies, apologyLimit: procedure.apologyLimit, message: message,
            overdue: dossier.isOverdue(at: now), paused: dossier.status.isWaitingForApplicant, assignee: dossier.assigneeName,
            reason: dossier.details.reason, resultNumber: dossier.details.resultNumber,
            rating: dossier.rating.map(Satisfaction.label),
            resultFile: dossier.details.resultFileId.map { SitePath.dossierFile(code: dossier.code, id: $0).href },
            missing: missing, hasMissing: !missing.isEmpty,
            components: dossier.details.components.map { component in
                DossierPage.Component(
                    code: component.code, name: component.name, form: component.form.label, pages: component.pages,
                    file: component.fileId.map { SitePath.dossierFile(code: dossier.code, id: $0).href },
                    missing: component.form == .missing)
            },
            timeline: TimelineRow.rows(events, for: .staff),
            handovers: handovers.map { handover in
                DossierPage.Handover(
                    step: StepTemplate.Kind(rawValue: handover.step)?.label ?? handover.step, from: handover.fromName,
                    to: handover.toName, at: DossierViews.time(handover.at), stepDue: DossierViews.time(handover.stepDue),
                    finished: DossierViews.time(handover.finishedAt),
                    result: handover.onTime.map { $0 ? "Đúng hạn" : "Trễ hạn" } ?? "Đang xử lý", late: handover.onTime == false)
            },
            prints: PrintForms.available(dossier).map {
                DossierPage.Link(label: $0.label, href: SitePath.dossierPrint(code: dossier.code, form: $0.key).href)
            },
            actions: actions
        ).finished()
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

/// The dossier page, typed: what `dossier.mustache` reads (nil fields leave their sections out).
struct DossierPage: PageModel {
    struct Component {
        let code: String
        let name: String
        let form: String
        let pages: Int
        let file: String?
        let missing: Bool
    }

    struct Handover {
        let step: String
        let from: String
        let to: String
        let at: String
        let stepDue: String
        let finished: String
        let result: String
        let late: Bool
    }

    struct Link {
        let label: String
        let href: String
    }

    let code: String
    let procedure: String
    let procedureCode: String
    let version: Int
    let status: String
    let portalStatus: Int
    let channel: String
    let submitted: String
    let received: String
    let due: String
    let receiving: String
    let handling: String
    let applicant: String
    let idNumber: String
    let phone: String
    let email: String
    let fee: String
    let csrf: String
    let fieldProblems: [FieldProblem]
    let apologies: Int
    let apologyLimit: Int
    let message: String?
    let overdue: Bool
    let paused: Bool
    let assignee: String?
    let reason: String?
    let resultNumber: String?
    let rating: String?
    let resultFile: String?
    let missing: [String]
    let hasMissing: Bool
    let components: [Component]
    let timeline: [TimelineRow]
    let handovers: [Handover]
    let prints: [Link]
    let actions: [ActionForm]
    // Stored, not computed: templates read fields through Mirror, which sees stored ones only.
    var hasActions = false
    var problems: [[String: Any]] = []
    var hasProblems = false

    /// Fills the fields derived from the others.
    func finished() -> DossierPage {
        var page = self
        page.hasActions = !actions.isEmpty
        page.problems = FieldLabels.rows(fieldProblems)
        page.hasProblems = !fieldProblems.isEmpty
        return page
    }
}
