import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird
import NIOCore

/// 1022's JSON API, and the map data it rests on.
///
/// | route | permission |
/// |---|---|
/// | GET categories, nearby, stats, one report (public view), photos; POST a report; POST reporter actions with the token; GET boundaries, locate | everyone |
/// | GET the staff queue (JSON, or CSV with `format=csv`); POST actions as an official; POST bulk | handleFeedback (agency scope per report) |
/// | PUT categories; rules; boundaries import; Open311 keys | administer |
struct FeedbackAPIRoutes {
    let services: AppServices

    func register(_ routes: Routes) {
        routes.get("/api/v1/feedback/categories", .everyone) { _, _ in
            JSONBody.response(try await services.feedbackCatalogue.categories().map(CategoryDTO.init))
        }
        routes.put("/api/v1/feedback/categories/{code}", .administer) { request, context in
            var body = try await JSONInput.decode(CategoryBody.self, from: request, context: context)
            let code = try context.param("code")
            body.code = code
            try await services.feedbackCatalogue.save(body.category(), by: context.principal, at: services.clock.now())
            return JSONBody.response(CategoryDTO(try await services.feedbackCatalogue.category(code)))
        }
        routes.get("/api/v1/feedback/rules", .administer) { _, _ in
            JSONBody.response(try await services.feedbackCatalogue.rules())
        }
        routes.post("/api/v1/feedback/rules", .administer) { request, context in
            let body = try await JSONInput.decode(RuleBody.self, from: request, context: context)
            let rule = try await services.feedbackCatalogue.addRule(
                RoutingRule(
                    categoryCode: Self.blankToNil(body.categoryCode), unitCode: Self.blankToNil(body.unitCode), agencyId: body.agencyId,
                    note: body.note ?? ""),
                knownUnits: Set(services.reference.units.map(\.code)), by: context.principal, at: services.clock.now())
            return JSONBody.response(rule, status: .created)
        }
        routes.delete("/api/v1/feedback/rules/{id}", .administer) { _, context in
            try await services.feedbackCatalogue.deleteRule(try context.intParam("id"), by: context.principal, at: services.clock.now())
            return Response(status: .noContent)
        }

        routes.post("/api/v1/feedback", .everyone) { request, context in
            let body = try await JSONInput.decode(ReportBody.self, from: request, context: context)
            // An operator entering a call files it as a phone report; anyone else as an API report.
            let channel: ReportChannel = context.principal.map { Policy.allows($0, .takeCalls) } == true ? .phone : .api
            let draft = ReportDraft(
                categoryCode: body.category, description: body.description, lat: body.lat.map { String($0) },
                lon: body.lon.map { String($0) }, address: body.address, name: body.name, phone: body.phone,
                email: body.email, anonymous: body.anonymous ?? false, attributes: body.attributes ?? [:],
                mediaURL: body.mediaUrl, channel: channel)
            if context.principal == nil { try await services.anonymous.submitReport(client: context.clientAddress, at: services.clock.now()) }
            let submitted = try await services.reports.submit(draft, by: context.principal, at: services.clock.now())
            var dto = ReportDTO(submitted.report, now: services.clock.now(), staff: false)
            dto.token = submitted.token
            return JSONBody.response(dto, status: .created)
        }
        routes.get("/api/v1/feedback", .handleFeedback) { request, context in
            let principal = try context.requirePrincipal()
            let query = try Self.listQuery(request.query)
            let now = services.clock.now()
            if request.query.get("format") == "csv" {
                let rows = try await CSVExport.everything { offset, limit in
                    var part = query
                    (part.offset, part.limit) = (offset, limit)
                    return try await services.reports.list(part, for: principal, now: now)
                }
                return try ReportCSV.response(rows, now: now)
            }
            let page = try await services.reports.list(query, for: principal, now: now)
            return JSONBody.response(
                ReportPageDTO(
                    items: page.items.map { ReportDTO($0, now: now, staff: true) }, total: page.total,
                    limit: query.limit, offset: query.offset))
        }
        routes.get("/api/v1/feedback/nearby", .everyone) { request, _ in
            let category = try await services.feedbackCatalogue.category(request.query["category"] ?? "")
            let point = try Self.point(request.query)
            // Duplicates are about the same spot: a wider public radius would only page through the city.
            let radius = try request.query.int("radius", default: category.duplicateRadiusMetres, range: 0...500)
            let found = try await services.reports.nearby(category: category.code, point: point, radiusMetres: radius)
            return JSONBody.response(found.map { Self.nearby($0.report, metres: $0.metres) })
        }
        routes.get("/api/v1/feedback/stats", .everyone) { request, _ in
            let now = services.clock.now()
            let (from, to) = try Self.period(request.query, now: now)
            let dimension = FeedbackStats.Dimension(rawValue: request.query["by"] ?? "unit") ?? .unit
            let rows = try await services.feedbackStats.rows(by: dimension, from: from, to: to, now: now)
            return JSONBody.response(
                StatsDTO(
                    from: VietnamTime.iso(from), to: VietnamTime.iso(to), total: StatsRowDTO(FeedbackStats.total(rows)),
                    rows: rows.map(StatsRowDTO.init)))
        }
        routes.post("/api/v1/feedback/bulk", .handleFeedback) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONInput.decode(BulkReportBody.self, from: request, context: context)
            guard let action = ReportAction(rawValue: body.action) else {
                throw ValidationError(field: "action", "Thao tác hàng loạt: assign, forward hoặc close.")
            }
            let result = try await services.reports.bulk(
                body.ids, action,
                ReportActionInput(
                    note: body.note, assigneeId: body.assigneeId,
                    agencyId: body.agencyId),
                by: principal, at: services.clock.now())
            return JSONBody.response(BulkDTO(done: result.done, failed: result.refused.map { .init(id: $0.key, message: $0.message) }))
        }
        routes.get("/api/v1/feedback/{id}", .everyone) { _, context in
            let report = try await services.reports.get(try Self.id(context))
            let staff = context.principal.map { Policy.allows($0, .handleFeedback) && ReportStore.reaches($0, report) } ?? false
            let events = try await services.reports.events(of: report.id, publicOnly: !staff)
            return JSONBody.response(ReportDTO(report, now: services.clock.now(), staff: staff, events: events))
        }
        routes.get("/api/v1/feedback/{id}/photos/{n}", .everyone) { _, context in
            let photo = try await services.reports.photo(at: try context.intParam("n"), of: try Self.id(context))
            return Response(
                status: .ok,
                headers: [
                    .contentType: photo.contentType, .init("X-Content-Type-Options")!: "nosniff",
                    .cacheControl: "public, max-age=86400"
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: photo.data)))
        }
        routes.post("/api/v1/feedback/{id}/actions/{action}", .everyone) { request, context in
            let raw = try context.param("action")
            guard let action = ReportAction(rawValue: raw) else {
                throw ValidationError(
                    field: "action", "Không có thao tác «\(raw)». Các thao tác: \(ReportAction.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let body = try await JSONInput.decodeOptional(ReportActionBody.self, from: request, context: context) ?? ReportActionBody()
            let actor: ReportActor
            if let token = body.token, action.byReporter {
                actor = .reporter(token: token)
            } else {
                guard let principal = context.principal else { throw AccessError.notAuthenticated }
                try Policy.require(principal, .handleFeedback)
                actor = .official(principal)
            }
            let report = try await services.reports.act(try Self.id(context), action, try body.input(), by: actor, at: services.clock.now())
            let staff = actor.principal != nil
            return JSONBody.response(
                ReportDTO(
                    report, now: services.clock.now(), staff: staff,
                    events: try await services.reports.events(of: report.id, publicOnly: !staff)))
        }

        routes.get("/api/v1/boundaries", .everyone) { _, _ in
            let geography = services.geography.geography
            let features = geography.shapes.map { entry in
                GeoFeature(
                    id: entry.code,
                    properties: [
                        "code": entry.code, "name": services.reference.unitsByCode[entry.code]?.name ?? "",
                        "approximate": geography.isApproximate ? "true" : "false"
                    ],
                    geometry: entry.shape)
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/geo+json; charset=utf-8",
                    .init("X-HaiCap-Boundaries")!: geography.isApproximate ? "approximate" : "official"
                ],
                body: .init(byteBuffer: ByteBuffer(string: GeoJSON.featureCollection(features))))
        }
        routes.post("/api/v1/boundaries/import", .administer) { request, context in
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let name = request.query["source"].flatMap { $0.isEmpty ? nil : $0 } ?? "Tệp ranh giới"
            let summary = try await services.geography.importBoundaries(
                Data(buffer: buffer), source: name, by: context.principal,
                at: services.clock.now(), audit: services.audit)
            return JSONBody.response(summary, status: .created)
        }
        routes.get("/api/v1/locate", .everyone) { request, _ in
            let point = try Self.point(request.query)
            let geography = services.geography.geography
            let code = geography.unit(at: point)
            return JSONBody.response(
                LocateDTO(
                    unitCode: code, unitName: code.flatMap { services.reference.unitsByCode[$0]?.name },
                    approximate: geography.isApproximate))
        }

        routes.get("/api/v1/open311/keys", .administer) { _, _ in
            JSONBody.response(try await services.open311Keys.list())
        }
        routes.post("/api/v1/open311/keys", .administer) { request, context in
            let body = try await JSONInput.decode(KeyBody.self, from: request, context: context)
            let (key, secret) = try await services.open311Keys.create(name: body.name, by: context.principal, at: services.clock.now())
            return JSONBody.response(NewKeyDTO(key: key, secret: secret), status: .created)
        }
        routes.delete("/api/v1/open311/keys/{id}", .administer) { _, context in
            try await services.open311Keys.revoke(try context.intParam("id"), by: context.principal, at: services.clock.now())
            return Response(status: .noContent)
        }
    }

    struct StatsDTO: Encodable { let from: String; let to: String; let total: StatsRowDTO; let rows: [StatsRowDTO] }
    struct BulkDTO: Encodable {
        struct Failure: Encodable { let id: Int; let message: String }
        let done: [Int]
        let failed: [Failure]
    }
    struct LocateDTO: Encodable { let unitCode: String?; let unitName: String?; let approximate: Bool }
    struct KeyBody: Decodable { let name: String }
    struct NewKeyDTO: Encodable { let key: Open311Keys.Key; let secret: String }

    static func blankToNil(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    static func id(_ context: AppRequestContext) throws -> Int {
        let raw = try context.param("id")
        guard let id = Int(raw) else { throw NotFoundError("report", raw) }
        return id
    }

    static func point(_ query: FormFields) throws(ValidationError) -> GeoPoint {
        guard let lat = query["lat"].flatMap(Double.init), let lon = query["lon"].flatMap(Double.init),
            let point = GeoPoint(validatingLat: lat, lon: lon)
        else {
            throw ValidationError(field: "lat", "Cần vĩ độ (lat, -90…90) và kinh độ (lon, -180…180) hợp lệ.")
        }
        return point
    }

    static func nearby(_ report: Report, metres: Double) -> NearbyDTO {
        NearbyDTO(
            id: report.id, metres: Int(metres.rounded()), description: report.description, status: report.status.rawValue,
            statusLabel: report.status.label, receivedAt: VietnamTime.iso(report.receivedAt), followers: report.followers,
            photo: report.photoCount > 0 ? "/api/v1/feedback/\(report.id)/photos/1" : nil)
    }

    /// `from`/`to` as dates (`to` inclusive); the default is the last 30 days.
    static func period(_ query: FormFields, now: Date) throws(ValidationError) -> (Date, Date) {
        var check = Validator()
        let today = VietnamTime.localDate(of: now)
        func date(_ name: String) -> LocalDate? {
            guard let raw = query[name], !raw.isEmpty else { return nil }
            guard let date = LocalDate(iso: raw) else {
                check.require(false, name, "Ngày phải có dạng YYYY-MM-DD.")
                return nil
            }
            return date
        }
        let toDay = date("to") ?? today
        let fromDay = date("from") ?? toDay.adding(days: -29)
        check.require(fromDay <= toDay, "from", "Ngày bắt đầu phải trước ngày kết thúc.")
        try check.check()
        return (VietnamTime.date(fromDay, minutes: 0), VietnamTime.date(toDay.adding(days: 1), minutes: 0))
    }

    static func listQuery(_ query: FormFields) throws(ValidationError) -> ReportStore.ListQuery {
        var result = ReportStore.ListQuery()
        var check = Validator()
        if let raw = query["queue"], !raw.isEmpty {
            if let queue = ReportStore.Queue(rawValue: raw) {
                result.queue = queue
            } else {
                check.require(false, "queue", "Hàng đợi: \(ReportStore.Queue.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        result.agencyId = blankToNil(query["agency"])
        result.unitCode = blankToNil(query["unit"])
        result.categoryCode = blankToNil(query["category"])
        result.text = blankToNil(query["q"])
        result.limit = query.int("limit", default: 50, range: 1...500, into: &check)
        result.offset = query.int("offset", default: 0, range: 0...1_000_000, into: &check)
        try check.check()
        return result
    }
}
