import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Administrators' pages: agencies, users, API tokens, audit log; and a leader's agency staff page.
///
/// | route | permission |
/// |---|---|
/// | /quan-tri/** | administer |
/// | GET /co-quan/{id}/can-bo | viewAgencyStaff, scoped to the agency |
struct AdminPageRoutes {
    let services: AppServices
    let pages: PageRenderer

    private var adminCrumb: PageRenderer.Crumb { .init(label: "Quản trị", href: SitePath.adminHome.href) }

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.agencyStaff, .viewAgencyStaff) { _, context in
            let agency = try await services.agencies.get(try context.param("id"))
            try Policy.require(context.principal, .viewAgencyStaff, agency: agency)
            let users = try await services.accounts.list(agencyId: agency.id).items
            let model: [String: Any] = ["agency": agency.name, "agencyId": agency.id, "users": users.map(userRow)]
            return try pages.page(
                "agency-staff", title: "Cán bộ \(agency.name)",
                crumbs: [.init(label: "Cán bộ cơ quan", href: nil)], model: model, context: context)
        }

        routes.get(SitePath.Pattern.adminAgencies, .administer) { request, context in
            try await agenciesPage(
                query: request.query.get("q") ?? "", context: context, problems: [], status: .ok, pager: Pager(request.query), params: request.query)
        }
        routes.post(SitePath.Pattern.adminAgencies, .administer) { request, context in
            let form = try await FormFields.from(request, context: context)
            do {
                guard let kind = AgencyKind(rawValue: form["kind"] ?? "") else { throw ValidationError(field: "kind", "Chưa chọn loại cơ quan.") }
                let unit = (form["unit"] ?? "").trimmingCharacters(in: .whitespaces)
                let agency = try await services.agencies.create(
                    Agency(
                        id: (form["id"] ?? "").trimmingCharacters(in: .whitespaces), name: form["name"] ?? "", kind: kind,
                        unitCode: unit.isEmpty ? nil : unit, idIsOfficial: form["official"] == "1"),
                    by: context.principal, at: services.clock.now(), knownUnits: Set(services.reference.unitsByCode.keys))
                return PageRenderer.redirect(SitePath.adminAgency(id: agency.id).href + "?saved=1")
            } catch let error as ValidationError {
                return try await agenciesPage(query: "", context: context, problems: error.problems, status: .badRequest)
            }
        }
        routes.get(SitePath.Pattern.adminAgency, .administer) { request, context in
            let agency = try await services.agencies.get(try context.param("id"))
            let hours = try await services.calendars.hours(agencyId: agency.id)
            var saved: Int? = nil
            if request.query["saved"] != nil {
                let moved: String = request.query["moved"] ?? "0"
                saved = Int(moved) ?? 0
            }
            let hoursText: String = hours?.text ?? ""
            return try agencyForm(agency, hoursText: hoursText, context: context, problems: [], saved: saved)
        }
        routes.post(SitePath.Pattern.adminAgency, .administer) { request, context in
            let agency = try await services.agencies.get(try context.param("id"))
            let form = try await FormFields.from(request, context: context)
            let hoursText = (form["workingHours"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                // Parse first, so a bad hours line saves nothing at all.
                var hours: WorkingHours? = nil
                if !hoursText.isEmpty { hours = try WorkingHours.parse(hoursText) }
                let updated = try await services.agencies.update(
                    agency.id, newId: form["id"] ?? "", name: form["name"] ?? "",
                    by: context.principal, at: services.clock.now())
                var moved = 0
                if try await services.calendars.hours(agencyId: updated.id) != hours {
                    moved = try await services.calendars.setHours(hours, agencyId: updated.id, by: context.principal, at: services.clock.now())
                }
                return PageRenderer.redirect(SitePath.adminAgency(id: updated.id).href + "?saved=1&moved=\(moved)")
            } catch let error as ValidationError {
                var draft = agency
                draft.name = form["name"] ?? agency.name
                return try agencyForm(
                    draft, newId: form["id"], hoursText: hoursText, context: context, problems: error.problems,
                    saved: nil, status: .badRequest)
            }
        }

        routes.get(SitePath.Pattern.adminUsers, .administer) { request, context in
            try await usersPage(request: request, context: context, problems: [], draft: [:], status: .ok)
        }
        routes.post(SitePath.Pattern.adminUsers, .administer) { request, context in
            let form = try await FormFields.from(request, context: context)
            do {
                let account = try await services.accounts.create(
                    NewAccount(
                        username: form["username"] ?? "", fullName: form["fullName"] ?? "", password: form["password"] ?? "",
                        role: form["role"] ?? "", agencyId: form["agency"] ?? ""),
                    by: context.principal, at: services.clock.now())
                return PageRenderer.redirect(SitePath.adminUser(id: account.id).href + "?saved=1")
            } catch let error as ValidationError {
                return try await usersPage(
                    request: request, context: context, problems: error.problems,
                    draft: [
                        "username": form["username"] ?? "", "fullName": form["fullName"] ?? "",
                        "role": form["role"] ?? "", "agency": form["agency"] ?? ""
                    ], status: .badRequest)
            } catch let error as AccountError {
                return try await usersPage(
                    request: request, context: context,
                    problems: [FieldProblem(field: "username", message: error.message)],
                    draft: [
                        "username": form["username"] ?? "", "fullName": form["fullName"] ?? "",
                        "role": form["role"] ?? "", "agency": form["agency"] ?? ""
                    ], status: .conflict)
            }
        }
        routes.get(SitePath.Pattern.adminUser, .administer) { request, context in
            let account = try await services.accounts.get(try context.intParam("id"))
            return try await userPage(
                account, context: context, problems: [],
                saved: request.query["saved"] != nil, status: .ok)
        }
        routes.post(SitePath.Pattern.adminUser, .administer) { request, context in
            let id = try context.intParam("id")
            let form = try await FormFields.from(request, context: context)
            do {
                _ = try await services.accounts.update(
                    id, role: form["role"] ?? "", agencyId: form["agency"] ?? "",
                    disabled: form["disabled"] == "1", by: context.principal, at: services.clock.now())
                return PageRenderer.redirect(SitePath.adminUser(id: id).href + "?saved=1")
            } catch let error as ValidationError {
                return try await userPage(
                    try await services.accounts.get(id), context: context, problems: error.problems, saved: false, status: .badRequest)
            } catch let error as AccountError {
                return try await userPage(
                    try await services.accounts.get(id), context: context,
                    problems: [FieldProblem(field: "role", message: error.message)], saved: false, status: .conflict)
            }
        }
        routes.post(SitePath.Pattern.adminUserPassword, .administer) { request, context in
            let id = try context.intParam("id")
            let form = try await FormFields.from(request, context: context)
            do {
                try await services.accounts.resetPassword(id, to: form["password"] ?? "", by: context.principal, at: services.clock.now())
                return PageRenderer.redirect(SitePath.adminUser(id: id).href + "?saved=1")
            } catch let error as ValidationError {
                return try await userPage(
                    try await services.accounts.get(id), context: context, problems: error.problems, saved: false, status: .badRequest)
            }
        }

        routes.get(SitePath.Pattern.adminTokens, .administer) { request, context in
            let secret = await pages.takeFlash(request, context: context, now: services.clock.now())?["token"]
            return try await tokensPage(context: context, secret: secret, problems: [], status: .ok)
        }
        routes.post(SitePath.Pattern.adminTokens, .administer) { request, context in
            let form = try await FormFields.from(request, context: context)
            do {
                let days = try form.int("expiresInDays", default: 0, range: 0...TokenStore.maxLifetimeDays)
                let (_, secret) = try await services.tokens.create(
                    forUsername: form["username"] ?? "", name: form["name"] ?? "",
                    expiresInDays: days == 0 ? nil : days, by: context.principal,
                    at: services.clock.now())
                // 303: the new token is shown once on the GET page, kept server-side until then.
                return await pages.redirect(SitePath.adminTokens.href, flash: ["token": secret], context: context, now: services.clock.now())
            } catch let error as NotFoundError {
                return try await tokensPage(
                    context: context, secret: nil,
                    problems: [FieldProblem(field: "username", message: error.message)], status: .badRequest)
            } catch let error as ValidationError {
                return try await tokensPage(context: context, secret: nil, problems: error.problems, status: .badRequest)
            }
        }
        routes.post(SitePath.Pattern.adminTokenRevoke, .administer) { _, context in
            try await services.tokens.revoke(try context.intParam("id"), by: context.principal, at: services.clock.now())
            return PageRenderer.redirect(SitePath.adminTokens.href)
        }

        routes.get(SitePath.Pattern.adminAudit, .administer) { request, context in
            let params = request.query
            var filter = try AuditFilterInput.parse(params)
            let pager = Pager(params, size: 100)
            filter.limit = pager.size
            filter.offset = pager.offset
            let result = try await services.audit.list(filter)
            let names = try await agencyNames()
            let model: [String: Any] = [
                "user": params["user"] ?? "", "agencies": try await agencyOptions(selected: params["agency"]),
                "actions": CodeLabels.auditGroups.map { ["value": $0.prefix, "label": $0.label, "selected": $0.prefix == params["action"]] },
                "from": params["from"] ?? "",
                "to": params["to"] ?? "", "total": DossierViews.number(result.total),
                "pager": pager.with(total: result.total).model(base: SitePath.adminAudit.href, query: params, noun: "thao tác"),
                "entries": result.items.map {
                    [
                        "id": $0.id, "at": VietnamDisplay.dateTime($0.at), "user": $0.username,
                        "agency": $0.agencyId.map { names[$0] ?? $0 } ?? "", "action": CodeLabels.auditAction($0.action),
                        "target": CodeLabels.auditTarget(type: $0.targetType, id: $0.targetId),
                        "detail": CodeLabels.auditDetail($0.detail), "hash": String($0.hash.prefix(12))
                    ]
                }
            ]
            return try pages.page(
                "admin-audit", title: "Nhật ký kiểm toán", crumbs: [adminCrumb, .init(label: "Nhật ký", href: nil)],
                model: model, context: context, currentPath: SitePath.adminAudit.href)
        }
    }

    private func agenciesPage(
        query: String, context: AppRequestContext, problems: [FieldProblem],
        status: HTTPResponse.Status, pager: Pager = Pager(page: 1, size: 50, total: 0),
        params: FormFields = FormFields("")
    ) async throws -> Response {
        let result = try await services.agencies.list(query: query, limit: pager.size, offset: pager.offset)
        let model: [String: Any] = [
            "q": query, "total": DossierViews.number(result.total),
            "pager": pager.with(total: result.total).model(base: SitePath.adminAgencies.href, query: params, noun: "cơ quan"),
            "csrf": context.csrfToken, "action": SitePath.adminAgencies.href,
            "kinds": AgencyKind.allCases.map { ["value": $0.rawValue, "label": $0.label] },
            "units": CityMaps.unitsInOrder(services.reference).map { ["code": $0.code, "name": $0.name] },
            "problems": FieldLabels.rows(problems), "hasProblems": !problems.isEmpty,
            "agencies": result.items.map {
                [
                    "id": $0.id, "name": $0.name, "kind": $0.kind.label, "official": $0.idIsOfficial,
                    "unit": $0.unitCode.flatMap { services.reference.unitsByCode[$0]?.name } ?? "Cấp Thành phố",
                    "href": SitePath.adminAgency(id: $0.id).href
                ]
            }
        ]
        return try pages.page(
            "admin-agencies", title: "Cơ quan", crumbs: [adminCrumb, .init(label: "Cơ quan", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.adminAgencies.href)
    }

    /// Every agency as a picker option (name shown, identifier sent), in Vietnamese order.
    private func agencyOptions(selected: String?) async throws -> [[String: Any]] {
        try await services.agencies.list(limit: 1000).items
            .sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
            .map { ["id": $0.id, "name": $0.name, "selected": $0.id == selected] }
    }

    private func agencyNames() async throws -> [String: String] {
        Dictionary(try await services.agencies.list(limit: 1000).items.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    private func userRow(_ account: Account) -> [String: Any] {
        [
            "id": account.id, "username": account.username, "name": account.fullName, "role": account.role.label,
            "agency": account.agencyId, "disabled": account.isDisabled, "locked": account.lockedUntil.map { $0 > services.clock.now() } ?? false,
            "href": SitePath.adminUser(id: account.id).href
        ]
    }

    static func userEventLabel(_ action: String) -> String {
        switch action {
        case "create": "Tạo tài khoản"
        case "disable": "Vô hiệu hóa"
        case "enable": "Mở lại"
        case "lock": "Tạm khóa"
        default: action
        }
    }

    private func roleOptions(selected: String) -> [[String: Any]] {
        Role.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == selected] }
    }

    private func agencyForm(
        _ agency: Agency, newId: String? = nil, hoursText: String, context: AppRequestContext,
        problems: [FieldProblem], saved: Int?, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var model: [String: Any] = [
            "id": agency.id, "newId": newId ?? agency.id, "name": agency.name, "kind": agency.kind.label,
            "official": agency.idIsOfficial, "unit": agency.unitCode ?? "", "csrf": context.csrfToken,
            "action": SitePath.adminAgency(id: agency.id).href, "workingHours": hoursText,
            "standardHours": WorkingHours.standard.text, "hasProblems": !problems.isEmpty
        ]
        model["problems"] = FieldLabels.rows(problems)
        if let saved { model["saved"] = ["moved": saved] }
        return try pages.page(
            "admin-agency", title: agency.name,
            crumbs: [adminCrumb, .init(label: "Cơ quan", href: SitePath.adminAgencies.href), .init(label: agency.name, href: nil)],
            model: model, context: context, status: status)
    }

    private func usersPage(
        request: Request, context: AppRequestContext, problems: [FieldProblem], draft: [String: String],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let params = request.query
        let query = params["q"] ?? ""
        let pager = Pager(params)
        let result = try await services.accounts.list(query: query, agencyId: params["agency"], limit: pager.size, offset: pager.offset)
        let names = try await agencyNames()
        let model: [String: Any] = [
            "q": query, "total": DossierViews.number(result.total), "csrf": context.csrfToken,
            "pager": pager.with(total: result.total).model(base: SitePath.adminUsers.href, query: params, noun: "người dùng"),
            "users": result.items.map { account in
                var row = userRow(account)
                row["agency"] = names[account.agencyId] ?? account.agencyId
                return row
            },
            "agencies": try await agencyOptions(selected: draft["agency"]),
            "roles": roleOptions(selected: draft["role"] ?? "officer"), "draft": draft,
            "problems": FieldLabels.rows(problems), "hasProblems": !problems.isEmpty,
            "action": SitePath.adminUsers.href
        ]
        return try pages.page(
            "admin-users", title: "Người dùng", crumbs: [adminCrumb, .init(label: "Người dùng", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.adminUsers.href)
    }

    private func userPage(
        _ account: Account, context: AppRequestContext, problems: [FieldProblem], saved: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let history = try await services.timeline.events(of: CaseRef(.user, account.id))
        let model: [String: Any] = [
            "user": userRow(account), "agencyId": account.agencyId, "agencies": try await agencyOptions(selected: account.agencyId),
            "disabled": account.isDisabled, "csrf": context.csrfToken,
            "roles": roleOptions(selected: account.role.rawValue), "saved": saved,
            "created": VietnamDisplay.dateTime(account.createdAt),
            "action": SitePath.adminUser(id: account.id).href, "passwordAction": SitePath.adminUserPassword(id: account.id).href,
            "problems": FieldLabels.rows(problems), "hasProblems": !problems.isEmpty,
            "history": history.map {
                [
                    "at": VietnamDisplay.dateTime($0.at), "actor": $0.actorName, "action": Self.userEventLabel($0.action),
                    "from": $0.fromState.map(CodeLabels.state) ?? "—", "to": $0.toState.map(CodeLabels.state) ?? "—"
                ]
            }
        ]
        return try pages.page(
            "admin-user", title: account.username,
            crumbs: [adminCrumb, .init(label: "Người dùng", href: SitePath.adminUsers.href), .init(label: account.username, href: nil)],
            model: model, context: context, status: status)
    }

    private func tokensPage(
        context: AppRequestContext, secret: String?, problems: [FieldProblem], status: HTTPResponse.Status
    ) async throws -> Response {
        let tokens = try await services.tokens.list()
        let model: [String: Any] = [
            "secret": secret as Any, "csrf": context.csrfToken, "action": SitePath.adminTokens.href,
            "problems": FieldLabels.rows(problems), "hasProblems": !problems.isEmpty,
            "tokens": tokens.map {
                [
                    "id": $0.id, "username": $0.username, "name": $0.name, "prefix": $0.prefix,
                    "created": VietnamDisplay.dateTime($0.createdAt), "used": VietnamDisplay.dateTime($0.lastUsedAt),
                    "revoked": $0.revokedAt != nil, "revokedAt": VietnamDisplay.dateTime($0.revokedAt),
                    "revokeAction": SitePath.adminTokenRevoke(id: $0.id).href
                ]
            }
        ]
        return try pages.page(
            "admin-tokens", title: "Token API", crumbs: [adminCrumb, .init(label: "Token API", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.adminTokens.href)
    }
}
