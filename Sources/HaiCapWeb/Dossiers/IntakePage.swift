import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Tiếp nhận hồ sơ at the counter (or by post): the form, then the receipt (Mẫu 01) printed at
/// once — the only moment the lookup secret exists in clear.
struct IntakePage {
    let services: AppServices
    let pages: PageRenderer

    func render(
        context: AppRequestContext, procedure code: String?, values: FormFields, problems: [FieldProblem],
        reselect: [String] = []
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let today = VietnamTime.localDate(of: services.clock.now())
        let catalogue = try await services.procedures.catalogue(on: today)
        let chosen = catalogue.first { $0.code == (code ?? values.get("procedure")) } ?? catalogue.first
        var model: [String: Any] = [
            "action": SitePath.intake.href, "csrf": context.csrfToken,
            "procedures": catalogue.map { ["code": $0.code, "name": $0.name, "selected": $0.code == chosen?.code] },
            // A component's problem is printed in its own row below, so the generic placement skips it.
            "problems": FieldLabels.rows(problems, labels: Self.webLabels(chosen)).map { row in
                var row = row
                if let key = row["key"] as? String, ["file_", "form_", "pages_", "reused_"].contains(where: key.hasPrefix) { row["key"] = nil }
                return row
            }, "hasProblems": !problems.isEmpty,
            "errors": FieldLabels.byField(problems.map(Self.webField)),
            // nil when nothing was dropped (an empty string would still open the section).
            "reselect": reselect.isEmpty
                ? nil
                : "Các tệp đã chọn chưa được lưu vì hồ sơ còn lỗi. Vui lòng chọn lại bản quét của: "
                    + reselect.map { "«\($0)»" }.joined(separator: ", ") + "." as String?,
            "name": values.get("name") ?? "", "idNumber": values.get("idNumber") ?? "", "phone": values.get("phone") ?? "",
            "email": values.get("email") ?? "", "address": values.get("address") ?? "", "summary": values.get("summary") ?? "",
            "copies": values.get("copies") ?? "1", "missingText": values.get("missing") ?? "", "reasonText": values.get("reason") ?? ""
        ]
        if let chosen {
            model["procedure"] = [
                "code": chosen.code, "name": chosen.name, "fee": chosen.fee.text,
                "times": chosen.channels.map { "\($0.channel.label): \($0.durationText)" }.joined(separator: " · ")
            ]
            let errors = FieldLabels.byField(problems.map(Self.webField))
            model["components"] = chosen.components.map { component -> [String: Any] in
                // Optional papers start as "không áp dụng": only what the officer marks ends up on Mẫu 01.
                let chosenForm = values.get("form_\(component.code)") ?? (component.required ? "scanned" : "missing")
                var row: [String: Any] = [
                    "code": component.code, "name": component.name, "form": component.form,
                    "copies": component.copies, "pages": values.get("pages_\(component.code)") ?? "1",
                    "reused": values.get("reused_\(component.code)") ?? "",
                    "options": Self.formOptions(required: component.required).map {
                        ["value": $0.value, "label": $0.label, "selected": $0.value == chosenForm]
                    }
                ]
                if component.required { row["required"] = true }
                let messages = ["form_", "file_", "pages_", "reused_"].compactMap { errors[$0 + component.code] }
                if !messages.isEmpty { row["error"] = messages.joined(separator: " ") }
                if errors["file_\(component.code)"] != nil { row["fileError"] = true }
                return row
            }
        }
        if principal.unitCode == nil || Policy.submitsByPost(principal) {
            let centres = try await services.agencies.list(kind: .unitServiceCentre, limit: 1000).items
                .sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
            model["agencies"] = centres.map { ["id": $0.id, "name": $0.name, "selected": $0.id == values.get("agency")] }
            model["hasAgencies"] = true
        }
        model["postal"] = Policy.submitsByPost(principal)
        return try pages.page(
            "dossier-intake", title: "Tiếp nhận hồ sơ",
            crumbs: [.init(label: "Một cửa", href: SitePath.oneStop.href), .init(label: "Tiếp nhận", href: nil)],
            model: model, context: context, status: problems.isEmpty ? .ok : .badRequest, currentPath: SitePath.oneStop.href)
    }

    static func formOptions(required: Bool) -> [(value: String, label: String)] {
        [("scanned", "Bản giấy, đã số hóa"), ("paper", "Bản giấy"), ("reused", "Tái sử dụng")]
            + [required ? ("missing", "Còn thiếu") : ("missing", "Không áp dụng")]
    }

    /// The store names fields as the API does (`applicant.name`, `components[2].pages`); the form's own names
    /// are what the page marks.
    static func webField(_ problem: FieldProblem) -> FieldProblem {
        let field = problem.field.hasPrefix("applicant.") ? String(problem.field.dropFirst("applicant.".count)) : problem.field
        return FieldProblem(field: field, message: problem.message)
    }

