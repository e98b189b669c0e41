import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Citizens' 1022 pages: the report form, a report's public status page (with the reporter's own
/// actions behind the token), the public map and the PAKN statistics of Quyết định 766.
///
/// | route | permission |
/// |---|---|
/// | GET/POST /phan-anh, GET /phan-anh/{id}, POST /phan-anh/{id}/nguoi-gui, GET /ban-do-phan-anh, GET /thong-ke-phan-anh | everyone |
/// | GET/POST /tong-dai/tiep-nhan | takeCalls |
struct FeedbackPages {
    let services: AppServices
    let pages: PageRenderer

    var citizen: FeedbackForm.Config { .init(action: SitePath.feedbackForm.href, title: "Gửi phản ánh, kiến nghị (1022)", operatorEntry: false) }
    var operatorEntry: FeedbackForm.Config {
        .init(action: SitePath.callIntake.href, title: "Tổng đài 1022: nhập phản ánh qua điện thoại", operatorEntry: true)
    }

    func register(_ routes: Routes) {
        let form = FeedbackForm(services: services, pages: pages)
        routes.get(SitePath.Pattern.feedbackForm, .everyone) { request, context in
            if let page = try await form.submitted(citizen, request: request, context: context) { return page }
            return try await form.render(citizen, values: request.query, problems: [], context: context)
        }
        routes.post(SitePath.Pattern.feedbackForm, .everyone) { request, context in
            try await form.submit(citizen, request: request, context: context)
        }
        routes.get(SitePath.Pattern.callIntake, .takeCalls) { request, context in
            if let page = try await form.submitted(operatorEntry, request: request, context: context) { return page }
            return try await form.render(operatorEntry, values: request.query, problems: [], context: context)
        }
        routes.post(SitePath.Pattern.callIntake, .takeCalls) { request, context in
            try await form.submit(operatorEntry, request: request, context: context)
        }
        routes.get(SitePath.Pattern.feedbackReport, .everyone) { request, context in
            // The reporter's actions answer with 303 to here, so a refresh does not send them again.
            let message: String? =
                switch request.query["xong"] {
                case "follow": "Cảm ơn bạn: phản ánh này đã ghi nhận thêm một người cùng phản ánh."
                case let raw?: ReportAction(rawValue: raw).flatMap { $0.byReporter ? "Đã ghi nhận: \($0.label.lowercased())." : nil }
                case nil: nil
                }
            return try await statusPage(try FeedbackAPIRoutes.id(context), context: context, message: message, problems: [])
        }
        routes.post(SitePath.Pattern.feedbackReporterAction, .everyone) { request, context in
            let id = try FeedbackAPIRoutes.id(context)
            let form = try await FormFields.from(request, context: context)
            let now = services.clock.now()
            do {
                switch form["action"] ?? "" {
                case "follow":
                    _ = try await services.reports.get(id)
                    try await services.anonymous.follow(reportId: id, client: context.clientAddress, at: now)
                    _ = try await services.reports.follow(id, at: now)
                    return PageRenderer.redirect(SitePath.feedbackReport(id: id).href + "?xong=follow")
                case let raw:
                    guard let action = ReportAction(rawValue: raw), action.byReporter else {
                        throw ValidationError(field: "action", "Thao tác không hợp lệ.")
                    }
                    let rating = form["rating"].flatMap { Int($0) }
                    _ = try await services.reports.act(
                        id, action, ReportActionInput(note: form["note"], rating: rating),
                        by: .reporter(token: (form["token"] ?? "").trimmingCharacters(in: .whitespaces)), at: now)
                    return PageRenderer.redirect(SitePath.feedbackReport(id: id).href + "?xong=\(action.rawValue)")
                }
            } catch let error as ValidationError {
                return try await statusPage(id, context: context, message: nil, problems: error.problems, status: .badRequest)
            } catch let error as any HaiCapError {
                return try await statusPage(
                    id, context: context, message: nil, problems: [FieldProblem(field: "token", message: error.message)],
                    status: ErrorMiddleware.status(for: error.kind))
            }
        }
        routes.get(SitePath.Pattern.feedbackMap, .everyone) { request, context in
            try await mapPage(request.query, context: context)
        }
        routes.get(SitePath.Pattern.feedbackStats, .everyone) { request, context in
            try await statsPage(request.query, context: context)
        }
    }

    func statusPage(
        _ id: Int, context: AppRequestContext, message: String?, problems: [FieldProblem],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let report = try await services.reports.get(id)
        let now = services.clock.now()
        let calendar = try await services.calendars.calendar(agencyId: report.agencyId)
        let events = try await services.reports.events(of: id, publicOnly: true)
        let photos = try await services.reports.photoIds(of: id)
        var map: String = ""
        if let point = report.point {
            let geography = services.geography.geography
            var svg = CityMaps.map(
                geography, reference: services.reference, view: BoundingBox(around: point).expanded(byMetres: 900),
                width: 520, height: 360, ariaLabel: "Vị trí phản ánh", labelUnits: true)
            svg.markers.append(
                .init(
                    point: point, colour: CityMaps.colour(report.status), title: report.categoryName,
                    emphasised: report.isOverdue(at: now)))
            map = svg.render()
        }
        let model: [String: Any] = [
            "id": report.id, "category": report.categoryName, "description": report.description,
            "status": report.status.label, "statusCode": report.status.rawValue, "open": report.status.isOpen,
            "received": DossierViews.time(report.receivedAt), "due": DossierViews.time(report.due), "overdue": report.isOverdue(at: now),
            "paused": report.status == .waitingForInformation,
            "place": report.address ?? "", "hasPlace": report.address != nil, "unit": report.unitName ?? "Chưa xác định đơn vị",
            "approximate": report.boundaryApproximate, "agency": report.agencyName, "followers": report.followers,
            "hasFollowers": report.followers > 0, "answer": report.answer ?? "", "hasAnswer": report.answer != nil,
            "answeredOnTime": report.answeredOnTime == true, "answeredLate": report.answeredOnTime == false,
            "rating": report.rating ?? 0, "hasRating": report.rating != nil,
            "duplicateOf": report.duplicateOf ?? 0, "isDuplicate": report.duplicateOf != nil,
            "duplicateHref": report.duplicateOf.map { SitePath.feedbackReport(id: $0).href } ?? "",
            "map": map, "hasMap": !map.isEmpty,
            "photos": photos.enumerated().map { index, photo in
                ["src": "/api/v1/feedback/\(id)/photos/\(index + 1)", "answer": photo.kind == "answer"]
            },
            "timeline": TimelineRow.rows(events, for: .citizen),
            "action": SitePath.feedbackReporterAction(id: id).href,
            "canFollow": report.status.isOpen && report.duplicateOf == nil,
            "waiting": report.status == .waitingForInformation,
            "canReopen": report.canReopen(now: now, days: services.reports.reopenDays, in: calendar) && !report.status.isOpen,
            "canRate": report.answeredAt != nil && report.rating == nil && !report.status.isOpen,
            "reopenDays": services.reports.reopenDays,
            "message": message ?? "", "hasMessage": message != nil,
            "hasProblems": !problems.isEmpty, "problems": FieldLabels.rows(problems)
        ]
        return try pages.page(
            "feedback-report", title: "Phản ánh số \(id)",
            crumbs: [.init(label: "Bản đồ phản ánh", href: SitePath.feedbackMap.href), .init(label: "Số \(id)", href: nil)],
            model: model, context: context, status: status)
    }

    func mapPage(_ query: FormFields, context: AppRequestContext) async throws -> Response {
        let now = services.clock.now()
        let unit = query["khu-vuc"].flatMap { services.reference.unitsByCode[$0] != nil ? $0 : nil }
        let category = query["category"].flatMap { $0.isEmpty ? nil : $0 }
        let reports = try await services.reports.forMap(now: now, unitCode: unit, categoryCode: category)
        let geography = services.geography.geography
        let view = CityMaps.view(geography, around: unit)
        var map = CityMaps.map(
            geography, reference: services.reference, view: view, ariaLabel: "Bản đồ phản ánh đang mở và mới trả lời",
            href: { "\(SitePath.feedbackMap.href)?khu-vuc=\($0)" }, labelUnits: unit != nil)
        for report in reports {
            guard let point = report.point else { continue }
            map.markers.append(
                .init(
                    point: point, colour: CityMaps.colour(report.status),
                    title: "Số \(report.id): \(report.categoryName) — \(report.status.label)\(report.isOverdue(at: now) ? " (quá hạn)" : "")",
                    href: SitePath.feedbackReport(id: report.id).href, emphasised: report.isOverdue(at: now)))
        }
        let categories = try await services.feedbackCatalogue.categories()
        let pager = Pager(query, total: reports.count)
        let model: [String: Any] = [
            "map": map.render(), "approximate": geography.isApproximate, "count": DossierViews.number(reports.count),
            "overdue": DossierViews.number(reports.filter { $0.isOverdue(at: now) }.count),
            "units": CityMaps.unitsInOrder(services.reference)
                .map { ["code": $0.code, "name": $0.name, "selected": $0.code == unit] },
            "categories": categories.map { ["code": $0.code, "name": $0.name, "selected": $0.code == category] },
            "pager": pager.model(base: SitePath.feedbackMap.href, query: query, noun: "phản ánh"),
            "rows": reports[pager.offset..<min(pager.offset + pager.size, reports.count)].map { report -> [String: Any] in
                [
                    "id": report.id, "href": SitePath.feedbackReport(id: report.id).href, "category": report.categoryName,
                    "unit": report.unitName ?? "—", "status": report.status.label, "received": DossierViews.time(report.receivedAt),
                    "overdue": report.isOverdue(at: now), "description": String(report.description.prefix(120))
                ]
            },
            "legend": ReportStatus.allCases.map { ["label": $0.label, "colour": CityMaps.colour($0)] },
            "action": SitePath.feedbackMap.href
        ]
        return try pages.page(
            "feedback-map", title: "Bản đồ phản ánh 1022", crumbs: [.init(label: "Bản đồ phản ánh", href: nil)],
            model: model, context: context, currentPath: SitePath.feedbackMap.href)
    }

    func statsPage(_ query: FormFields, context: AppRequestContext) async throws -> Response {
        let now = services.clock.now()
        let (from, to) = try FeedbackAPIRoutes.period(query, now: now)
        let byUnit = try await services.feedbackStats.rows(by: .unit, from: from, to: to, now: now)
        let byCategory = try await services.feedbackStats.rows(by: .category, from: from, to: to, now: now)
        let total = FeedbackStats.total(byUnit)
        let rates = Dictionary(byUnit.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let geography = services.geography.geography
        let map = CityMaps.map(
            geography, reference: services.reference, view: CityMaps.view(geography, around: nil),
            ariaLabel: "Tỷ lệ trả lời đúng hạn theo phường, xã",
            fill: { SVGMap.choropleth(rates[$0]?.onTimeRate, maximum: 100) },
            titles: Dictionary(
                uniqueKeysWithValues: byUnit.filter { !$0.key.isEmpty }.map { row in
                    (row.key, "\(row.name): \(row.received) phản ánh, đúng hạn \(DossierViews.percent(row.onTimeRate))")
                }))
        func rows(_ list: [FeedbackStats.Row]) -> [[String: Any]] {
            list.map { row in
                [
                    "name": row.name, "received": DossierViews.number(row.received), "open": DossierViews.number(row.open),
                    "overdue": DossierViews.number(row.overdue), "answered": DossierViews.number(row.answered),
                    "onTime": DossierViews.percent(row.onTimeRate), "rated": DossierViews.number(row.rated),
                    "satisfaction": DossierViews.percent(row.satisfactionRate)
                ]
            }
        }
        let model: [String: Any] = [
            "from": VietnamTime.iso(from).prefix(10), "to": VietnamTime.iso(to.addingTimeInterval(-1)).prefix(10),
            "period": "\(DossierViews.day(from)) – \(DossierViews.day(to.addingTimeInterval(-1)))",
            "total": rows([total])[0], "units": rows(byUnit), "categories": rows(byCategory), "map": map.render(),
            "approximate": geography.isApproximate, "action": SitePath.feedbackStats.href,
            "legend": [0, 20, 40, 60, 80, 100].map { ["label": "\($0)%", "colour": SVGMap.choropleth(Double($0), maximum: 100)] }
        ]
        return try pages.page(
            "feedback-stats", title: "Thống kê phản ánh, kiến nghị", crumbs: [.init(label: "Thống kê phản ánh", href: nil)],
            model: model, context: context, currentPath: SitePath.feedbackStats.href)
    }
}
