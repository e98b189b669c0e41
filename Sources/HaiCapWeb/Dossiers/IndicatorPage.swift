import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The Quyết định 766 dashboard: figures for the city, a ward or a procedure over any period,
/// the weekly trend and the ward ranking as server-drawn SVG, CSV export, and (for officials)
/// the overdue list.
///
/// | route | permission |
/// |---|---|
/// | GET /chi-so-766 | everyone (the overdue list only for dossier handlers in scope) |
struct IndicatorPage {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.indicators, .everyone) { request, context in
            try await render(request, context: context)
        }
    }

    func render(_ request: Request, context: AppRequestContext) async throws -> Response {
        let now = services.clock.now()
        var (scope, from, to) = try DossierAPIRoutes.indicatorScope(request.query, now: now)
        // A ward's own officials open on their ward; choosing "Toàn Thành phố" (an empty unit) shows the city.
        if request.query.get("unit") == nil, scope.unitCode == nil, scope.procedureCode == nil,
            let principal = context.principal, !principal.seesWholeCity, let unit = principal.unitCode
        {
            scope.unitCode = unit
        }
        let figures = try await services.indicators.figures(scope, from: from, to: to, now: now)
        let byUnit = try await services.indicators.breakdown(by: "unit_code", scope, from: from, to: to)
        let names = Dictionary(services.reference.units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        if request.query.get("format") == "csv" { return try csv(byUnit, names: names) }
        let byDay = try await services.indicators.breakdown(by: "day", scope, from: from, to: to)

        // Weeks start on Monday; each day's counters go to its week.
        var weeks: [(label: String, received: Int, onTime: Int)] = []
        var weekIndex: [String: Int] = [:]
        for row in byDay {
            guard let day = Int(row.key), let date = LocalDate(checkedYear: day / 10000, month: day / 100 % 100, day: day % 100) else { continue }
            let monday = date.adding(days: -(date.weekday - 1))
            let label = String(format: "%02d/%02d", monday.day, monday.month)
            if let index = weekIndex[monday.iso] {
                weeks[index].received += row.received
                weeks[index].onTime += row.onTime
            } else {
                weekIndex[monday.iso] = weeks.count
                weeks.append((label, row.received, row.onTime))
            }
        }
        let trend = SVGChart.trend(
            labels: weeks.map(\.label), bars: weeks.map(\.received),
            line: weeks.map { $0.received == 0 ? nil : Double($0.onTime) * 100 / Double($0.received) },
            title: "Hồ sơ tiếp nhận và tỷ lệ giải quyết đúng hạn theo tuần", barLabel: "hồ sơ tiếp nhận",
            lineLabel: "% đã giải quyết đúng hạn")
        let ranked = byUnit.filter { $0.received >= 5 }.compactMap { row -> (label: String, value: Double, detail: String)? in
            guard let rate = row.onTimeRate else { return nil }
            return (names[row.key] ?? row.key, rate, "\(DossierViews.number(row.onTime))/\(DossierViews.number(row.received)) hồ sơ đúng hạn")
        }.sorted { $0.value > $1.value || ($0.value == $1.value && VietnameseText.sortKey($0.label) < VietnameseText.sortKey($1.label)) }
        let shown = ranked.count > 30 ? Array(ranked.prefix(15)) + Array(ranked.suffix(15)) : ranked
        let ranking = SVGChart.ranking(shown, title: "Xếp hạng phường, xã theo tỷ lệ giải quyết đúng hạn")

        let catalogue = try await services.procedures.catalogue(on: VietnamTime.localDate(of: now))
        var model: [String: Any] = [
            "action": SitePath.indicators.href, "from": from.iso, "to": to.iso,
            "period": "\(DossierViews.date(from)) – \(DossierViews.date(to))", "trend": trend, "ranking": ranking,
            "rankingNote": ranked.count > 30 ? "15 đơn vị cao nhất và 15 đơn vị thấp nhất trong \(ranked.count) đơn vị có từ 5 hồ sơ." : "",
            "units": CityMaps.unitsInOrder(services.reference).map { ["code": $0.code, "name": $0.name, "selected": $0.code == scope.unitCode] },
            "procedures": catalogue.map { ["code": $0.code, "name": $0.name, "selected": $0.code == scope.procedureCode] },
            "scopeLabel": scope.unitCode.flatMap { names[$0] }
                ?? scope.procedureCode.map { code in catalogue.first { $0.code == code }?.name ?? code } ?? "Toàn Thành phố",
            "rates": [
                [
                    "label": "Giải quyết đúng hạn", "value": DossierViews.percent(figures.onTimeRate),
                    "detail":
                        "(\(DossierViews.number(figures.finishedOnTime)) xong đúng/trước hạn + \(DossierViews.number(figures.inProgressOnTime)) đang trong hạn) / \(DossierViews.number(figures.received)) tiếp nhận"
                ],
                [
                    "label": "Nộp trực tuyến", "value": DossierViews.percent(figures.onlineRate),
                    "detail": "\(DossierViews.number(figures.online)) / \(DossierViews.number(figures.received))"
                ],
                [
                    "label": "Trực tuyến toàn trình", "value": DossierViews.percent(figures.fullOnlineRate),
                    "detail":
                        "\(DossierViews.number(figures.fullOnline)) / \(DossierViews.number(figures.eligibleOnline)) hồ sơ của thủ tục đủ điều kiện"
                ],
                [
                    "label": "Số hóa hồ sơ", "value": DossierViews.percent(figures.digitisationRate),
                    "detail": "\(DossierViews.number(figures.digitised)) / \(DossierViews.number(figures.received))"
                ],
                [
                    "label": "Cấp kết quả điện tử", "value": DossierViews.percent(figures.electronicResultRate),
                    "detail": "\(DossierViews.number(figures.electronicResult)) / \(DossierViews.number(figures.returned)) đã trả"
                ],
                [
                    "label": "Hài lòng", "value": DossierViews.percent(figures.satisfactionRate),
                    "detail": "\(DossierViews.number(figures.satisfied)) / \(DossierViews.number(figures.rated)) lượt đánh giá"
                ]
            ],
            "counts": [
                ["label": "Đăng ký", "value": DossierViews.number(figures.registered)],
                ["label": "Tiếp nhận", "value": DossierViews.number(figures.received)],
                ["label": "Trực tiếp", "value": DossierViews.number(figures.direct)],
                ["label": "Trực tuyến", "value": DossierViews.number(figures.online)],
                ["label": "Bưu chính", "value": DossierViews.number(figures.postal)],
                ["label": "Xong trễ hạn", "value": DossierViews.number(figures.finishedLate)],
                ["label": "Đang xử lý quá hạn", "value": DossierViews.number(figures.inProgressOverdue)]
            ],
            "statuses": DossierStatus.allCases.compactMap { status in
                figures.byStatus[status.rawValue].map { ["label": status.label, "value": DossierViews.number($0)] }
            },
            "csv": QueryString.link(
                SitePath.indicators.href,
                [("format", "csv"), ("from", from.iso), ("to", to.iso)]
                    + (scope.procedureCode.map { [("procedure", $0)] } ?? []))
        ]
        if let principal = context.principal, Policy.allows(principal, .handleDossiers) {
            var own = scope
            if !principal.seesWholeCity { own.unitCode = principal.unitCode }
            let overdue = try await services.indicators.overdue(own, now: now, limit: 50).map { DossierViews.row($0, now: now) }
            model["overdue"] = overdue
            model["hasOverdue"] = !overdue.isEmpty
            // Not cut silently: the list holds the 50 most overdue; the queue has them all, paged.
            model["overdueQueue"] = "\(SitePath.oneStop.href)?queue=\(DossierStore.Queue.overdue.rawValue)"
            if overdue.count == 50 { model["overdueCut"] = true }
        }
        return try pages.page(
            "indicators", title: "Chỉ số phục vụ người dân (Quyết định 766)",
            crumbs: [.init(label: "Chỉ số 766", href: nil)], model: model, context: context,
            currentPath: SitePath.indicators.href)
    }

    func csv(_ rows: [DossierIndicators.Row], names: [String: String]) throws -> Response {
        var export = CSVExport(
            filename: "chi-so-766.csv",
            header: [
                "Mã đơn vị", "Đơn vị", "Tiếp nhận", "Xong đúng hạn", "Tỷ lệ đúng hạn (%)",
                "Trực tuyến", "Số hóa", "Lượt đánh giá", "Hài lòng"
            ])
        for row in rows {
            export.append([
                row.key, names[row.key] ?? row.key, String(row.received), String(row.onTime),
                row.onTimeRate.map { String(format: "%.1f", $0) } ?? "", String(row.online), String(row.digitised),
                String(row.rated), String(row.satisfied)
            ])
        }
        return try export.response()
    }
}
