import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The one-stop system's JSON API.
///
/// | route | permission |
/// |---|---|
/// | GET /api/v1/procedures, /api/v1/procedures/{code}; POST /api/v1/lookup; GET /api/v1/indicators | everyone |
/// | POST /api/v1/dossiers | everyone (anonymous: online submission only; officials: by role) |
/// | GET /api/v1/dossiers, /api/v1/dossiers/{code}, files; POST actions, bulk-assign; GET /api/v1/indicators/overdue | handleDossiers (ward scope per dossier) |
/// | POST /api/v1/procedures/import; GET /api/v1/portal-sync; POST /api/v1/portal-sync/retry | administer |
struct DossierAPIRoutes {
    let services: AppServices
    let lookups: LookupGuard

    func register(_ routes: Routes) {
        routes.get("/api/v1/procedures", .everyone) { request, _ in
            let today = VietnamTime.localDate(of: services.clock.now())
            let on = try DossierInput.date(request.query.get("on"), field: "on") ?? today
            let list = try await services.procedures.catalogue(on: on, search: request.query.get("q"))
            return JSONBody.response(list.map(ProcedureSummaryDTO.init))
        }
        routes.get("/api/v1/procedures/{code}", .everyone) { _, context in
            JSONBody.response(try await services.procedures.versions(code: try context.param("code")))
        }
        routes.post("/api/v1/procedures/import", .administer) { request, context in
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let summary = try await services.procedures.importCatalogue(String(buffer: buffer), by: context.principal, at: services.clock.now())
            return JSONBody.response(summary, status: summary.added.isEmpty ? .ok : .created)
        }

        routes.post("/api/v1/dossiers", .everyone) { request, context in
            let body = try await JSONInput.decode(IntakeBody.self, from: request, context: context)
            let now = services.clock.now()
            let procedure = try? await services.procedures.inForce(code: body.procedure, on: VietnamTime.localDate(of: now))
            let intake = try DossierInput.intake(body, principal: context.principal, procedure: procedure)
            if context.principal == nil {
                try await services.anonymous.submitDossier(agencyId: intake.agencyId, client: context.clientAddress, at: now)
            }
            let result = try await services.dossiers.intake(intake, by: context.principal, at: now)
            var dto = DossierDTO(result.dossier, now: now, full: context.principal != nil)
            dto.secret = result.secret
            return JSONBody.response(dto, status: .created)
        }
        routes.get("/api/v1/dossiers", .handleDossiers) { request, context in
            let principal = try context.requirePrincipal()
            let query = try Self.query(request.query)
            let now = services.clock.now()
            if request.query.get("format") == "csv" {
                let rows = try await CSVExport.everything { offset, limit in
                    var part = query
                    (part.offset, part.limit) = (offset, limit)
                    let page = try await services.dossiers.list(part, for: principal, now: now)
                    return (page.items, page.total)
                }
                return try DossierCSV.response(rows, now: now)
            }
            let page = try await services.dossiers.list(query, for: principal, now: now)
            return JSONBody.response(
                DossierPageDTO(
                    items: page.items.map { DossierDTO($0, now: now, full: true) }, total: page.total,
                    limit: query.limit, offset: query.offset))
        }
        routes.post("/api/v1/dossiers/bulk-assign", .handleDossiers) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONInput.decode(BulkAssignBody.self, from: request, context: context)
            guard (1...200).contains(body.codes.count) else { throw ValidationError(field: "codes", "Chọn từ 1 đến 200 hồ sơ.") }
            return JSONBody.response(try await BulkAssign(services: services).run(codes: body.codes, assigneeId: body.assigneeId, by: principal))
        }
        routes.get("/api/v1/dossiers/{code}", .handleDossiers) { _, context in
            let principal = try context.requirePrincipal()
            let dossier = try await services.dossiers.visible(try context.param("code"), to: principal)
            return JSONBody.response(try await fullDTO(dossier))
        }
        routes.get("/api/v1/dossiers/{code}/files/{id}", .handleDossiers) { _, context in
            let principal = try context.requirePrincipal()
            let dossier = try await services.dossiers.visible(try context.param("code"), to: principal)
            let file = try await services.dossiers.file(id: try context.intParam("id"), dossierCode: dossier.code)
            return DossierFiles.response(file)
        }
        routes.post("/api/v1/dossiers/{code}/actions/{action}", .handleDossiers) { request, context in
            let principal = try context.requirePrincipal()
            let raw = try context.param("action")
            guard let action = DossierAction(rawValue: raw) else {
                throw ValidationError(
                    field: "action", "Không có thao tác «\(raw)». Các thao tác: \(DossierAction.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let body = try await JSONInput.decodeOptional(ActionBody.self, from: request, context: context) ?? ActionBody()
            let dossier = try await services.dossiers.act(
                try context.param("code"), action, try DossierInput.action(body),
                by: principal, at: services.clock.now())
            return JSONBody.response(try await fullDTO(dossier))
        }

        // POST, so that the secret never appears in an address, a proxy's log or a browser's history.
        routes.post("/api/v1/lookup", .everyone) { request, context in
            let body = try await JSONInput.decode(LookupBody.self, from: request, context: context)
            let code = (body.code ?? "").trimmingCharacters(in: .whitespaces)
            let secret = [body.secret, body.phone].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
            var check = Validator()
            check.require(!code.isEmpty, "code", "Nhập mã hồ sơ in trên giấy tiếp nhận.")
            check.require(!secret.isEmpty, "secret", "Nhập mã tra cứu trên giấy tiếp nhận hoặc 4 số cuối điện thoại.")
            try check.check()
            let now = services.clock.now()
            let served = try await lookups.check(code: code, secret: secret, client: context.clientAddress, now: now) { allowPhone in
                try await services.dossiers.servedPublicView(code: code, secret: secret, allowPhone: allowPhone, now: now)
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: served)))
        }

