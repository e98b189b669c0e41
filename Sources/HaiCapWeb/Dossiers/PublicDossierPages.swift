import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Citizens' pages: the procedure catalogue, online submission without an account, and the
/// dossier lookup (tra cứu) with the receipt's code and secret.
///
/// | route | permission |
/// |---|---|
/// | GET /thu-tuc, /thu-tuc/{code}, GET/POST /nop-ho-so, GET/POST /tra-cuu-ho-so, POST /tra-cuu-ho-so/ket-qua | everyone |
struct PublicDossierPages {
    let services: AppServices
    let pages: PageRenderer
    let lookups: LookupGuard

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.procedures, .everyone) { request, context in
            let today = VietnamTime.localDate(of: services.clock.now())
            let list = try await services.procedures.catalogue(on: today, search: request.query.get("q"))
            let model: [String: Any] = [
                "q": request.query.get("q") ?? "", "action": SitePath.procedures.href,
                "rows": list.map { procedure -> [String: Any] in
                    [
                        "code": procedure.code, "name": procedure.name, "field": procedure.field.name,
                        "href": SitePath.procedure(code: procedure.code).href,
                        "time": procedure.channels.first?.durationText ?? "", "fee": procedure.fee.text, "fullOnline": procedure.fullOnline
                    ]
                }
            ]
            return try pages.page(
                "procedures", title: "Thủ tục hành chính cấp xã", crumbs: [.init(label: "Thủ tục hành chính", href: nil)],
                model: model, context: context, currentPath: SitePath.procedures.href)
        }
        routes.get(SitePath.Pattern.procedure, .everyone) { _, context in
            let versions = try await services.procedures.versions(code: try context.param("code"))
            let today = VietnamTime.localDate(of: services.clock.now())
            let current = versions.first { $0.validFrom <= today } ?? versions[versions.count - 1]
            let model = Self.procedureModel(current, versions: versions, submit: SitePath.submitOnline.href)
            return try pages.page(
                "procedure", title: current.name,
                crumbs: [.init(label: "Thủ tục hành chính", href: SitePath.procedures.href), .init(label: current.code, href: nil)],
                model: model, context: context, currentPath: SitePath.procedures.href)
        }
        routes.get(SitePath.Pattern.submitOnline, .everyone) { request, context in
            if let page = try await submitted(request, context: context) { return page }
            return try await submitForm(context: context, values: request.query, problems: [])
        }
        routes.post(SitePath.Pattern.submitOnline, .everyone) { request, context in
            try await submit(request, context: context)
        }
        // The address may carry the code (a link from the receipt), never the secret: a `secret`
        // in the query is ignored, so it is not read, echoed or kept.
        routes.get(SitePath.Pattern.lookup, .everyone) { request, context in
            try await lookupPage(code: request.query.get("code") ?? "", secret: nil, context: context)
        }
        // The form posts, so the secret stays out of addresses, logs and the browser history.
        routes.post(SitePath.Pattern.lookup, .everyone) { request, context in
            let form = try await FormFields.from(request, context: context)
            return try await lookupPage(code: form.get("code") ?? "", secret: form.get("secret") ?? "", context: context)
        }
        routes.post(SitePath.Pattern.lookupResult, .everyone) { request, context in
            let form = try await FormFields.from(request, context: context)
            let code = (form.get("code") ?? "").trimmingCharacters(in: .whitespaces)
            let secret = form.get("secret") ?? ""
            // The signed result needs the receipt's full secret: four phone digits only show the status.
            let dossier = try await lookups.check(
                code: code, secret: secret, client: context.clientAddress,
                now: services.clock.now(), allowPhone: false
            ) { allowPhone in
                try await services.dossiers.lookup(code: code, secret: secret, allowPhone: allowPhone)
            }
            guard let fileId = Self.downloadableResult(dossier) else { throw NotFoundError("file", dossier.code) }
            return DossierFiles.response(try await services.dossiers.file(id: fileId, dossierCode: dossier.code))
        }
    }

    /// The electronic result, once signed, for a dossier whose result is not a refusal.
    static func downloadableResult(_ dossier: Dossier) -> Int? {
        guard dossier.electronicResult, dossier.outcome != .rejected,
            dossier.status == .readyToReturn || dossier.status == .returned
        else { return nil }
        return dossier.details.resultFileId
    }

    /// The lookup form, with the code filled in; with a `secret` (posted), also the answer.
    func lookupPage(code rawCode: String, secret: String?, context: AppRequestContext) async throws -> Response {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        var model: [String: Any] = ["action": SitePath.lookup.href, "code": code, "csrf": context.csrfToken]
        var status: HTTPResponse.Status = .ok
        if let secret {
            do {
                let dossier = try await lookups.check(
                    code: code, secret: secret, client: context.clientAddress,
                    now: services.clock.now()
                ) { allowPhone in
                    try await services.dossiers.lookup(code: code, secret: secret, allowPhone: allowPhone)
                }
                var result = try await lookupModel(dossier)
                if Self.downloadableResult(dossier) != nil {
                    if LookupGuard.isPhoneDigits(secret) {
                        result["downloadNeedsSecret"] = true
                    } else {
                        result["download"] = ["action": SitePath.lookupResult.href, "code": dossier.code, "secret": secret]
                    }
                }
                model["result"] = result
            } catch is NotFoundError {
                model["notFound"] = true
                status = .notFound
            }
        }
        return try pages.page(
            "lookup", title: "Tra cứu hồ sơ", crumbs: [.init(label: "Tra cứu hồ sơ", href: nil)], model: model,
            context: context, status: status, currentPath: SitePath.lookup.href)
    }

    static func procedureModel(_ procedure: Procedure, versions: [Procedure], submit: String) -> [String: Any] {
        var model: [String: Any] = [
            "code": procedure.code, "name": procedure.name, "field": procedure.field.name, "level": procedure.level,
            "authority": procedure.authority, "sequence": procedure.sequence, "fee": procedure.fee.text,
            "version": procedure.version, "validFrom": DossierViews.date(procedure.validFrom), "fullOnline": procedure.fullOnline,
            "submit": "\(submit)?procedure=\(procedure.code)",
            "channels": procedure.channels.map { ["channel": $0.channel.label, "time": $0.durationText, "note": $0.note, "feeNote": $0.feeNote] },
            "components": procedure.components.map { ["name": $0.name, "form": $0.form, "required": $0.required, "copies": $0.copies] },
            "results": procedure.results.map(\.name),
            "legal": procedure.legalBasis.map { ["number": $0.number, "title": $0.title] },
            "steps": procedure.steps.map {
                ["label": $0.kind.label, "role": $0.role.label, "share": Int(($0.share * 100).rounded()), "optional": $0.optional]
            },
            "versions": versions.map { ["version": $0.version, "validFrom": DossierViews.date($0.validFrom)] }
        ]
        if procedure.codeUnverified || procedure.feeUnverified { model["unverified"] = true }
        return model
    }

    func lookupModel(_ dossier: Dossier) async throws -> [String: Any] {
        let now = services.clock.now()
        let events = try await services.timeline.events(of: CaseRef(.dossier, dossier.code), publicOnly: true)
        var model: [String: Any] = [
            "code": dossier.code, "procedure": dossier.procedureName, "status": dossier.status.label,
            "submitted": DossierViews.time(dossier.submittedAt), "due": DossierViews.time(dossier.due),
            "timeline": TimelineRow.rows(events, for: .citizen)
        ]
        if dossier.isOverdue(at: now) { model["overdue"] = true }
        if dossier.status.isWaitingForApplicant { model["paused"] = true }
        let missing = dossier.outstandingItems
        if !missing.isEmpty { model["missing"] = missing }
        if let returned = dossier.returnedAt { model["returned"] = DossierViews.time(returned) }
        return model
    }

    func submitForm(context: AppRequestContext, values: FormFields, problems: [FieldProblem], reselect: [String] = []) async throws -> Response {
        let today = VietnamTime.localDate(of: services.clock.now())
        let catalogue = try await services.procedures.catalogue(on: today).filter { $0.terms(for: .online) != nil }
        let chosen = catalogue.first { $0.code == values.get("procedure") } ?? catalogue.first
        let centres = try await services.agencies.list(kind: .unitServiceCentre, limit: 1000).items
            .sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
        var model: [String: Any] = [
            "action": SitePath.submitOnline.href, "csrf": context.csrfToken,
            "procedures": catalogue.map { ["code": $0.code, "name": $0.name, "selected": $0.code == chosen?.code] },
            "agencies": centres.map { ["id": $0.id, "name": $0.name, "selected": $0.id == values.get("agency")] },
            "problems": FieldLabels.rows(problems), "hasProblems": !problems.isEmpty,
            "name": values.get("name") ?? "", "idNumber": values.get("idNumber") ?? "", "phone": values.get("phone") ?? "",
            "email": values.get("email") ?? "", "address": values.get("address") ?? "", "summary": values.get("summary") ?? ""
        ]
        if !reselect.isEmpty {
            model["reselect"] =
                "Các tệp đã chọn chưa được lưu vì hồ sơ còn lỗi. Vui lòng chọn lại tệp: " + reselect.map { "«\($0)»" }.joined(separator: ", ") + "."
        }
        if let chosen {
            model["problems"] = FieldLabels.rows(
                problems,
                labels: Dictionary(
                    chosen.components.map { ("file_\($0.code)", "Tệp: \($0.name)") },
                    uniquingKeysWith: { first, _ in first }))
            model["procedure"] = [
                "code": chosen.code, "name": chosen.name, "fee": chosen.fee.text,
                "time": chosen.terms(for: .online)?.durationText ?? ""
            ]
            model["components"] = chosen.components.map { ["code": $0.code, "name": $0.name, "form": $0.form, "required": $0.required] }
        }
        return try pages.page(
            "submit-online", title: "Nộp hồ sơ trực tuyến", crumbs: [.init(label: "Nộp hồ sơ trực tuyến", href: nil)],
            model: model, context: context, status: problems.isEmpty ? .ok : .badRequest,
            currentPath: SitePath.submitOnline.href)
    }

    /// The page after a submission (GET, so a refresh does not submit again): the code and secret once.
    func submitted(_ request: Request, context: AppRequestContext) async throws -> Response? {
        guard request.query.get("da-nop") != nil else { return nil }
        guard let kept = await pages.takeFlash(request, context: context, now: services.clock.now()), let code = kept["code"] else {
            return try pages.page(
                "submitted", title: "Đã nộp hồ sơ", crumbs: [.init(label: "Nộp hồ sơ trực tuyến", href: nil)],
                model: ["shown": true, "lookup": SitePath.lookup.href], context: context,
                currentPath: SitePath.submitOnline.href)
        }
        let model: [String: Any] = [
            "code": code, "secret": kept["secret"] ?? "", "procedure": kept["procedure"] ?? "",
            "lookup": QueryString.link(SitePath.lookup.href, [("code", code)])
        ]
        return try pages.page(
            "submitted", title: "Đã nộp hồ sơ", crumbs: [.init(label: "Nộp hồ sơ trực tuyến", href: nil)],
            model: model, context: context, currentPath: SitePath.submitOnline.href)
    }

    func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await MultipartForm.from(request, context: context)
        let fields = form.fields
        let now = services.clock.now()
        do {
            guard let procedure = try? await services.procedures.inForce(code: fields.get("procedure") ?? "", on: VietnamTime.localDate(of: now))
            else {
                throw ValidationError(field: "procedure", "Chọn thủ tục hành chính.")
            }
            var components: [SubmittedComponent] = []
            var files: [IntakeRequest.File] = []
            for component in procedure.components {
                let uploads = try form.files("file_\(component.code)")
                guard !uploads.isEmpty else { continue }
                components.append(SubmittedComponent(code: component.code, name: component.name, form: .uploaded))
                files += uploads.map {
                    IntakeRequest.File(
                        componentCode: component.code, name: $0.filename ?? component.code,
                        contentType: $0.contentType, data: $0.data)
                }
            }
            let missing = procedure.requiredComponents.filter { required in !components.contains { $0.code == required.code } }
            var problems = missing.map { FieldProblem(field: "file_\($0.code)", message: "Tải lên «\($0.name)» (PDF, JPEG hoặc PNG, tối đa 10 MB).") }
            let applicant = Applicant(
                name: VietnameseText.nfc((fields.get("name") ?? "").trimmingCharacters(in: .whitespaces)),
                idNumber: (fields.get("idNumber") ?? "").trimmingCharacters(in: .whitespaces),
                phone: (fields.get("phone") ?? "").replacingOccurrences(of: " ", with: ""),
                email: (fields.get("email") ?? "").trimmingCharacters(in: .whitespaces),
                address: VietnameseText.nfc(fields.get("address") ?? ""))
            let intake = IntakeRequest(
                procedureCode: procedure.code, agencyId: fields.get("agency") ?? "", channel: .online, applicant: applicant,
                summary: fields.get("summary") ?? "", components: components, files: files, decision: .submitOnly)
            // Every problem at once (missing papers and the applicant's details), before anything is stored.
            do { try intake.validate(against: procedure) } catch {
                problems += IntakePage.componentFields(error.problems, components: components, files: files)
            }
            if !problems.isEmpty {
                let reselect = procedure.components.filter { component in files.contains { $0.componentCode == component.code } }.map(\.name)
                return try await submitForm(context: context, values: fields, problems: problems, reselect: reselect)
            }
            try await services.anonymous.submitDossier(agencyId: intake.agencyId, client: context.clientAddress, at: now)
            let result = try await services.dossiers.intake(intake, by: nil, at: now)
            return await pages.redirect(
                SitePath.submitOnline.href + "?da-nop=1",
                flash: ["code": result.dossier.code, "secret": result.secret, "procedure": procedure.name],
                context: context, now: now)
        } catch let error as ValidationError {
            return try await submitForm(context: context, values: fields, problems: error.problems)
        } catch let error as DossierError {
            return try await submitForm(context: context, values: fields, problems: [FieldProblem(field: "procedure", message: error.message)])
        }
    }
}
