import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The JSON API for agencies, users, tokens and the audit log.
///
/// | route | permission |
/// |---|---|
/// | GET /api/v1/agencies, /api/v1/agencies/{id} | everyone |
/// | GET /api/v1/agencies/{id}/users | viewAgencyStaff, scoped to the agency |
/// | PATCH /api/v1/agencies/{id}; users, tokens, audit | administer |
struct AdminAPIRoutes {
    let services: AppServices

    func register(_ routes: Routes) {
        routes.get("/api/v1/agencies", .everyone) { request, _ in
            let params = request.query
            var kind: AgencyKind?
            if let raw = params["kind"], !raw.isEmpty {
                guard let parsed = AgencyKind(rawValue: raw) else {
                    throw ValidationError(
                        field: "kind", "Loại cơ quan không hợp lệ; dùng một trong: \(AgencyKind.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                kind = parsed
            }
            let unit = params["unit"]
            if let unit, !unit.isEmpty, services.reference.unitsByCode[unit] == nil {
                throw ValidationError(field: "unit", "Không có đơn vị hành chính mã \(unit).")
            }
            let query = params["q"]
            if let query, query.count > 200 { throw ValidationError(field: "q", "Từ khóa quá dài (tối đa 200 ký tự).") }
            let result = try await services.agencies.list(
                query: query, unitCode: unit, kind: kind,
                limit: try request.query.int("limit", default: 500, range: 1...1000),
                offset: try request.query.int("offset", default: 0, range: 0...100_000))
            return JSONBody.response(ListDTO(items: result.items.map(AgencyDTO.init), total: result.total))
        }
        routes.post("/api/v1/agencies", .administer) { request, context in
            let body = try await JSONInput.decode(NewAgencyBody.self, from: request, context: context)
            guard let kind = AgencyKind(rawValue: body.kind) else {
                throw ValidationError(
                    field: "kind", "Loại cơ quan không hợp lệ; dùng một trong: \(AgencyKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let agency = try await services.agencies.create(
                Agency(
                    id: body.id, name: body.name, kind: kind, unitCode: body.unit?.isEmpty == false ? body.unit : nil,
                    idIsOfficial: body.idIsOfficial ?? false),
                by: context.principal, at: services.clock.now(), knownUnits: Set(services.reference.unitsByCode.keys))
            return JSONBody.response(AgencyDTO(agency), status: .created)
        }
        routes.get("/api/v1/agencies/{id}", .everyone) { _, context in
            JSONBody.response(AgencyDTO(try await services.agencies.get(try context.param("id"))))
        }
        routes.patch("/api/v1/agencies/{id}", .administer) { request, context in
            let id = try context.param("id")
            let current = try await services.agencies.get(id)
            let body = try await JSONInput.decode(AgencyPatchBody.self, from: request, context: context)
            let updated = try await services.agencies.update(
                id, newId: body.id ?? current.id, name: body.name ?? current.name,
                by: context.principal, at: services.clock.now())
            return JSONBody.response(AgencyDTO(updated))
        }
        routes.get("/api/v1/agencies/{id}/users", .viewAgencyStaff) { _, context in
            let agency = try await services.agencies.get(try context.param("id"))
            try Policy.require(context.principal, .viewAgencyStaff, agency: agency)
            let result = try await services.accounts.list(agencyId: agency.id)
            return JSONBody.response(ListDTO(items: result.items.map(AccountDTO.init), total: result.total))
        }

        routes.get("/api/v1/users", .administer) { request, _ in
            let params = request.query
            let result = try await services.accounts.list(
                query: params["q"], agencyId: params["agency"],
                limit: try request.query.int("limit", default: 200, range: 1...1000),
                offset: try request.query.int("offset", default: 0, range: 0...100_000))
            return JSONBody.response(ListDTO(items: result.items.map(AccountDTO.init), total: result.total))
        }
        routes.post("/api/v1/users", .administer) { request, context in
            let body = try await JSONInput.decode(NewUserBody.self, from: request, context: context)
            let account = try await services.accounts.create(
                NewAccount(username: body.username, fullName: body.fullName ?? "", password: body.password, role: body.role, agencyId: body.agency),
                by: context.principal, at: services.clock.now())
            return JSONBody.response(AccountDTO(account), status: .created)
        }
        routes.get("/api/v1/users/{id}", .administer) { _, context in
            JSONBody.response(AccountDTO(try await services.accounts.get(try context.intParam("id"))))
        }
        routes.patch("/api/v1/users/{id}", .administer) { request, context in
            let id = try context.intParam("id")
            let current = try await services.accounts.get(id)
            let body = try await JSONInput.decode(UserPatchBody.self, from: request, context: context)
            let account = try await services.accounts.update(
                id, role: body.role ?? current.role.rawValue, agencyId: body.agency ?? current.agencyId,
                disabled: body.disabled ?? current.isDisabled, by: context.principal,
                at: services.clock.now())
            return JSONBody.response(AccountDTO(account))
        }
        routes.post("/api/v1/users/{id}/password", .administer) { request, context in
            let id = try context.intParam("id")
            let body = try await JSONInput.decode(PasswordBody.self, from: request, context: context)
            try await services.accounts.resetPassword(id, to: body.password, by: context.principal, at: services.clock.now())
            return Response(status: .noContent)
        }

        routes.get("/api/v1/tokens", .administer) { _, _ in
            let tokens = try await services.tokens.list()
            return JSONBody.response(ListDTO(items: tokens.map(TokenDTO.init), total: tokens.count))
        }
        routes.post("/api/v1/tokens", .administer) { request, context in
            let body = try await JSONInput.decode(NewTokenBody.self, from: request, context: context)
            let (token, secret) = try await services.tokens.create(
                forUsername: body.username, name: body.name ?? "api",
                expiresInDays: body.expiresInDays, by: context.principal,
                at: services.clock.now())
            return JSONBody.response(CreatedTokenDTO(token: TokenDTO(token), secret: secret), status: .created)
        }
        routes.delete("/api/v1/tokens/{id}", .administer) { _, context in
            try await services.tokens.revoke(try context.intParam("id"), by: context.principal, at: services.clock.now())
            return Response(status: .noContent)
        }

        routes.get("/api/v1/audit", .administer) { request, _ in
            let filter = try AuditFilterInput.parse(request.query)
            let result = try await services.audit.list(filter)
            return JSONBody.response(ListDTO(items: result.items.map(AuditDTO.init), total: result.total))
        }
    }

    struct CreatedTokenDTO: Encodable {
        let token: TokenDTO
        /// Shown once; only its digest is stored.
        let secret: String
    }
}

/// The audit log's filters, from a query string (API) or a GET form (page).
enum AuditFilterInput {
    static func parse(_ params: FormFields) throws -> AuditLog.Filter {
        var check = Validator()
        func date(_ name: String) -> Date? {
            guard let raw = params[name], !raw.isEmpty else { return nil }
            guard let day = LocalDate(iso: raw) else {
                check.require(false, name, "Ngày phải có dạng YYYY-MM-DD.")
                return nil
            }
            return VietnamTime.date(day, minutes: 0)
        }
        let from = date("from")
        let to = date("to").map { $0.addingTimeInterval(86_400) }
        let limit = params.int("limit", default: 100, range: 1...1000, into: &check)
        let offset = params.int("offset", default: 0, range: 0...100_000, into: &check)
        try check.check()
        return AuditLog.Filter(
            username: params["user"], agencyId: params["agency"], action: params["action"],
            from: from, to: to, limit: limit, offset: offset)
    }
}