        routes.get("/api/v1/indicators", .everyone) { request, _ in
            let (scope, from, to) = try Self.indicatorScope(request.query, now: services.clock.now())
            let figures = try await services.indicators.figures(scope, from: from, to: to, now: services.clock.now())
            return JSONBody.response(IndicatorsDTO(scope: scope, from: from, to: to, figures: figures))
        }
        routes.get("/api/v1/indicators/overdue", .handleDossiers) { request, context in
            let principal = try context.requirePrincipal()
            var (scope, from, to) = try Self.indicatorScope(request.query, now: services.clock.now())
            if !principal.seesWholeCity { scope.unitCode = principal.unitCode }
            let now = services.clock.now()
            return JSONBody.response(
                try await services.indicators.overdue(scope, from: from, to: to, now: now)
                    .map { DossierDTO($0, now: now, full: false) })
        }

        routes.get("/api/v1/portal-sync", .administer) { _, _ in
            let summary = try await services.outbox.summary(onTimeMinutes: services.config.portalOnTimeMinutes)
            return JSONBody.response(
                PortalSyncDTO(
                    summary: summary, endpoint: services.config.portalURL,
                    recent: try await services.outbox.recent(limit: 50)))
        }
        routes.post("/api/v1/portal-sync/retry", .administer) { _, _ in
            JSONBody.response(["requeued": try await services.outbox.retryFailed(at: services.clock.now())])
        }
    }

    func fullDTO(_ dossier: Dossier) async throws -> DossierDTO {
        var dto = DossierDTO(dossier, now: services.clock.now(), full: true)
        dto.timeline = try await services.timeline.events(of: CaseRef(.dossier, dossier.code)).map(TimelineDTO.init)
        dto.handovers = try await services.dossiers.handovers(dossier.code).map(HandoverDTO.init)
        return dto
    }

    static func query(_ fields: FormFields) throws -> DossierStore.Query {
        var check = Validator()
        var query = DossierStore.Query()
        if let raw = fields.get("queue"), !raw.isEmpty {
            if let queue = DossierStore.Queue(rawValue: raw) {
                query.queue = queue
            } else {
                check.require(false, "queue", "Hàng đợi phải là một trong: \(DossierStore.Queue.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        if let raw = fields.get("status"), !raw.isEmpty {
            if let status = DossierStatus(rawValue: raw) {
                query.status = status
            } else {
                check.require(false, "status", "Trạng thái «\(raw)» không tồn tại.")
            }
        }
        query.search = fields.get("q")
        query.procedureCode = fields.get("procedure").flatMap { $0.isEmpty ? nil : $0 }
        query.unitCode = fields.get("unit").flatMap { $0.isEmpty ? nil : $0 }
        query.assigneeId = fields.int("assignee", default: -1, range: 1...Int(Int32.max), into: &check)
        if query.assigneeId == -1 { query.assigneeId = nil }
        query.limit = fields.int("limit", default: 50, range: 0...1000, into: &check)
        query.offset = fields.int("offset", default: 0, range: 0...10_000_000, into: &check)
        do { query.from = try DossierInput.date(fields.get("from"), field: "from") } catch { check.require(false, "from", error.message) }
        do { query.to = try DossierInput.date(fields.get("to"), field: "to") } catch { check.require(false, "to", error.message) }
        try check.check()
        return query
    }

    /// unit / agency / procedure and a period (default: the year so far).
    static func indicatorScope(_ fields: FormFields, now: Date) throws -> (DossierIndicators.Scope, LocalDate, LocalDate) {
        let today = VietnamTime.localDate(of: now)
        let from = try DossierInput.date(fields.get("from"), field: "from") ?? LocalDate(year: today.year, month: 1, day: 1)
        let to = try DossierInput.date(fields.get("to"), field: "to") ?? today
        guard from <= to else { throw ValidationError(field: "from", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.") }
        func value(_ name: String) -> String? { fields.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        return (DossierIndicators.Scope(unitCode: value("unit"), agencyId: value("agency"), procedureCode: value("procedure")), from, to)
    }
}

struct PortalSyncDTO: Encodable {
    let summary: PortalOutbox.Summary
    let endpoint: String?
    let recent: [PortalOutbox.Entry]
}

/// Bulk assignment through `CaseBulk`: each dossier on its own, so one refusal does not undo the others.
struct BulkAssign {
    let services: AppServices

    struct Outcome: Encodable {
        let code: String
        let ok: Bool
        let message: String?
    }

    func run(codes: [String], assigneeId: Int, by principal: Principal) async throws -> [Outcome] {
        try await CaseBulk.run(codes, field: "codes", noun: "hồ sơ") { code in
            _ = try await services.dossiers.act(code, .assign, ActionInput(assigneeId: assigneeId), by: principal, at: services.clock.now())
        }.results.map { Outcome(code: $0.key, ok: $0.refusal == nil, message: $0.refusal) }
    }
}

enum DossierFiles {
    static func response(_ file: DossierStore.StoredFile) -> Response {
        let safeName = file.name.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0.value >= 32 }.map(String.init).joined()
        return Response(
            status: .ok,
            headers: [
                .contentType: file.contentType,
                .contentDisposition: "inline; filename=\"\(safeName.isEmpty ? "tep" : safeName)\"",
                .init("X-Content-Type-Options")!: "nosniff"
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}
