import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Logging in and out, and each role's home page.
///
/// | route | permission |
/// |---|---|
/// | GET / , GET/POST /dang-nhap | everyone |
/// | POST /dang-xuat, GET /api/v1/me | signedIn |
struct LoginRoutes {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.home, .everyone) { _, context in
            try await home(context)
        }
        routes.get(SitePath.Pattern.login, .everyone) { request, context in
            if let principal = context.principal { return PageRenderer.redirect(Landing.path(for: principal.role)) }
            return try loginPage(context, next: Self.safeNext(request.query["next"]), username: "", error: nil)
        }
        routes.post(SitePath.Pattern.login, .everyone) { request, context in
            let form = try await FormFields.from(request, context: context)
            let username = form["username"] ?? ""
            let next = Self.safeNext(form["next"])
            do {
                // Wrong logins from one client are limited too (spraying one password over many names).
                let now = services.clock.now()
                let account = try await services.limits.attempt([(AnonymousLimits.loginFailuresPerClient, context.clientAddress)], at: now) {
                    (
                        try await services.accounts.authenticate(
                            username: username, password: form["password"] ?? "",
                            rule: services.lockout, at: now), counts: false
                    )
                }
                let secret = try await services.sessions.create(userId: account.id, at: services.clock.now())
                // Without a page to return to, staff start on their own queue.
                var response = PageRenderer.redirect(next == SitePath.home.href ? Landing.path(for: account.role) : next)
                response.setCookie(
                    Cookie(
                        name: CookieNames.session(secure: context.isSecure), value: secret, maxAge: Int(services.sessions.lifetime),
                        path: "/", secure: context.isSecure, httpOnly: true, sameSite: .lax))
                return response
            } catch let error as AccountError {
                let status: HTTPResponse.Status = error == .disabled ? .forbidden : .unauthorized
                return try loginPage(context, next: next, username: username, error: error.message, status: status)
            } catch let error as RateLimited {
                var response = try loginPage(context, next: next, username: username, error: error.message, status: .tooManyRequests)
                response.headers[.retryAfter] = String(error.retryAfterSeconds)
                return response
            }
        }
        routes.post(SitePath.Pattern.logout, .signedIn) { request, context in
            if let secret = request.cookies[CookieNames.session(secure: context.isSecure)]?.value {
                try await services.sessions.delete(secret: secret, by: context.principal, at: services.clock.now())
            }
            var response = PageRenderer.redirect(SitePath.home.href)
            response.setCookie(
                Cookie(
                    name: CookieNames.session(secure: context.isSecure), value: "", maxAge: 0, path: "/", secure: context.isSecure,
                    httpOnly: true, sameSite: .lax))
            return response
        }
        routes.get("/api/v1/me", .signedIn) { _, context in
            let principal = try context.requirePrincipal()
            let agency = try await services.agencies.get(principal.agencyId)
            return JSONBody.response(
                MeDTO(
                    username: principal.username, fullName: principal.fullName, role: principal.role.rawValue,
                    agency: AgencyDTO(agency), seesWholeCity: principal.seesWholeCity))
        }
    }

    struct MeDTO: Encodable {
        let username: String
        let fullName: String
        let role: String
        let agency: AgencyDTO
        let seesWholeCity: Bool
    }

    /// Only paths of this site, so a crafted link cannot send a fresh login to another site.
    /// Browsers drop tabs and newlines from a `Location` and read `\` as `/`, so `/\t/evil.example`
    /// would become `//evil.example`: only printable ASCII path characters are let through.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.count <= 2000, next.hasPrefix("/"), !next.hasPrefix("//"),
            next.unicodeScalars.allSatisfy({ allowedInNext.contains($0) })
        else { return SitePath.home.href }
        return next
    }

    private static let allowedInNext = CharacterSet(
        charactersIn:
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%?")

    private func loginPage(
        _ context: AppRequestContext, next: String, username: String, error: String?,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let demo: [[String: String]] =
            services.config.demo
            ? DemoSeeder.accounts.map { ["username": $0.0, "role": $0.2.label] } : []
        let model: [String: Any] = [
            "action": SitePath.login.href, "next": next, "username": username, "error": error as Any, "csrf": context.csrfToken,
            "demo": demo, "hasDemo": !demo.isEmpty, "demoPassword": DemoSeeder.password
        ]
        return try pages.page(
            "login", title: "Đăng nhập", crumbs: [.init(label: "Đăng nhập", href: nil)], model: model,
            context: context, status: status)
    }

    private func home(_ context: AppRequestContext) async throws -> Response {
        var model: [String: Any] = [
            "units": services.reference.units.count,
            "oldWards": services.reference.oldWards.count,
            "unitsHref": SitePath.units.href,
            "resolverHref": SitePath.resolver.href
        ]
        if let principal = context.principal {
            let agency = try await services.agencies.get(principal.agencyId)
            var tasks: [[String: String]] = []
            if Policy.allows(principal, .administer) {
                tasks += [
                    ["label": "Quản lý người dùng", "href": SitePath.adminUsers.href],
                    ["label": "Quản lý cơ quan và mã định danh", "href": SitePath.adminAgencies.href],
                    ["label": "Token API cho hệ thống kết nối", "href": SitePath.adminTokens.href],
                    ["label": "Nhật ký kiểm toán", "href": SitePath.adminAudit.href]
                ]
            }
            if Policy.allows(principal, .viewAgencyStaff) {
                tasks.append(["label": "Cán bộ của \(agency.name)", "href": SitePath.agencyStaff(id: agency.id).href])
            }
            tasks += [
                ["label": "Danh bạ đơn vị hành chính", "href": SitePath.units.href],
                ["label": "Tra cứu đơn vị mới từ địa chỉ cũ", "href": SitePath.resolver.href]
            ]
            model["me"] = [
                "name": principal.fullName, "role": principal.role.label, "agency": agency.name, "agencyId": agency.id,
                "scope": principal.seesWholeCity
                    ? "Toàn thành phố" : "Chỉ hồ sơ của \(services.reference.unitsByCode[principal.unitCode ?? ""]?.name ?? agency.name)"
            ]
            model["tasks"] = tasks
        }
        return try pages.page("home", title: "Trang chủ", model: model, context: context, currentPath: SitePath.home.href)
    }
}
