import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird
import Mustache

/// A page's model as a type (instead of a dictionary): the problems of a refused form go next to
/// their fields from here.
protocol PageModel {
    var fieldProblems: [FieldProblem] { get }
}

/// Renders pages: the page's own template into the one layout (header with the agency, navigation
/// for the role, breadcrumbs, footer).
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// Secrets kept for one view after a redirect (see FlashStore).
    let flash: OneViewNotes

    static func load(flash: OneViewNotes) async throws -> PageRenderer {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("templates").path else {
            throw HTTPError(.internalServerError, message: "templates missing from the bundle")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory), flash: flash)
    }

    struct Crumb {
        let label: String
        let href: String?
    }

    struct NavItem {
        let label: String
        let href: String
        let current: Bool
    }

    func page(
        _ template: String, title: String, crumbs: [Crumb] = [], model: Any, context: AppRequestContext,
        status: HTTPResponse.Status = .ok, currentPath: String = ""
    ) throws -> Response {
        // Every form in a page body echoes the CSRF token; models need not carry it themselves.
        var model: Any = MustacheModel.clean(model) ?? [String: Any]()
        if var fields = model as? [String: Any], fields["csrf"] == nil {
            fields["csrf"] = context.csrfToken
            model = fields
        }
        guard var body = library.render(model, withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "template \(template) missing")
        }
        // Each problem also next to its own field, whatever the form.
        if let typed = model as? any PageModel, !typed.fieldProblems.isEmpty {
            body = FieldErrorMarkup.insert(into: body, problems: typed.fieldProblems.map { ($0.field, $0.message) })
        } else if let rows = (model as? [String: Any])?["problems"] as? [Any] {
            let problems = rows.compactMap { row -> (field: String, message: String)? in
                guard let row = row as? [String: Any], let key = row["key"] as? String, let message = row["message"] as? String else { return nil }
                return (key, message)
            }
            if !problems.isEmpty { body = FieldErrorMarkup.insert(into: body, problems: problems) }
        }
        let principal = context.principal
        var layout: [String: Any] = [
            "title": title,
            "body": body,
            "csrf": context.csrfToken,
            "nav": Self.navigation(for: principal, currentPath: currentPath),
            "crumbs": crumbs.isEmpty ? [] : [Crumb(label: "Trang chủ", href: SitePath.home.href)] + crumbs,
            "hasCrumbs": !crumbs.isEmpty,
            "logout": SitePath.logout.href,
            "login": SitePath.login.href,
            "stylesheet": "/static/haicap.css",
            "year": Calendar(identifier: .gregorian).component(.year, from: Date())
        ]
        // Only set when someone is logged in: a nil wrapped in Any would count as present in Mustache.
        if let principal {
            layout["user"] = [
                "name": principal.fullName, "username": principal.username, "role": principal.role.label,
                "agency": principal.agencyName
            ]
            let unread = context.unreadNotices ?? 0
            layout["bell"] = [
                "href": SitePath.notifications.href, "count": DossierViews.number(unread), "unread": unread > 0,
                "label": unread > 0 ? "Thông báo: \(DossierViews.number(unread)) chưa đọc" : "Thông báo: không có thông báo mới"
            ]
        }
        guard let html = library.render(layout, withTemplate: "layout") else {
            throw HTTPError(.internalServerError, message: "layout missing")
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func errorPage(status: HTTPResponse.Status, message: String, fields: [FieldProblem], context: AppRequestContext) throws -> Response {
        let heading: String =
            switch status.code {
            case 400: "Dữ liệu không hợp lệ"
            case 401: "Cần đăng nhập"
            case 403: "Không có quyền truy cập"
            case 404: "Không tìm thấy"
            case 409: "Xung đột dữ liệu"
            case 423: "Tài khoản tạm khóa"
            default: "Lỗi hệ thống"
            }
        let model: [String: Any] = [
            "status": status.code, "heading": heading, "message": message,
            "fields": FieldLabels.rows(fields), "hasFields": !fields.isEmpty, "home": SitePath.home.href
        ]
        return try page("error", title: heading, model: model, context: context, status: status)
    }

    static func navigation(for principal: Principal?, currentPath: String) -> [NavItem] {
        var items: [(String, String)] = [
            ("Trang chủ", SitePath.home.href),
            ("Danh bạ đơn vị hành chính", SitePath.units.href),
            ("Tra cứu đơn vị mới", SitePath.resolver.href),
            ("Lịch làm việc", SitePath.calendar.href),
            ("Tính hạn", SitePath.calculator.href)
        ]
        // Each case kind brings its own entries: everyone's after the directory and calendar,
        // staff's right after "Trang chủ" (the 1022 desk before the one-stop queue).
        items += CaseModules.all.flatMap(\.publicNavigation).filter { Policy.allows(principal, $0.permission) }.map { ($0.label, $0.href) }
        let staff = CaseModules.all.reversed().flatMap(\.staffNavigation).filter { Policy.allows(principal, $0.permission) }
        items.insert(contentsOf: staff.map { ($0.label, $0.href) }, at: 1)
        if let principal {
            if Policy.allows(principal, .viewAgencyStaff) {
                items.append(("Cán bộ cơ quan", SitePath.agencyStaff(id: principal.agencyId).href))
            }
            if Policy.allows(principal, .administer) {
                // One entry: the administration index lists every administration page.
                items.insert(("Quản trị", SitePath.adminHome.href), at: 1)
            }
        }
        return items.map { NavItem(label: $0.0, href: $0.1, current: $0.1 == currentPath) }
    }

    /// A page without the site layout: the printable forms (A5, one sheet).
    func standalone(_ template: String, model: Any) throws -> Response {
        guard let html = library.render(MustacheModel.clean(model) ?? [String: Any](), withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "template \(template) missing")
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func html(_ status: HTTPResponse.Status = .ok, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ href: String) -> Response {
        Response(status: .seeOther, headers: [.location: href])
    }
}
