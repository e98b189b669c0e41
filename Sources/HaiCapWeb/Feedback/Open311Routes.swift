import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird
import NIOCore

/// Open311 GeoReport v2 for 1022 (`/open311/v2/…`, `.json` or `.xml`). Reads are public; a POST
/// needs an `api_key` an administrator issued. Errors come in the spec's format with the
/// matching HTTP status. HaiCap's five statuses, ward, overdue flag and update history are
/// added under `extended_attributes` only when the client asks with `extensions=true`.
///
/// | route | permission |
/// |---|---|
/// | GET services, services/{code}, requests, requests/{id}, tokens/{token}; POST requests (api_key) | everyone |
struct Open311Routes {
    let services: AppServices
    static let jurisdiction = "tphcm.gov.vn"

    func register(_ routes: Routes) {
        routes.get("/open311/v2/discovery.json", .everyone) { _, _ in
            JSONBody.response(Discovery())
        }
        // Errors are written by ErrorMiddleware, in the spec's shape and in the format the path asks for.
        for format in [Open311Format.json, .xml] {
            routes.get("/open311/v2/services.\(format.rawValue)", .everyone) { request, _ in
                try checkJurisdiction(request)
                let list = try await services.feedbackCatalogue.categories(activeOnly: true)
                return format.response(root: "services", .list(item: "service", list.map(Open311Documents.service)))
            }
            routes.get("/open311/v2/requests.\(format.rawValue)", .everyone) { request, context in
                try checkJurisdiction(request)
                let query = try Self.query(request.query)
                let now = services.clock.now()
                let reports = try await services.reports.open311(query, now: now)
                return try await list(reports, format: format, request: request, context: context, now: now)
            }
            routes.post("/open311/v2/requests.\(format.rawValue)", .everyone) { request, context in
                try await create(request, context: context, format: format)
            }
        }
        routes.get("/open311/v2/services/{file}", .everyone) { request, context in
            let (code, format) = try Self.file(context)
            try checkJurisdiction(request)
            // An unknown service is a missing resource here (404), not bad input.
            guard let category = try? await services.feedbackCatalogue.category(code), category.active else {
                throw NotFoundError("category", code)
            }
            return format.response(root: "service_definition", Open311Documents.definition(category))
        }
        routes.get("/open311/v2/requests/{file}", .everyone) { request, context in
            let (name, format) = try Self.file(context)
            try checkJurisdiction(request)
            guard let id = Int(name) else { throw NotFoundError("report", name) }
            let report = try await services.reports.get(id)
            return try await list([report], format: format, request: request, context: context, now: services.clock.now())
        }
        routes.get("/open311/v2/tokens/{file}", .everyone) { request, context in
            let (token, format) = try Self.file(context)
            try checkJurisdiction(request)
            let report = try await services.reports.byToken(token)
            return format.response(
                root: "service_requests",
                .list(
                    item: "request",
                    [
                        .object([("service_request_id", .text(String(report.id))), ("token", .text(token))])
                    ]))
        }
    }

    struct Discovery: Encodable {
        let changeset = "2026-11-23T00:00:00+07:00"
        let contact = "Tổng đài 1022, Thành phố Hồ Chí Minh"
        let key_service = "Khoá API do quản trị viên HaiCap cấp (Quản trị → Phản ánh 1022 → Khoá Open311)."
        let endpoints = [Endpoint()]
        struct Endpoint: Encodable {
            let specification = "http://wiki.open311.org/GeoReport_v2"
            let url = "/open311/v2"
            let type = "production"
            let formats = ["application/json", "text/xml"]
        }
    }

    func checkJurisdiction(_ request: Request) throws {
        if let given = request.query["jurisdiction_id"], !given.isEmpty, given != Self.jurisdiction {
            throw NotFoundError("jurisdiction_id", given)
        }
    }

    static func file(_ context: AppRequestContext) throws -> (String, Open311Format) {
        let raw = try context.param("file")
        guard let split = Open311Format.split(raw), !split.name.isEmpty else { throw HTTPError(.notFound) }
        return split
    }

    func list(_ reports: [Report], format: Open311Format, request: Request, context: AppRequestContext, now: Date) async throws -> Response {
        let extensions = request.query["extensions"]?.lowercased() == "true"
        var updates: [String: [TimelineEvent]] = [:]
        if extensions {
            for event in try await services.timeline.events(.feedback, ids: reports.map { String($0.id) }, publicOnly: true) {
                updates[event.ref.id, default: []].append(event)
            }
        }
        // The configured public address, never the Host header: a client could otherwise make the
        // feed point photo links at any site.
        let base = services.config.baseURL
        return format.response(
            root: "service_requests",
            .list(
                item: "request",
                reports.map { report in
                    Open311Documents.request(report, now: now, baseURL: base, updates: extensions ? updates[String(report.id)] ?? [] : nil)
                }))
    }

