import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Tiếp nhận hồ sơ at the counter (or by post): the form, then the receipt (Mẫu 01) printed at
/// once — the only moment the lookup secret exists in clear.
struct IntakePage {
    let services: AppServices
    let pages: PageRenderer

    func render(context: AppRequestContext, procedure code: String?, values: FormFields, problems: [FieldProblem]) async throws -> Response {
        let principal = try context.requirePrincipal()
        let today = VietnamTime.localDate(of: services.clock.now())
        let catalogue = try await services.procedures.catalogue(on: today)
        let chosen = catalogue.first { $0.code == (code ?? values.get("procedure")) } ?? catalogue.first
        var model: [String: Any] = [
            "action": SitePath.intake.href, "csrf": context.csrfToken,
            "procedures": catalogue.map { ["code": $0.code, "name": $0.name, "selected": $0.code == chosen?.code] },
            "problems": problems.map { ["field": $0.field, "message": $0.message] }, "hasProblems": !problems.isEmpty,
            "name": values.get("name") ?? "", "idNumber": values.get("idNumber") ?? "", "phone": values.get("phone") ?? "",
            "email": values.get("email") ?? "", "address": values.get("address") ?? "", "summary": values.get("summary") ?? "",
            "copies": values.get("copies") ?? "1", "missingText": values.get("missing") ?? "", "reasonText": values.get("reason") ?? "",
        ]
        if let chosen {
            model["procedure"] = ["code": chosen.code, "name": chosen.name, "fee": chosen.fee.text,
                                  "times": chosen.channels.map { "\($0.channel.label): \($0.durationText)" }.joined(separator: " · ")]
            model["components"] = chosen.components.map { component -> [String: Any] in
                var row: [String: Any] = ["code": component.code, "name": component.name, "form": component.form,
                                          "copies": component.copies]
                if component.required { row["required"] = true }
                return row
            }
        }
        if principal.unitCode == nil || principal.role == .postal {
            let centres = try await services.agencies.list(kind: .unitServiceCentre, limit: 1000).items
            model["agencies"] = centres.map { ["id": $0.id, "name": $0.name, "selected": $0.id == values.get("agency")] }
            model["hasAgencies"] = true
        }
        model["postal"] = principal.role == .postal
        return try pages.page("dossier-intake", title: "Tiếp nhận hồ sơ",
                              crumbs: [.init(label: "Một cửa", href: SitePath.oneStop.href), .init(label: "Tiếp nhận", href: nil)],
                              model: model, context: context, status: problems.isEmpty ? .ok : .badRequest, currentPath: SitePath.oneStop.href)
    }

    func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await MultipartForm.from(request, context: context)
        let fields = form.fields
        let now = services.clock.now()
        let code = fields.get("procedure") ?? ""
        do {
            let procedure = try await services.procedures.inForce(code: code, on: VietnamTime.localDate(of: now))
            var components: [SubmittedComponent] = []
            var files: [IntakeRequest.File] = []
            for component in procedure.components {
                let formValue = fields.get("form_\(component.code)") ?? "missing"
                let kind = SubmittedComponent.Form(rawValue: formValue) ?? .missing
                if kind == .missing && !component.required { continue }
                let pages = Int(fields.get("pages_\(component.code)") ?? "") ?? 1
                let reused = fields.get("reused_\(component.code)").flatMap { $0.isEmpty ? nil : $0 }
                components.append(SubmittedComponent(code: component.code, name: component.name, form: kind, pages: pages, reusedFrom: reused))
                for file in form.files("file_\(component.code)") {
                    files.append(IntakeRequest.File(componentCode: component.code, name: file.filename ?? component.code,
                                                    contentType: file.contentType, data: file.data))
                }
            }
            let decision: IntakeRequest.Decision
            switch fields.get("decision") ?? "receive" {
            case "request-completion":
                decision = .requestCompletion(items: (fields.get("missing") ?? "").split(whereSeparator: \.isNewline).map(String.init), note: "")
            case "refuse": decision = .refuse(reason: fields.get("reason") ?? "")
            default: decision = principal.role == .postal ? .submitOnly : .receive
            }
            let applicant = Applicant(name: VietnameseText.nfc((fields.get("name") ?? "").trimmingCharacters(in: .whitespaces)),
                                      idNumber: (fields.get("idNumber") ?? "").trimmingCharacters(in: .whitespaces),
                                      phone: (fields.get("phone") ?? "").replacingOccurrences(of: " ", with: ""),
                                      email: (fields.get("email") ?? "").trimmingCharacters(in: .whitespaces),
                                      address: VietnameseText.nfc(fields.get("address") ?? ""))
            let request = IntakeRequest(procedureCode: procedure.code, agencyId: fields.get("agency").flatMap { $0.isEmpty ? nil : $0 },
                                        channel: principal.role == .postal ? .postal : .direct, applicant: applicant,
                                        summary: fields.get("summary") ?? "", components: components, files: files,
                                        copies: Int(fields.get("copies") ?? "") ?? 1, decision: decision)
            let result = try await services.dossiers.intake(request, by: principal, at: now)
            let printForm = result.dossier.status == .completionRequested ? "mau-02" : result.dossier.status == .refused ? "mau-03" : "mau-01"
            return try await PrintForms(services: services, pages: pages).render(result.dossier, form: printForm, secret: result.secret)
        } catch let error as ValidationError {
            return try await render(context: context, procedure: code, values: fields, problems: error.problems)
        } catch let error as DossierError {
            return try await render(context: context, procedure: code, values: fields, problems: [FieldProblem(field: "components", message: error.message)])
        } catch is NotFoundError {
            return try await render(context: context, procedure: nil, values: fields,
                                    problems: [FieldProblem(field: "procedure", message: "Chọn thủ tục hành chính.")])
        }
    }
}
