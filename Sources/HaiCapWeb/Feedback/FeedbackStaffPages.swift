import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Officials' 1022 pages: the agency's queues with bulk assign, forward and close, and one
/// report with every action its state and the official's role allow.
///
/// | route | permission |
/// |---|---|
/// | GET /xu-ly-phan-anh, POST /xu-ly-phan-anh/hang-loat, GET /xu-ly-phan-anh/{id}, POST /xu-ly-phan-anh/{id}/{action} | handleFeedback (agency scope per report) |
struct FeedbackStaffPages {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.feedbackQueue, .handleFeedback) { request, context in
            try await queuePage(
                request.query, context: context, message: await pages.takeFlash(request, context: context, now: services.clock.now())?["message"])
        }
        routes.post(SitePath.Pattern.feedbackBulk, .handleFeedback) { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormFields.from(request, context: context)
            let ids = form.all("ids").compactMap { Int($0) }
            guard let action = ReportAction(rawValue: form["action"] ?? "") else { throw ValidationError(field: "action", "Chọn thao tác.") }
            let input = ReportActionInput(
                note: form["note"], assigneeId: form["assigneeId"].flatMap { Int($0) },
                agencyId: FeedbackAPIRoutes.blankToNil(form["agencyId"]))
            let result = try await services.reports.bulk(ids, action, input, by: principal, at: services.clock.now())
            var message = "Đã \(action.label.lowercased()) \(result.done.count) phản ánh."
            if !result.refused.isEmpty {
                message += " Không thực hiện được: " + result.refused.map { "số \($0.key) (\($0.message))" }.joined(separator: "; ")
            }
            return await pages.redirect(SitePath.feedbackQueue.href, message: message, context: context, now: services.clock.now())
        }
        routes.get(SitePath.Pattern.feedbackCase, .handleFeedback) { request, context in
            // After an action the browser is sent here (303), so a refresh does not repeat it.
            let done = request.query["xong"].flatMap(ReportAction.init(rawValue:))
            return try await casePage(
                try FeedbackAPIRoutes.id(context), context: context,
                message: done.map { "Đã thực hiện: \($0.label)." }, problems: [])
        }
        routes.post(SitePath.Pattern.feedbackCaseAction, .handleFeedback) { request, context in
            let principal = try context.requirePrincipal()
            let id = try FeedbackAPIRoutes.id(context)
            let raw = try context.param("action")
            guard let action = ReportAction(rawValue: raw) else { throw NotFoundError("page", raw) }
            let form = try await MultipartForm.from(request, context: context, limits: .photos)
            let fields = form.fields
            let photos: [ReportPhoto]
            do throws(ValidationError) {
                photos = try form.files("photos").map { ReportPhoto(name: $0.filename ?? "anh", data: $0.data) }
            } catch {
                return try await casePage(id, context: context, message: nil, problems: error.problems, status: .badRequest)
            }
            var due: Date?
            if let text = FeedbackAPIRoutes.blankToNil(fields["newDue"]) {
                // A bare date from the date picker means that day's close of business, not its midnight.
                let dayEnd = LocalDate(iso: text).map { VietnamTime.date($0, minutes: 17 * 60) }
                guard let parsed = dayEnd ?? VietnamTime.parseInstant(text) else {
                    return try await casePage(
                        id, context: context, message: nil,
                        problems: [FieldProblem(field: "newDue", message: "Ngày hẹn phải có dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM.")],
                        status: .badRequest)
                }
                due = parsed
            }
            let input = ReportActionInput(
                note: fields["note"], assigneeId: fields["assigneeId"].flatMap { Int($0) },
                agencyId: FeedbackAPIRoutes.blankToNil(fields["agencyId"]), mergeInto: fields["mergeInto"].flatMap { Int($0) },
                rating: fields["rating"].flatMap { Int($0) }, newDue: due,
                photos: photos)
            do {
                _ = try await services.reports.act(id, action, input, by: .official(principal), at: services.clock.now())
                return PageRenderer.redirect(SitePath.feedbackCase(id: id).href + "?xong=\(action.rawValue)")
            } catch let error as ValidationError {
                return try await casePage(id, context: context, message: nil, problems: error.problems, status: .badRequest)
            } catch let error as any HaiCapError where !(error is AccessError) {
                return try await casePage(
                    id, context: context, message: nil, problems: [FieldProblem(field: action.label, message: error.message)],
                    status: ErrorMiddleware.status(for: error.kind))
            }
        }
    }

    func queuePage(_ query: FormFields, context: AppRequestContext, message: String?) async throws -> Response {
        let principal = try context.requirePrincipal()
        let now = services.clock.now()
        var listQuery = try FeedbackAPIRoutes.listQuery(query)
        let pager = Pager(query)
        listQuery.limit = pager.size
        listQuery.offset = pager.offset
        let page = try await services.reports.list(listQuery, for: principal, now: now)
        let counts = try await services.reports.queueCounts(for: principal, now: now)
        let categories = try await services.feedbackCatalogue.categories()
        let staff = try await services.accounts.list(agencyId: principal.agencyId, limit: 200).items.filter { !$0.isDisabled }
        let agencies = try await forwardTargets(principal)
        var map = CityMaps.map(
            services.geography.geography, reference: services.reference,
            view: CityMaps.view(services.geography.geography, around: principal.unitCode), width: 640, height: 420,
            ariaLabel: "Bản đồ các phản ánh trong danh sách")
        for report in page.items {
            guard let point = report.point else { continue }
            map.markers.append(
                .init(
                    point: point, colour: CityMaps.colour(report.status), title: "Số \(report.id): \(report.categoryName)",
                    href: SitePath.feedbackCase(id: report.id).href, emphasised: report.isOverdue(at: now)))
        }
        let model: [String: Any] = [
            "queues": ReportStore.Queue.allCases.map { queue -> [String: Any] in
                [
                    "label": queue.label, "href": "\(SitePath.feedbackQueue.href)?queue=\(queue.rawValue)", "current": queue == listQuery.queue,
                    "count": queue == .all ? "" : DossierViews.number(counts[queue] ?? 0)
                ]
            },
            "queue": listQuery.queue.rawValue, "q": listQuery.text ?? "",
            "categories": categories.map { ["code": $0.code, "name": $0.name, "selected": $0.code == listQuery.categoryCode] },
            "rows": page.items.map { report -> [String: Any] in
                [
                    "id": report.id, "href": SitePath.feedbackCase(id: report.id).href, "category": report.categoryName,
                    "description": String(report.description.prefix(100)), "unit": report.unitName ?? "—", "agency": report.agencyName,
                    "status": report.status.label, "due": DossierViews.time(report.due), "overdue": report.isOverdue(at: now),
                    "assignee": report.assigneeName ?? "", "channel": report.channel.label,
                    "forwardLate": report.forwardedAt == nil && report.status.isOpen && report.forwardDue < now
                ]
            },
            "total": page.total, "empty": page.items.isEmpty, "map": map.render(),
            "pager": pager.with(total: page.total).model(base: SitePath.feedbackQueue.href, query: query, noun: "phản ánh"),
            "staff": staff.map { ["id": $0.id, "name": $0.fullName] },
            "agencies": agencies.map { ["id": $0.id, "name": $0.name] },
            "bulk": SitePath.feedbackBulk.href, "action": SitePath.feedbackQueue.href, "csv": Self.csvLink(listQuery),
            "message": message ?? "", "hasMessage": message != nil
        ]
        return try pages.page(
            "feedback-queue", title: "Xử lý phản ánh 1022", crumbs: [.init(label: "Xử lý phản ánh", href: nil)],
            model: model, context: context, currentPath: SitePath.feedbackQueue.href)
    }

    /// The list's filters, on the API's largest page: the first 500 reports in the list's order.
    static func csvLink(_ query: ReportStore.ListQuery) -> String {
        let filters: [(String, String?)] = [
            ("queue", query.queue.rawValue), ("q", query.text), ("category", query.categoryCode),
            ("agency", query.agencyId), ("unit", query.unitCode)
        ]
        return QueryString.link(
            SitePath.feedbackList.href,
            [("format", "csv"), ("limit", "500")]
                + filters.compactMap { name, value in value.map { (name, $0) } })
    }

    /// Operators and administrators forward anywhere; an agency only back to the operators.
    func forwardTargets(_ principal: Principal) async throws -> [Agency] {
        if Policy.routesAnywhere(principal) {
            return try await services.agencies.list(limit: 1000).items.sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
        }
        return [try await services.agencies.get(AgencyScheme.operators1022Id)]
    }

    func casePage(
        _ id: Int, context: AppRequestContext, message: String?, problems: [FieldProblem],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let report = try await services.reports.visible(id, to: principal)
        let now = services.clock.now()
        let events = try await services.reports.events(of: id, publicOnly: false)
        let photos = try await services.reports.photoIds(of: id)
        let staff = try await services.accounts.list(agencyId: report.agencyId, limit: 200).items.filter { !$0.isDisabled }
        let agencies = try await forwardTargets(principal)
        let questions = (try? await services.feedbackCatalogue.category(report.categoryCode))?.attributes ?? []
        let allowed =
            Policy.mayAct(principal, ReportStore.scope(of: report))
            ? ReportWorkflow.allowed(in: report.status, for: .official(principal)) : []
        var map = ""
        if let point = report.point {
            var svg = CityMaps.map(
                services.geography.geography, reference: services.reference,
                view: BoundingBox(around: point).expanded(byMetres: 900), width: 480, height: 320,
                ariaLabel: "Vị trí phản ánh", labelUnits: true)
            svg.markers.append(
                .init(
                    point: point, colour: CityMaps.colour(report.status), title: report.categoryName,
                    emphasised: report.isOverdue(at: now)))
            map = svg.render()
        }
        let model = ReportCasePage(
            id: report.id, category: report.categoryName, description: report.description, status: report.status.label,
            received: DossierViews.time(report.receivedAt), due: DossierViews.time(report.due), overdue: report.isOverdue(at: now),
            forwardDue: DossierViews.time(report.forwardDue), forwarded: report.forwardedAt.map { DossierViews.time($0) } ?? "chưa chuyển",
            place: report.address ?? "", lat: report.point.map { "\($0.lat)" } ?? "", lon: report.point.map { "\($0.lon)" } ?? "",
            unit: report.unitName ?? "Ngoài địa bàn / chưa xác định", approximate: report.boundaryApproximate,
            agency: report.agencyName, assignee: report.assigneeName ?? "chưa phân công", channel: report.channel.label,
            reporterName: report.reporter.name ?? "", reporterPhone: report.reporter.phone ?? "", reporterEmail: report.reporter.email ?? "",
            anonymous: report.reporter.anonymous, followers: report.followers, answer: report.answer ?? "", hasAnswer: report.answer != nil,
            rating: report.rating.map(String.init) ?? "",
            attributes: report.attributes.sorted { $0.key < $1.key }.map { code, values in
                // The category's question and answer labels, not their codes.
                let question = questions.first { $0.code == code }
                return ReportCasePage.Attribute(
                    code: question?.description ?? code,
                    value: values.map { value in question?.values.first { $0.key == value }?.name ?? value }.joined(separator: ", "))
            },
            map: map, hasMap: !map.isEmpty, publicHref: SitePath.feedbackReport(id: id).href,
            photos: photos.enumerated().map { index, photo in
                ReportCasePage.Photo(src: "/api/v1/feedback/\(id)/photos/\(index + 1)", answer: photo.kind == "answer")
            },
            timeline: TimelineRow.rows(events, for: .staff),
            actions: allowed.map { Self.form(for: $0, report: report, staff: staff, agencies: agencies) },
            message: message, hasMessage: message != nil, csrf: context.csrfToken, fieldProblems: problems,
            hasProblems: !problems.isEmpty, problems: FieldLabels.rows(problems))
        return try pages.page(
            "feedback-case", title: "Phản ánh số \(id)",
            crumbs: [.init(label: "Xử lý phản ánh", href: SitePath.feedbackQueue.href), .init(label: "Số \(id)", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.feedbackQueue.href)
    }

    /// The form of one action the official may take on the report (all shown at once: a report
    /// offers a few at a time).
    static func form(for action: ReportAction, report: Report, staff: [Account], agencies: [Agency]) -> ActionForm {
        let href = SitePath.feedbackCaseAction(id: report.id, action: action.rawValue).href
        func form(_ heading: String, _ button: String, multipart: Bool = false, _ fields: [ActionField]) -> ActionForm {
            ActionForm(key: action.rawValue, heading: heading, button: button, href: href, multipart: multipart, folded: false, fields: fields)
        }
        switch action {
        case .assign:
            return form(
                "Phân công", "Phân công",
                [
                    .select(
                        "assign-to", "assigneeId", "Người xử lý",
                        staff.map { .init(value: String($0.id), label: $0.fullName, selected: false) })
                ])
        case .forward:
            let targets = agencies.filter { $0.id != report.agencyId }.map { ActionField.Option(value: $0.id, label: $0.name, selected: false) }
            return form(
                "Chuyển cơ quan khác", "Chuyển",
                [
                    .select("forward-to", "agencyId", "Cơ quan nhận", targets),
                    .input("forward-note", "note", "Lý do", required: true, wide: true)
                ])
        case .requestInformation:
            return form("Đề nghị bổ sung thông tin (tạm dừng thời hạn)", "Gửi đề nghị", [.text("info-note", "note", "Thông tin cần bổ sung")])
        case .supplyInformation:
            return form("Ghi nhận thông tin bổ sung (qua điện thoại)", "Ghi nhận", [.text("supply-note", "note", "Thông tin")])
        case .progress:
            return form(
                "Cập nhật tiến độ (công khai)", "Cập nhật",
                [
                    .text("progress-note", "note", "Tiến độ"),
                    .input("progress-due", "newDue", "Hẹn trả lời mới (một lần)", type: "date")
                ])
        case .answer:
            return form(
                "Trả lời (công khai)", "Trả lời", multipart: true,
                [
                    .text("answer-note", "note", "Nội dung trả lời", rows: 4),
                    .input("answer-photos", "photos", "Ảnh sau xử lý", type: "file", accept: "image/jpeg,image/png", multiple: true)
                ])
        case .close:
            return form("Đóng phản ánh", "Đóng", [.input("close-note", "note", "Lý do (công khai)", required: true, wide: true)])
        case .merge:
            return form("Gộp vào phản ánh trùng", "Gộp", [.input("merge-into", "mergeInto", "Số phản ánh gộp vào", required: true, numeric: true)])
        case .reopen:
            return form("Mở lại (người phản ánh gọi điện)", "Mở lại", [.input("reopen-note", "note", "Lý do", required: true, wide: true)])
        case .rate:
            return form(
                "Ghi nhận đánh giá (qua điện thoại)", "Ghi nhận",
                [
                    .input(
                        "rate-value", "rating", "Mức hài lòng (1–5)", type: "number",
                        required: true, min: 1, max: 5)
                ])
        case .comment:
            return form("Ghi chú nội bộ", "Lưu", [.input("comment-note", "note", "Ghi chú", required: true, wide: true)])
        }
    }
}

/// A 1022 report's staff page, typed: what `feedback-case.mustache` reads.
struct ReportCasePage: PageModel {
    struct Attribute {
        let code: String
        let value: String
    }

    struct Photo {
        let src: String
        let answer: Bool
    }

    let id: Int
    let category: String
    let description: String
    let status: String
    let received: String
    let due: String
    let overdue: Bool
    let forwardDue: String
    let forwarded: String
    let place: String
    let lat: String
    let lon: String
    let unit: String
    let approximate: Bool
    let agency: String
    let assignee: String
    let channel: String
    let reporterName: String
    let reporterPhone: String
    let reporterEmail: String
    let anonymous: Bool
    let followers: Int
    let answer: String
    let hasAnswer: Bool
    let rating: String
    let attributes: [Attribute]
    let map: String
    let hasMap: Bool
    let publicHref: String
    let photos: [Photo]
    let timeline: [TimelineRow]
    let actions: [ActionForm]
    let message: String?
    let hasMessage: Bool
    let csrf: String
    let fieldProblems: [FieldProblem]
    let hasProblems: Bool
    let problems: [[String: Any]]
}
