import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The officials' one-stop pages: queues, counter intake, a dossier with its actions, printable forms.
///
/// | route | permission |
/// |---|---|
/// | GET/POST /mot-cua/tiep-nhan | receiveDossiers |
/// | GET /mot-cua, GET /mot-cua/ho-so/{code}, POST /mot-cua/ho-so/{code}/{action}, GET …/in/{form}, POST /mot-cua/phan-cong | handleDossiers (ward scope per dossier) |
struct DossierPages {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.oneStop, .handleDossiers) { request, context in
            try await queue(
                request, context: context, message: await pages.takeFlash(request, context: context, now: services.clock.now())?["message"])
        }
        routes.post(SitePath.Pattern.bulkAssign, .handleDossiers) { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormFields.from(request, context: context)
            let codes = form.all("codes").filter { !$0.isEmpty }
            guard let assignee = Int(form.get("assigneeId") ?? ""), !codes.isEmpty else {
                throw ValidationError(field: "codes", "Chọn ít nhất một hồ sơ và một chuyên viên để phân công.")
            }
            let outcomes = try await BulkAssign(services: services).run(codes: codes, assigneeId: assignee, by: principal)
            let failed = outcomes.filter { !$0.ok }
            let message =
                "Đã phân công \(outcomes.count - failed.count)/\(outcomes.count) hồ sơ."
                + failed.map { " \($0.code): \($0.message ?? "")" }.joined()
            return await pages.redirect(SitePath.oneStop.href, message: message, context: context, now: services.clock.now())
        }
        routes.get(SitePath.Pattern.intake, .receiveDossiers) { request, context in
            try await IntakePage(services: services, pages: pages).render(
                context: context, procedure: request.query.get("procedure"),
                values: FormFields(""), problems: [])
        }
        routes.post(SitePath.Pattern.intake, .receiveDossiers) { request, context in
            try await IntakePage(services: services, pages: pages).submit(request, context: context)
        }
        routes.get(SitePath.Pattern.dossier, .handleDossiers) { request, context in
            let done = request.query.get("xong").flatMap(DossierAction.init(rawValue:))
            return try await detail(try context.param("code"), context: context, problems: [], message: done.map { "Đã thực hiện: \($0.label)." })
        }
        routes.post(SitePath.Pattern.dossierAction, .handleDossiers) { request, context in
            try await act(request, context: context)
        }
        routes.get(SitePath.Pattern.dossierPrint, .handleDossiers) { request, context in
            let principal = try context.requirePrincipal()
            let dossier = try await services.dossiers.visible(try context.param("code"), to: principal)
            let form = try context.param("form")
            // Right after intake the receipt shows the lookup secret, once.
            let kept = await pages.takeFlash(request, context: context, now: services.clock.now())
            let secret = kept.flatMap { $0["code"] == dossier.code && $0["form"] == form ? $0["secret"] : nil }
            return try await PrintForms(services: services, pages: pages).render(dossier, form: form, secret: secret)
        }
    }

    func queue(_ request: Request, context: AppRequestContext, message: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let fields = request.query
        var query = try DossierAPIRoutes.query(fields)
        // Without a chosen tab, each role starts on its own work.
        if fields.get("queue") == nil {
            switch principal.role {
            case .officer: query.queue = .toReceive
            case .specialist: query.queue = .toReview
            case .leader: query.queue = .toApprove
            case .clerk: query.queue = .toSign
            case .department: query.queue = .liaison
            default: break
            }
        }
        let pager = Pager(fields)
        query.limit = pager.size
        query.offset = pager.offset
        let now = services.clock.now()
        let page = try await services.dossiers.list(query, for: principal, now: now)
        let counts = try await services.dossiers.queueCounts(for: principal, now: now)
        let tabs: [[String: Any]] = DossierStore.Queue.allCases.map { queue in
            var tab: [String: Any] = ["label": queue.label, "href": "\(SitePath.oneStop.href)?queue=\(queue.rawValue)"]
            if let count = counts[queue] { tab["count"] = DossierViews.number(count) }
            if queue == query.queue { tab["current"] = true }
            return tab
        }
        let catalogue = try await services.procedures.catalogue(on: VietnamTime.localDate(of: now))
        let procedures: [[String: Any]] = catalogue.map { ["code": $0.code, "name": $0.name, "selected": $0.code == query.procedureCode] }
        let specialists = try await WardStaff(services: services).assignees(principal)
        // The export holds every row of the list, with the page's filters.
        let csv = QueryString.link(
            SitePath.dossierList.href,
            [("format", "csv"), ("queue", query.queue.rawValue)]
                + (query.search.map { [("q", $0)] } ?? []) + (query.procedureCode.map { [("procedure", $0)] } ?? []))
        var model: [String: Any] = [
            "tabs": tabs, "rows": page.items.map { DossierViews.row($0, now: now) }, "total": page.total,
            "q": query.search ?? "", "queue": query.queue.rawValue, "procedures": procedures, "csv": csv, "csrf": context.csrfToken,
            "action": SitePath.oneStop.href, "bulkAction": SitePath.bulkAssign.href, "intake": SitePath.intake.href,
            "specialists": specialists.map { ["id": $0.id, "name": $0.name] }, "canAssign": !specialists.isEmpty,
            "canIntake": Policy.allows(principal, .receiveDossiers)
        ]
        if page.items.isEmpty { model["empty"] = true }
        model["pager"] = pager.with(total: page.total).model(base: SitePath.oneStop.href, query: fields, noun: "hồ sơ")
        if let message { model["message"] = message }
        return try pages.page(
            "dossier-queue", title: "Một cửa — \(query.queue.label)", crumbs: [.init(label: "Một cửa", href: nil)],
            model: model, context: context, currentPath: SitePath.oneStop.href)
    }

    func detail(
        _ code: String, context: AppRequestContext, problems: [FieldProblem], message: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let dossier = try await services.dossiers.visible(code, to: principal)
        let model = try await DossierDetailModel(services: services).build(
            dossier, principal: principal, context: context,
            problems: problems, message: message)
        return try pages.page(
            "dossier", title: "Hồ sơ \(dossier.code)",
            crumbs: [.init(label: "Một cửa", href: SitePath.oneStop.href), .init(label: dossier.code, href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.oneStop.href)
    }

    func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let code = try context.param("code")
        let raw = try context.param("action")
        guard let action = DossierAction(rawValue: raw) else { throw NotFoundError("page", raw) }
        let form = try await MultipartForm.from(request, context: context)
        let fields = form.fields
        var check = Validator()
        var newDue: Date?
        if let text = fields.get("newDue"), !text.isEmpty {
            do { newDue = try CalendarInput.instant(text, field: "newDue") } catch { check.require(false, "newDue", error.message) }
        }
        let returnMethod = fields.get("returnMethod").flatMap(ReturnMethod.init(rawValue:))
        let rating = fields.get("rating").flatMap { $0.isEmpty ? nil : Int($0) }
        var file: IntakeRequest.File?
        do throws(ValidationError) {
            file = try form.files("resultFile").first.map {
                IntakeRequest.File(componentCode: "", name: $0.filename ?? "ket-qua", contentType: $0.contentType, data: $0.data)
            }
        } catch {
            for problem in error.problems { check.require(false, problem.field, problem.message) }
        }
        let input = ActionInput(
            note: fields.get("note") ?? "", assigneeId: fields.get("assigneeId").flatMap { Int($0) },
            items: (fields.get("items") ?? "").split(whereSeparator: \.isNewline).map(String.init),
            reason: fields.get("reason") ?? "", newDue: newDue,
            agencyId: fields.get("agencyId").flatMap { $0.isEmpty ? nil : $0 },
            resultNumber: fields.get("resultNumber") ?? "", resultFile: file, returnMethod: returnMethod,
            rating: rating, amount: fields.get("amount").flatMap { $0.isEmpty ? nil : Int($0) })
        do {
            try check.check()
            let dossier = try await services.dossiers.act(code, action, input, by: principal, at: services.clock.now())
            // Post/redirect/get: reloading the page never repeats the action.
            return PageRenderer.redirect(SitePath.dossier(code: dossier.code).href + "?xong=\(action.rawValue)")
        } catch let error as ValidationError {
            return try await detail(code, context: context, problems: error.problems, message: Self.dropped(file), status: .badRequest)
        } catch let error as DossierError where error.kind == .conflict {
            return try await detail(
                code, context: context, problems: [FieldProblem(field: "action", message: error.message)],
                message: Self.dropped(file), status: .conflict)
        }
    }

    /// A chosen file is not kept when the action is refused: say so plainly.
    static func dropped(_ file: IntakeRequest.File?) -> String? {
        file.map { "Tệp kết quả «\($0.name)» chưa được lưu vì thao tác chưa thực hiện được: vui lòng chọn lại tệp." }
    }
}
