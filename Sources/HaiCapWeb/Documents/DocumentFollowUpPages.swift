import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The follow-up of incoming documents by unit and by lead official (overdue handling first), as a
/// page and as JSON.
///
/// | route | permission |
/// |---|---|
/// | GET /van-ban/theo-doi, GET /api/v1/documents/follow-up | handleDocuments (the agencies in the official's reach) |
struct DocumentFollowUpPages {
    let services: AppServices
    let pages: PageRenderer
    static let pageSize = 100

    func year(_ query: FormFields, now: Date) throws -> Int {
        let current = VietnamTime.localDate(of: now).year
        guard let text = query["nam"] ?? query["year"], !text.isEmpty else { return current }
        guard let year = Int(text), (2020...current).contains(year) else {
            throw ValidationError(field: "year", "Năm từ 2020 đến \(current).")
        }
        return year
    }

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.documentOverdue, .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let now = services.clock.now()
            let query = FormFields(request.uri.query ?? "")
            let year = try year(query, now: now)
            let report = try await services.documents.followUp(year: year, for: principal, now: now)
            let asked = Pager(query, size: Self.pageSize)
            let pager = asked.with(total: report.agencies.count)
            func row(_ row: DocumentFollowUp.Row) -> [String: Any] {
                [
                    "name": row.name, "waiting": DossierViews.number(row.waiting), "handling": DossierViews.number(row.handling),
                    "overdue": DossierViews.number(row.overdue), "late": row.overdue > 0, "dueToday": DossierViews.number(row.dueToday),
                    "done": DossierViews.number(row.done), "doneLate": DossierViews.number(row.doneLate),
                    "rate": row.onTimeRate.map { DossierViews.percent($0) } ?? "—"
                ]
            }
            let model: [String: Any] = [
                "year": year, "years": (2024...VietnamTime.localDate(of: now).year).reversed().map { ["value": $0, "selected": $0 == year] },
                "agencies": report.agencies.dropFirst(pager.offset).prefix(pager.size).map(row), "hasAgencies": !report.agencies.isEmpty,
                "leads": report.leads.prefix(50).map(row), "hasLeads": !report.leads.isEmpty, "moreLeads": report.leads.count > 50,
                "leadCount": DossierViews.number(report.leads.count),
                "pager": pager.model(base: SitePath.documentOverdue.href, query: query, noun: "cơ quan"),
                "overdueHref": QueryString.link(SitePath.documents.href, [("queue", DocumentStore.Queue.overdue.rawValue)]),
                "bookHref": QueryString.link(SitePath.documentRegisters.href, [("so", DocumentBook.followUp.rawValue), ("nam", String(year))])
            ]
            return try pages.page(
                "document-follow-up", title: "Theo dõi xử lý văn bản đến",
                crumbs: [.init(label: "Văn bản", href: SitePath.documents.href), .init(label: "Theo dõi, đôn đốc", href: nil)], model: model,
                context: context, currentPath: SitePath.documents.href)
        }
        routes.get("/api/v1/documents/follow-up", .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let now = services.clock.now()
            let report = try await services.documents.followUp(year: try year(request.query, now: now), for: principal, now: now)
            return JSONBody.response(FollowUpDTO(report))
        }
    }
}

struct FollowUpDTO: Encodable {
    struct Row: Encodable {
        let id: String
        let name: String
        let waiting: Int
        let handling: Int
        let overdue: Int
        let dueToday: Int
        let done: Int
        let doneLate: Int
        let onTimeRate: Double?

        init(_ row: DocumentFollowUp.Row) {
            id = row.key
            name = row.name
            waiting = row.waiting
            handling = row.handling
            overdue = row.overdue
            dueToday = row.dueToday
            done = row.done
            doneLate = row.doneLate
            onTimeRate = row.onTimeRate.map { ($0 * 10).rounded() / 10 }
        }
    }

    let year: Int
    let agencies: [Row]
    let leads: [Row]

    init(_ report: DocumentFollowUp) {
        year = report.year
        agencies = report.agencies.map(Row.init)
        leads = report.leads.map(Row.init)
    }
}
