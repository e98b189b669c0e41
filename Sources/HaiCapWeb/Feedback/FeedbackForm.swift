import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The report form, shared by citizens (`/phan-anh`) and 1022 operators (`/tong-dai/tiep-nhan`):
/// category, description, a map to click (or typed coordinates), an address (current or
/// pre-2025), photos, contact or anonymous. Before a report is stored, open reports of the same
/// category nearby are shown, so the citizen can follow one of them instead.
struct FeedbackForm {
    let services: AppServices
    let pages: PageRenderer

    struct Config {
        let action: String
        let title: String
        let operatorEntry: Bool
    }

    func render(
        _ config: Config, values: FormFields, problems: [FieldProblem], nearby: [(report: Report, metres: Double)] = [],
        context: AppRequestContext, status: HTTPResponse.Status = .ok, photosDropped: Int = 0
    ) async throws -> Response {
        let categories = try await services.feedbackCatalogue.categories(activeOnly: true)
        let geography = services.geography.geography
        let zoom = values["khu-vuc"].flatMap { services.reference.unitsByCode[$0] != nil ? $0 : nil }
        let view = CityMaps.view(geography, around: zoom ?? "26740")
        var map = CityMaps.map(
            geography, reference: services.reference, view: view, width: 760, height: 520,
            ariaLabel: "Bản đồ: bấm vào vị trí sự việc", labelUnits: true)
        if let lat = values["lat"].flatMap(Double.init), let lon = values["lon"].flatMap(Double.init) {
            map.markers.append(.init(point: GeoPoint(lat: lat, lon: lon), colour: "#d7301f", title: "Vị trí đã chọn"))
        }
        let selected = values["category"] ?? ""
        let model: [String: Any] = [
            "action": config.action, "operatorEntry": config.operatorEntry,
            "categories": categories.map { category -> [String: Any] in
                [
                    "code": category.code, "name": category.name, "description": category.description, "selected": category.code == selected,
                    "answerDays": category.answerDays
                ]
            },
            "attributes": categories.flatMap { category in
                category.attributes.map { attribute -> [String: Any] in
                    [
                        "category": category.code, "categoryName": category.name, "code": attribute.code, "description": attribute.description,
                        "required": attribute.required, "hasValues": attribute.datatype.hasValues,
                        // A multi-value question takes several ticks; the value items read this from their question.
                        "inputType": attribute.datatype == .multivaluelist ? "checkbox" : "radio",
                        "values": attribute.values.map { value -> [String: Any] in
                            ["key": value.key, "name": value.name, "checked": values.all("attribute[\(attribute.code)]").contains(value.key)]
                        },
                        "value": values["attribute[\(attribute.code)]"] ?? ""
                    ]
                }
            },
            "description": values["description"] ?? "", "lat": values["lat"] ?? "", "lon": values["lon"] ?? "",
            "address": values["address"] ?? "", "name": values["name"] ?? "", "phone": values["phone"] ?? "", "email": values["email"] ?? "",
            "anonymous": values["anonymous"] == "1",
            "units": CityMaps.unitsInOrder(services.reference)
                .map { ["code": $0.code, "name": $0.name, "selected": $0.code == (zoom ?? "26740")] },
            "map": map.render(), "approximate": geography.isApproximate,
            "hasProblems": !problems.isEmpty, "problems": FieldLabels.rows(problems),
            "hasNearby": !nearby.isEmpty,
            "nearby": nearby.map { entry -> [String: Any] in
                [
                    "id": entry.report.id, "metres": Int(entry.metres.rounded()), "description": entry.report.description,
                    "status": entry.report.status.label, "received": DossierViews.day(entry.report.receivedAt),
                    "followers": entry.report.followers, "href": SitePath.feedbackReport(id: entry.report.id).href,
                    "follow": SitePath.feedbackReporterAction(id: entry.report.id).href,
                    "photo": "/api/v1/feedback/\(entry.report.id)/photos/1", "hasPhoto": entry.report.photoCount > 0,
                    "hasFollowers": entry.report.followers > 0
                ]
            }
        ]
        var shown = model
        if photosDropped > 0 {
            shown["reselect"] = "Ảnh đã chọn (\(photosDropped)) chưa được lưu vì phản ánh còn lỗi: vui lòng chọn lại ảnh."
        }
        return try pages.page(
            "feedback-form", title: config.title, crumbs: [.init(label: config.title, href: nil)], model: shown,
            context: context, status: status, currentPath: config.action)
    }

