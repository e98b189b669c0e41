import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The bell: every official's notifications (deadline reminders, escalations), as a page and as
/// JSON. Each official sees only their own; another's id is not found.
///
/// | route | permission |
/// |---|---|
/// | GET /thong-bao, POST /thong-bao/{id}/da-doc, POST /thong-bao/da-doc-tat-ca | signedIn |
/// | GET /api/v1/notifications, POST /api/v1/notifications/{id}/read, POST /api/v1/notifications/read-all | signedIn |
struct NotificationRoutes {
    let services: AppServices
    let pages: PageRenderer

    static let pageSize = 20

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.notifications, .signedIn) { request, context in
            let principal = try context.requirePrincipal()
            let unreadOnly = request.query["chua-doc"] == "1"
            let pager = Pager(request.query, size: Self.pageSize)
            var (items, total) = try await services.notifications.list(
                userId: principal.userId, unreadOnly: unreadOnly,
                limit: pager.size, offset: pager.offset)
            let paged = pager.with(total: total)
            if paged.page != pager.page {
                (items, total) = try await services.notifications.list(
                    userId: principal.userId, unreadOnly: unreadOnly,
                    limit: paged.size, offset: paged.offset)
            }
            let unread = try await services.notifications.unreadCount(userId: principal.userId)
            let message = await pages.takeFlash(request, context: context, now: services.clock.now())?["message"]
            let model = NotificationsPage(
                items: items, unread: unread, unreadOnly: unreadOnly, message: message, csrf: context.csrfToken, page: paged.page,
                pager: paged.model(base: SitePath.notifications.href, query: request.query, noun: "thông báo"))
            return try pages.page(
                "notifications", title: "Thông báo", crumbs: [.init(label: "Thông báo", href: nil)],
                model: model, context: context, currentPath: SitePath.notifications.href)
        }
        routes.post(SitePath.Pattern.notificationRead, .signedIn) { request, context in
            let principal = try context.requirePrincipal()
            let item = try await services.notifications.markRead(try context.intParam("id"), userId: principal.userId, at: services.clock.now())
            // "Mở" marks the notice read and goes to its case; "Đã đọc" stays on the list.
            let form = try await FormFields.from(request, context: context)
            if form["mo"] == "1", let href = CaseLinks.staffHref(item.ref) { return PageRenderer.redirect(href) }
            return PageRenderer.redirect(QueryString.link(SitePath.notifications.href, Self.kept(form)))
        }
        routes.post(SitePath.Pattern.notificationsReadAll, .signedIn) { request, context in
            let principal = try context.requirePrincipal()
            let count = try await services.notifications.markAllRead(userId: principal.userId, at: services.clock.now())
            let message = count == 0 ? "Không có thông báo nào chưa đọc." : "Đã đánh dấu \(DossierViews.number(count)) thông báo là đã đọc."
            return await pages.redirect(SitePath.notifications.href, message: message, context: context, now: services.clock.now())
        }

        routes.get("/api/v1/notifications", .signedIn) { request, context in
            let principal = try context.requirePrincipal()
            var check = Validator()
            let limit = request.query.int("limit", default: 50, range: 1...200, into: &check)
            let offset = request.query.int("offset", default: 0, range: 0...1_000_000, into: &check)
            let unreadOnly: Bool
            switch request.query["unread"] ?? "" {
            case "", "false": unreadOnly = false
            case "true": unreadOnly = true
            default:
                check.require(false, "unread", "Chỉ nhận true hoặc false.")
                unreadOnly = false
            }
            try check.check()
            let page = try await services.notifications.list(userId: principal.userId, unreadOnly: unreadOnly, limit: limit, offset: offset)
            let unread = try await services.notifications.unreadCount(userId: principal.userId)
            return JSONBody.response(
                NotificationPageDTO(
                    items: page.items.map(NotificationDTO.init), total: page.total, unread: unread,
                    limit: limit, offset: offset))
        }
        routes.post("/api/v1/notifications/read-all", .signedIn) { _, context in
            let principal = try context.requirePrincipal()
            let count = try await services.notifications.markAllRead(userId: principal.userId, at: services.clock.now())
            return JSONBody.response(ReadAllDTO(marked: count))
        }
        routes.post("/api/v1/notifications/{id}/read", .signedIn) { _, context in
            let principal = try context.requirePrincipal()
            let item = try await services.notifications.markRead(try context.intParam("id"), userId: principal.userId, at: services.clock.now())
            return JSONBody.response(NotificationDTO(item))
        }
    }

    /// The list's filter and page, carried through a "read" button so the official stays where they were.
    static func kept(_ form: FormFields) -> [(String, String)] {
        ["chua-doc", "trang"].compactMap { name in form[name].flatMap { $0.isEmpty ? nil : (name, $0) } }
    }
}

/// The notifications page, typed.
struct NotificationsPage {
    struct Row {
        let id: Int
        let title: String
        let body: String
        let when: String
        let unread: Bool
        let event: String
        let caseName: String
        let href: String
        let hasCase: Bool
        let readAction: String
    }

    let rows: [Row]
    let empty: Bool
    let unreadSummary: String
    let anyUnread: Bool
    let unreadOnly: Bool
    let allHref: String
    let unreadHref: String
    let readAllAction: String
    let csrf: String
    let hasMessage: Bool
    let message: String
    let pager: [String: Any]
    /// Carried by each "read" button, so the official stays on this page of this list.
    let page: Int
    let filter: String

    init(items: [Notifications.Item], unread: Int, unreadOnly: Bool, message: String?, csrf: String, page: Int, pager: [String: Any]) {
        rows = items.map { item in
            let href = CaseLinks.staffHref(item.ref)
            return Row(
                id: item.id, title: item.title, body: item.body, when: DossierViews.time(item.createdAt), unread: item.readAt == nil,
                event: CodeLabels.noticeEvent(item.event), caseName: Notice.caseName(item.ref, capitalized: false), href: href ?? "",
                hasCase: href != nil, readAction: SitePath.notificationRead(id: item.id).href)
        }
        empty = items.isEmpty
        unreadSummary = unread == 0 ? "Không có thông báo chưa đọc." : "\(DossierViews.number(unread)) thông báo chưa đọc."
        anyUnread = unread > 0
        self.unreadOnly = unreadOnly
        allHref = SitePath.notifications.href
        unreadHref = QueryString.link(SitePath.notifications.href, [("chua-doc", "1")])
        readAllAction = SitePath.notificationsReadAll.href
        self.csrf = csrf
        hasMessage = message != nil
        self.message = message ?? ""
        self.pager = pager
        self.page = page
        filter = unreadOnly ? "1" : ""
    }
}

/// One notification in the JSON API.
struct NotificationDTO: Encodable {
    let id: Int
    let caseType: String
    let caseId: String
    let event: String
    let title: String
    let body: String
    let createdAt: Date
    let readAt: Date?
    /// The staff page of the case, when the kind has one.
    let href: String?

    init(_ item: Notifications.Item) {
        id = item.id
        caseType = item.ref.kind.name
        caseId = item.ref.id
        event = item.event
        title = item.title
        body = item.body
        createdAt = item.createdAt
        readAt = item.readAt
        href = CaseLinks.staffHref(item.ref)
    }
}

struct NotificationPageDTO: Encodable {
    let items: [NotificationDTO]
    let total: Int
    let unread: Int
    let limit: Int
    let offset: Int
}

struct ReadAllDTO: Encodable {
    let marked: Int
}