    static func query(_ query: FormFields) throws(ValidationError) -> Open311Query {
        var result = Open311Query()
        var check = Validator()
        func list(_ name: String) -> [String] {
            (query[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let ids = list("service_request_id")
        result.ids = ids.compactMap { Int($0) }
        check.require(result.ids.count == ids.count && ids.count <= 1000, "service_request_id", "Mã phản ánh phải là số, tối đa 1.000 mã.")
        result.serviceCodes = list("service_code")
        result.statuses = list("status").map { $0.lowercased() }
        check.require(result.statuses.allSatisfy { $0 == "open" || $0 == "closed" }, "status", "Trạng thái chỉ nhận open hoặc closed.")
        for (name, keyPath) in [("start_date", \Open311Query.start), ("end_date", \Open311Query.end)] {
            guard let raw = query[name], !raw.isEmpty else { continue }
            if let date = VietnamTime.parseInstant(raw) {
                result[keyPath: keyPath] = date
            } else {
                check.require(false, name, "«\(raw)» không phải thời điểm W3C/ISO 8601.")
            }
        }
        if let start = result.start, let end = result.end { check.require(start <= end, "start_date", "start_date phải trước end_date.") }
        result.page = query.int("page", default: 1, range: 1...100_000, into: &check)
        // The common paging extension: 50 a page once a client pages; the spec's 1000 otherwise.
        let paging = query["page"] != nil || query["page_size"] != nil
        result.pageSize = query.int("page_size", default: paging ? 50 : Open311Query.maxPageSize, range: 1...Open311Query.maxPageSize, into: &check)
        check.require(
            (result.page - 1) * result.pageSize <= Open311Query.maxOffset, "page",
            "Trang quá sâu (quá \(Open311Query.maxOffset) bản ghi): hãy thu hẹp khoảng thời gian bằng start_date và end_date.")
        try check.check()
        return result
    }

    /// POST requests: form-encoded, as the spec's clients send it.
    func create(_ request: Request, context: AppRequestContext, format: Open311Format) async throws -> Response {
        let type = request.headers[.contentType] ?? ""
        guard type.isEmpty || type.hasPrefix("application/x-www-form-urlencoded") else {
            throw ValidationError(field: "body", "Dữ liệu phải gửi dạng application/x-www-form-urlencoded.")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard let text = String(bytes: buffer.readableBytesView, encoding: .utf8) else {
            throw ValidationError(field: "body", "Dữ liệu không phải UTF-8.")
        }
        let form = try Self.strictForm(text)
        guard let key = form["api_key"], !key.isEmpty, let keyId = try await services.open311Keys.verify(key) else {
            throw AccessError.forbidden
        }
        if let given = form["jurisdiction_id"], !given.isEmpty, given != Self.jurisdiction { throw NotFoundError("jurisdiction_id", given) }
        guard let code = form["service_code"], !code.isEmpty else { throw ValidationError(field: "service_code", "Thiếu service_code.") }
        var attributes: [String: [String]] = [:]
        for (name, value) in form.pairs where name.hasPrefix("attribute[") {
            // attribute[code]=v, or attribute[code][]=v for a multi-value list.
            let inner = name.dropFirst("attribute[".count)
            guard let close = inner.firstIndex(of: "]") else { continue }
            attributes[String(inner[..<close]), default: []].append(value)
        }
        let category = try? await services.feedbackCatalogue.category(code)
        let first = form["first_name"] ?? "", last = form["last_name"] ?? ""
        let name = [first, last].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        let email = form["email"], phone = form["phone"]
        let anonymous = name.isEmpty && (email ?? "").isEmpty && (phone ?? "").isEmpty
        var description = (form["description"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // Open311 makes the description optional; officials still need a line to read.
        if description.isEmpty { description = "Phản ánh qua ứng dụng: \(category?.name ?? code)" }
        let draft = ReportDraft(
            categoryCode: code, description: description, lat: form["lat"], lon: form["long"],
            address: form["address_string"], name: name.isEmpty ? (anonymous ? nil : "Người dùng ứng dụng") : name,
            phone: phone, email: email, anonymous: anonymous, attributes: attributes, mediaURL: form["media_url"],
            channel: .open311)
        let submitted = try await services.reports.submit(draft, by: nil, open311KeyId: keyId, at: services.clock.now())
        let notice = "Đã chuyển đến \(submitted.report.agencyName); trả lời trước \(VietnamTime.text(submitted.report.due))."
        return format.response(
            root: "service_requests",
            .list(
                item: "request",
                [
                    .object([
                        ("service_request_id", .text(String(submitted.report.id))), ("token", .text(submitted.token)),
                        ("service_notice", .text(notice)), ("account_id", .text(nil))
                    ])
                ]), status: .created)
    }

    /// Like `FormFields`, but a broken percent-escape is an error rather than kept as typed.
    static func strictForm(_ body: String) throws(ValidationError) -> FormFields {
        for part in body.split(separator: "&") {
            for piece in part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            where piece.contains("%") && String(piece).replacingOccurrences(of: "+", with: " ").removingPercentEncoding == nil {
                throw ValidationError(field: "body", "Dữ liệu form có mã %xx không hợp lệ: «\(piece.prefix(40))».")
            }
        }
        return FormFields(body)
    }
}