    /// The store's `components[i].pages` and `files[i]` as the form's `pages_CODE` and `file_CODE`.
    static func componentFields(_ problems: [FieldProblem], components: [SubmittedComponent], files: [IntakeRequest.File]) -> [FieldProblem] {
        problems.map { problem in
            let field = problem.field
            func index(after prefix: String) -> (Int, String)? {
                guard field.hasPrefix(prefix), let close = field.firstIndex(of: "]"),
                    let number = Int(field[field.index(field.startIndex, offsetBy: prefix.count)..<close])
                else { return nil }
                return (number, String(field[field.index(after: close)...]))
            }
            if let (i, rest) = index(after: "components["), components.indices.contains(i) {
                let code = components[i].code
                let name =
                    switch rest {
                    case ".pages": "pages_"
                    case ".reusedFrom": "reused_"
                    default: "form_"
                    }
                return FieldProblem(field: name + code, message: problem.message)
            }
            if let (i, _) = index(after: "files["), files.indices.contains(i) {
                return FieldProblem(field: "file_\(files[i].componentCode)", message: problem.message)
            }
            return problem
        }
    }

    /// Each component's fields labelled with the paper's own name.
    static func webLabels(_ procedure: Procedure?) -> [String: String] {
        var labels: [String: String] = [:]
        for component in procedure?.components ?? [] {
            labels["file_\(component.code)"] = "Bản quét: \(component.name)"
            labels["form_\(component.code)"] = "Tình trạng: \(component.name)"
            labels["pages_\(component.code)"] = "Số trang: \(component.name)"
            labels["reused_\(component.code)"] = "Mã hồ sơ trước: \(component.name)"
        }
        return labels
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
            var problems: [FieldProblem] = []
            for component in procedure.components {
                let formValue = fields.get("form_\(component.code)") ?? "missing"
                let kind = SubmittedComponent.Form(rawValue: formValue) ?? .missing
                if kind == .missing && !component.required { continue }
                let pages = Int(fields.get("pages_\(component.code)") ?? "") ?? 1
                let reused = fields.get("reused_\(component.code)").flatMap { $0.isEmpty ? nil : $0 }
                components.append(SubmittedComponent(code: component.code, name: component.name, form: kind, pages: pages, reusedFrom: reused))
                let chosenFiles = try form.files("file_\(component.code)").filter { !$0.data.isEmpty }
                if kind == .scanned && chosenFiles.isEmpty {
                    problems.append(
                        FieldProblem(
                            field: "file_\(component.code)",
                            message: "Đã chọn «Bản giấy, đã số hóa» nhưng chưa đính kèm bản quét: chọn tệp, hoặc đổi tình trạng thành «Bản giấy»."))
                }
                if kind == .reused && reused == nil {
                    problems.append(FieldProblem(field: "reused_\(component.code)", message: "Ghi mã hồ sơ trước có giấy tờ này."))
                }
                for file in chosenFiles {
                    files.append(
                        IntakeRequest.File(
                            componentCode: component.code, name: file.filename ?? component.code,
                            contentType: file.contentType, data: file.data))
                }
            }
            let decision: IntakeRequest.Decision
            switch fields.get("decision") ?? "receive" {
            case "request-completion":
                decision = .requestCompletion(items: (fields.get("missing") ?? "").split(whereSeparator: \.isNewline).map(String.init), note: "")
            case "refuse": decision = .refuse(reason: fields.get("reason") ?? "")
            default: decision = Policy.submitsByPost(principal) ? .submitOnly : .receive
            }
            let applicant = Applicant(
                name: VietnameseText.nfc((fields.get("name") ?? "").trimmingCharacters(in: .whitespaces)),
                idNumber: (fields.get("idNumber") ?? "").trimmingCharacters(in: .whitespaces),
                phone: (fields.get("phone") ?? "").replacingOccurrences(of: " ", with: ""),
                email: (fields.get("email") ?? "").trimmingCharacters(in: .whitespaces),
                address: VietnameseText.nfc(fields.get("address") ?? ""))
            let request = IntakeRequest(
                procedureCode: procedure.code, agencyId: fields.get("agency").flatMap { $0.isEmpty ? nil : $0 },
                channel: Policy.submitsByPost(principal) ? .postal : .direct, applicant: applicant,
                summary: fields.get("summary") ?? "", components: components, files: files,
                copies: Int(fields.get("copies") ?? "") ?? 1, decision: decision)
            // Every problem at once: the form's own checks and the store's rules, before anything is stored.
            do { try request.validate(against: procedure) } catch { problems += error.problems }
            if !problems.isEmpty {
                let reselect = procedure.components.filter { component in files.contains { $0.componentCode == component.code } }.map(\.name)
                return try await render(
                    context: context, procedure: code, values: fields,
                    problems: Self.componentFields(problems, components: components, files: files), reselect: reselect)
            }
            let result = try await services.dossiers.intake(request, by: principal, at: now)
            let printForm = result.dossier.status == .completionRequested ? "mau-02" : result.dossier.status == .refused ? "mau-03" : "mau-01"
            // 303 to the printable form; the lookup secret is kept server-side for that one view.
            return await pages.redirect(
                SitePath.dossierPrint(code: result.dossier.code, form: printForm).href,
                flash: ["code": result.dossier.code, "form": printForm, "secret": result.secret],
                context: context, now: now)
        } catch let error as ValidationError {
            return try await render(context: context, procedure: code, values: fields, problems: error.problems)
        } catch let error as DossierError {
            return try await render(
                context: context, procedure: code, values: fields, problems: [FieldProblem(field: "components", message: error.message)])
        } catch is NotFoundError {
            return try await render(
                context: context, procedure: nil, values: fields,
                problems: [FieldProblem(field: "procedure", message: "Chọn thủ tục hành chính.")])
        }
    }
}
