import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Administrators' 1022 pages: categories (who answers, how fast, duplicate radius, extra
/// questions), routing rules, Open311 client keys, and the unit boundaries in force.
///
/// | route | permission |
/// |---|---|
/// | /quan-tri/phan-anh…, /quan-tri/open311…, /quan-tri/ranh-gioi | administer |
struct FeedbackAdminPages {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.adminFeedback, .administer) { request, context in
            try await overview(
                context: context, message: await pages.takeFlash(request, context: context, now: services.clock.now())?["message"], problems: [])
        }
        routes.get(SitePath.Pattern.adminCategory, .administer) { _, context in
            let code = try context.param("code")
            let category =
                (try? await services.feedbackCatalogue.category(code))
                ?? FeedbackCategory(code: code == "moi" ? "" : code, name: "", description: "", group: "", responsible: .unitCommittee)
            return try await categoryPage(category, context: context, problems: [])
        }
        routes.post(SitePath.Pattern.adminCategory, .administer) { request, context in
            let form = try await FormFields.from(request, context: context)
            var problems: [FieldProblem] = []
            var attributes: [FeedbackAttribute] = []
            let json = (form["attributes"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !json.isEmpty {
                do {
                    attributes = try JSONDecoder().decode([FeedbackAttribute].self, from: Data(json.utf8))
                } catch {
                    problems.append(
                        FieldProblem(
                            field: "attributes", message: "Câu hỏi bổ sung phải là mảng JSON [{code, description, datatype, required, values}]."))
                }
            }
            var check = Validator()
            let forward = form.int("forwardMinutes", default: 5, range: 1...1440, into: &check)
            let days = form.int("answerDays", default: 5, range: 1...60, into: &check)
            let radius = form.int("duplicateRadiusMetres", default: 50, range: 0...5000, into: &check)
            problems += check.problems
            let responsible = form["responsible"] ?? "unit-ubnd"
            let category = FeedbackCategory(
                code: (form["code"] ?? "").trimmingCharacters(in: .whitespaces), name: (form["name"] ?? "").trimmingCharacters(in: .whitespaces),
                description: form["description"] ?? "", group: form["group"] ?? "",
                keywords: (form["keywords"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                responsible: responsible == "unit-ubnd" ? .unitCommittee : .agency(responsible), forwardMinutes: forward, answerDays: days,
                duplicateRadiusMetres: radius, attributes: attributes, active: form["active"] == "1")
            guard problems.isEmpty else { return try await categoryPage(category, context: context, problems: problems, status: .badRequest) }
            do {
                try await services.feedbackCatalogue.save(category, by: context.principal, at: services.clock.now())
            } catch let error as ValidationError {
                return try await categoryPage(category, context: context, problems: error.problems, status: .badRequest)
            }
            return await pages.redirect(
                SitePath.adminFeedback.href, message: "Đã lưu lĩnh vực «\(category.name)».", context: context,
                now: services.clock.now())
        }
        routes.post(SitePath.Pattern.adminRules, .administer) { request, context in
            let form = try await FormFields.from(request, context: context)
            do {
                let rule = try await services.feedbackCatalogue.addRule(
                    RoutingRule(
                        categoryCode: FeedbackAPIRoutes.blankToNil(form["categoryCode"]), unitCode: FeedbackAPIRoutes.blankToNil(form["unitCode"]),
                        agencyId: form["agencyId"] ?? "", note: form["note"] ?? ""),
                    knownUnits: Set(services.reference.units.map(\.code)), by: context.principal, at: services.clock.now())
                return await pages.redirect(
                    SitePath.adminFeedback.href, message: "Đã thêm quy tắc số \(rule.id).", context: context,
                    now: services.clock.now())
            } catch let error as ValidationError {
                return try await overview(context: context, message: nil, problems: error.problems, status: .badRequest)
            }
        }
        routes.post(SitePath.Pattern.adminRuleDelete, .administer) { _, context in
            let id = try context.intParam("id")
            try await services.feedbackCatalogue.deleteRule(id, by: context.principal, at: services.clock.now())
            return await pages.redirect(
                SitePath.adminFeedback.href, message: "Đã xoá quy tắc số \(id).", context: context,
                now: services.clock.now())
        }
        routes.get(SitePath.Pattern.adminOpen311Keys, .administer) { request, context in
            let secret = await pages.takeFlash(request, context: context, now: services.clock.now())?["key"]
            return try await keysPage(context: context, secret: secret, problems: [])
        }
        routes.post(SitePath.Pattern.adminOpen311Keys, .administer) { request, context in
            let form = try await FormFields.from(request, context: context)
            do {
                let (_, secret) = try await services.open311Keys.create(name: form["name"] ?? "", by: context.principal, at: services.clock.now())
                return await pages.redirect(SitePath.adminOpen311Keys.href, flash: ["key": secret], context: context, now: services.clock.now())
            } catch let error as ValidationError {
                return try await keysPage(context: context, secret: nil, problems: error.problems, status: .badRequest)
            }
        }
        routes.post(SitePath.Pattern.adminOpen311KeyRevoke, .administer) { _, context in
            try await services.open311Keys.revoke(try context.intParam("id"), by: context.principal, at: services.clock.now())
            return PageRenderer.redirect(SitePath.adminOpen311Keys.href)
        }
        routes.get(SitePath.Pattern.adminBoundaries, .administer) { request, context in
            try await boundariesPage(
                context: context, message: await pages.takeFlash(request, context: context, now: services.clock.now())?["message"], problems: [])
        }
        routes.post(SitePath.Pattern.adminBoundaries, .administer) { request, context in
            let form = try await MultipartForm.from(request, context: context, limits: .imports)
            guard let file = try form.files("file").first else {
                return try await boundariesPage(
                    context: context, message: nil, problems: [FieldProblem(field: "file", message: "Chọn tệp GeoJSON.")],
                    status: .badRequest)
            }
            do {
                let summary = try await services.geography.importBoundaries(
                    file.data, source: file.filename ?? "Tệp ranh giới", by: context.principal,
                    at: services.clock.now(), audit: services.audit)
                return await pages.redirect(
                    SitePath.adminBoundaries.href,
                    message: "Đã nạp ranh giới chính thức của \(summary.units) đơn vị (\(summary.polygons) vùng).",
                    context: context, now: services.clock.now())
            } catch let error as ValidationError {
                return try await boundariesPage(context: context, message: nil, problems: error.problems, status: .badRequest)
            }
        }
    }

    func overview(context: AppRequestContext, message: String?, problems: [FieldProblem], status: HTTPResponse.Status = .ok) async throws -> Response
    {
        let categories = try await services.feedbackCatalogue.categories()
        let rules = try await services.feedbackCatalogue.rules()
        let agencies = try await services.agencies.list(limit: 1000).items.sorted {
            VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name)
        }
        let names = Dictionary(agencies.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let model: [String: Any] = [
            "categories": categories.map { category -> [String: Any] in
                [
                    "code": category.code, "name": category.name, "href": SitePath.adminCategory(code: category.code).href,
                    "responsible": category.responsible.agencyId.map { names[$0] ?? $0 } ?? "UBND phường, xã tại nơi xảy ra",
                    "forward": category.forwardMinutes, "days": category.answerDays, "radius": category.duplicateRadiusMetres,
                    "questions": category.attributes.count, "active": category.active
                ]
            },
            "rules": rules.map { rule -> [String: Any] in
                [
                    "id": rule.id, "category": rule.categoryCode.map { code in categories.first { $0.code == code }?.name ?? code } ?? "mọi lĩnh vực",
                    "unit": rule.unitCode.map { services.reference.unitsByCode[$0]?.name ?? $0 } ?? "mọi đơn vị",
                    "agency": names[rule.agencyId] ?? rule.agencyId, "note": rule.note, "delete": SitePath.adminRuleDelete(id: rule.id).href
                ]
            },
            "categoryOptions": categories.map { ["code": $0.code, "name": $0.name] },
            "unitOptions": services.reference.units.map { ["code": $0.code, "name": $0.name] },
            "agencyOptions": agencies.filter { $0.kind != .unitServiceCentre }.map { ["id": $0.id, "name": $0.name] },
            "newCategory": SitePath.adminCategory(code: "moi").href, "rulesAction": SitePath.adminRules.href,
            "keys": SitePath.adminOpen311Keys.href, "boundaries": SitePath.adminBoundaries.href,
            "message": message ?? "", "hasMessage": message != nil,
            "hasProblems": !problems.isEmpty, "problems": FieldLabels.rows(problems)
        ]
        return try pages.page(
            "admin-feedback", title: "Phản ánh 1022: lĩnh vực và điều phối",
            crumbs: [.init(label: "Quản trị", href: SitePath.adminHome.href), .init(label: "Phản ánh 1022", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.adminFeedback.href)
    }

    func categoryPage(
        _ category: FeedbackCategory, context: AppRequestContext, problems: [FieldProblem],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let agencies = try await services.agencies.list(limit: 1000).items.filter { $0.unitCode == nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let attributes = category.attributes.isEmpty ? "" : String(decoding: (try? encoder.encode(category.attributes)) ?? Data(), as: UTF8.self)
        let model: [String: Any] = [
            "code": category.code, "isNew": category.name.isEmpty && category.code.isEmpty, "name": category.name,
            "description": category.description,
            "group": category.group, "keywords": category.keywords.joined(separator: ", "), "forward": category.forwardMinutes,
            "days": category.answerDays, "radius": category.duplicateRadiusMetres, "active": category.active, "attributes": attributes,
            "ward": category.responsible == .unitCommittee,
            "agencies": agencies.map { ["id": $0.id, "name": $0.name, "selected": $0.id == category.responsible.agencyId] },
            "action": SitePath.adminCategory(code: category.code.isEmpty ? "moi" : category.code).href,
            "hasProblems": !problems.isEmpty, "problems": FieldLabels.rows(problems)
        ]
        return try pages.page(
            "admin-feedback-category", title: category.name.isEmpty ? "Thêm lĩnh vực phản ánh" : "Lĩnh vực: \(category.name)",
            crumbs: [
                .init(label: "Quản trị", href: SitePath.adminHome.href), .init(label: "Phản ánh 1022", href: SitePath.adminFeedback.href),
                .init(label: category.code.isEmpty ? "mới" : category.code, href: nil)
            ],
            model: model, context: context, status: status, currentPath: SitePath.adminFeedback.href)
    }

    func keysPage(context: AppRequestContext, secret: String?, problems: [FieldProblem], status: HTTPResponse.Status = .ok) async throws -> Response {
        let keys = try await services.open311Keys.list()
        let model: [String: Any] = [
            "keys": keys.map { key -> [String: Any] in
                [
                    "id": key.id, "name": key.name, "prefix": key.prefix, "created": DossierViews.time(key.createdAt),
                    "by": key.createdBy ?? "dòng lệnh", "revoked": DossierViews.time(key.revokedAt),
                    "live": key.revokedAt == nil, "revoke": SitePath.adminOpen311KeyRevoke(id: key.id).href
                ]
            },
            "secret": secret ?? "", "hasSecret": secret != nil, "action": SitePath.adminOpen311Keys.href,
            "hasProblems": !problems.isEmpty, "problems": FieldLabels.rows(problems)
        ]
        return try pages.page(
            "admin-open311", title: "Khoá API Open311",
            crumbs: [.init(label: "Quản trị", href: SitePath.adminHome.href), .init(label: "Khoá API Open311", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.adminOpen311Keys.href)
    }

    func boundariesPage(
        context: AppRequestContext, message: String?, problems: [FieldProblem], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let geography = services.geography.geography
        let map = CityMaps.map(
            geography, reference: services.reference, view: CityMaps.view(geography, around: nil),
            ariaLabel: "Ranh giới 168 đơn vị đang dùng")
        let model: [String: Any] = [
            "approximate": geography.isApproximate, "source": geography.source, "units": geography.shapes.count,
            "vertices": DossierViews.number(geography.vertexCount),
            "map": map.render(), "action": SitePath.adminBoundaries.href,
            "message": message ?? "", "hasMessage": message != nil,
            "hasProblems": !problems.isEmpty, "problems": FieldLabels.rows(problems)
        ]
        return try pages.page(
            "admin-boundaries", title: "Ranh giới đơn vị hành chính",
            crumbs: [.init(label: "Quản trị", href: SitePath.adminHome.href), .init(label: "Ranh giới", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.adminBoundaries.href)
    }
}