    /// The page after a report is filed: its number, agency, due date and, once, the private code.
    func submitted(_ config: Config, request: Request, context: AppRequestContext) async throws -> Response? {
        guard let id = request.query["da-gui"].flatMap({ Int($0) }) else { return nil }
        let report = try await services.reports.get(id)
        let kept = await pages.takeFlash(request, context: context, now: services.clock.now()).flatMap { $0["id"] == String(id) ? $0 : nil }
        let model: [String: Any] = [
            "id": report.id, "token": kept?["token"] ?? "", "hasToken": kept != nil, "href": SitePath.feedbackReport(id: report.id).href,
            "agency": report.agencyName, "due": DossierViews.time(report.due), "unit": report.unitName ?? "",
            "hasUnit": report.unitName != nil, "approximate": report.boundaryApproximate, "operatorEntry": config.operatorEntry,
            "staffHref": SitePath.feedbackCase(id: report.id).href, "note": kept?["note"] ?? ""
        ]
        return try pages.page(
            "feedback-submitted", title: "Đã gửi phản ánh số \(report.id)", crumbs: [.init(label: config.title, href: config.action)],
            model: model, context: context)
    }

    /// The store stops at the first kind of problem (no category, then the text and place, then the photos);
    /// the form lists every problem at once, so the rest is checked here too.
    func allProblems(_ first: [FieldProblem], draft: ReportDraft, category: FeedbackCategory?, photos: [ReportPhoto]) async -> [FieldProblem] {
        var problems = first
        func add(_ more: [FieldProblem]) {
            problems += more.filter { problem in !problems.contains { $0.field == problem.field && $0.message == problem.message } }
        }
        var standIn = category
        if standIn == nil, var any = try? await services.feedbackCatalogue.categories(activeOnly: true).first {
            any.attributes = []
            standIn = any
        }
        if let standIn {
            do { _ = try draft.validated(category: standIn) } catch { add(error.problems) }
        }
        do { try ReportPhoto.validate(photos) } catch { add(error.problems) }
        return problems
    }

    /// Validates and stores a posted report, or shows the form again with the problems (nothing
    /// stored), or with the nearby open reports when the citizen has not yet confirmed.
    func submit(_ config: Config, request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await MultipartForm.from(request, context: context, limits: .photos)
        let fields = form.fields
        let photos: [ReportPhoto]
        do throws(ValidationError) {
            photos = try form.files("photos").map { ReportPhoto(name: $0.filename ?? "anh", data: $0.data) }
        } catch {
            return try await render(
                config, values: fields, problems: error.problems, context: context, status: .badRequest,
                photosDropped: form.dropped.count + form.parts.filter { $0.name == "photos" && $0.filename != nil }.count)
        }
        var attributes: [String: [String]] = [:]
        let category = try? await services.feedbackCatalogue.category(fields["category"] ?? "")
        for attribute in category?.attributes ?? [] {
            let given = fields.all("attribute[\(attribute.code)]").filter { !$0.isEmpty }
            if !given.isEmpty { attributes[attribute.code] = given }
        }
        let draft = ReportDraft(
            categoryCode: fields["category"] ?? "", description: fields["description"] ?? "", lat: fields["lat"],
            lon: fields["lon"], address: fields["address"], name: fields["name"], phone: fields["phone"],
            email: fields["email"], anonymous: fields["anonymous"] == "1", attributes: attributes,
            channel: config.operatorEntry ? .phone : .web)
        do {
            if let category, fields["confirm"] != "1", let point = try? draft.validated(category: category).point {
                let nearby = try await services.reports.nearby(category: category.code, point: point, radiusMetres: category.duplicateRadiusMetres)
                if !nearby.isEmpty {
                    return try await render(config, values: fields, problems: [], nearby: nearby, context: context)
                }
            }
            let now = services.clock.now()
            if context.principal == nil { try await services.anonymous.submitReport(client: context.clientAddress, at: now) }
            let submitted = try await services.reports.submit(draft, photos: photos, by: context.principal, at: now)
            // 303 to a GET page: a refresh cannot file the report twice; the private code is shown there once.
            return await pages.redirect(
                config.action + "?da-gui=\(submitted.report.id)",
                flash: ["id": String(submitted.report.id), "token": submitted.token, "note": submitted.routingNote],
                context: context, now: now)
        } catch let error as ValidationError {
            return try await render(
                config, values: fields, problems: await allProblems(error.problems, draft: draft, category: category, photos: photos),
                context: context, status: .badRequest, photosDropped: photos.count)
        }
    }
}
