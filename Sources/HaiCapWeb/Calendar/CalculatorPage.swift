import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The deadline calculator page: start, duration, unit, pauses → due date, with the days skipped and why.
struct CalculatorPage {
    let services: AppServices
    let pages: PageRenderer

    func render(request: Request, context: AppRequestContext) async throws -> Response {
        let params = request.query
        let field = { (name: String) in params.get(name) ?? "" }
        var model: [String: Any] = [
            "action": SitePath.calculator.href,
            "start": field("start"), "duration": field("duration"),
            // A picker with names: the identifier is what the calendar needs, never what people type.
            "agencies": try await services.agencies.list(limit: 1000).items
                .sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
                .map { ["id": $0.id, "name": $0.name, "selected": $0.id == field("agency")] },
            "units": [("workingDays", "ngày làm việc"), ("workingHours", "giờ làm việc"), ("calendarDays", "ngày (theo lịch)")].map {
                ["value": $0.0, "label": $0.1, "selected": field("unit") == $0.0]
            },
            "pauses": (0..<3).map {
                [
                    "index": $0 + 1, "from": field("pause\($0)from"), "to": field("pause\($0)to"),
                    "fromName": "pause\($0)from", "toName": "pause\($0)to"
                ]
            }
        ]
        var status: HTTPResponse.Status = .ok
        if !field("start").isEmpty || !field("duration").isEmpty {
            let pauses = (0..<3).compactMap { index -> DeadlineRequest.PauseBody? in
                let from = field("pause\(index)from")
                return from.isEmpty
                    ? nil : DeadlineRequest.PauseBody(from: from, to: field("pause\(index)to").isEmpty ? nil : field("pause\(index)to"))
            }
            do {
                guard let duration = Int(field("duration")) else { throw ValidationError(field: "duration", "Thời hạn phải là số nguyên.") }
                let result = try await DeadlineCalculator(services: services).compute(
                    DeadlineRequest(
                        start: field("start"), duration: duration, unit: field("unit"), pauses: pauses,
                        agency: field("agency").isEmpty ? nil : field("agency")))
                let due = try CalendarInput.instant(result.due, field: "due")
                model["result"] = [
                    "due": DossierViews.time(due), "dueWeekday": CalendarInput.weekdayName(VietnamTime.localDate(of: due)),
                    "iso": result.due, "paused": result.workingMinutesPaused,
                    "skipped": result.skipped.map { ["date": DossierViews.date(iso: $0.date), "reason": $0.reason] },
                    "hasSkipped": !result.skipped.isEmpty
                ]
            } catch let error as ValidationError {
                model["problems"] = FieldLabels.rows(error.problems)
                model["hasProblems"] = true
                status = .badRequest
            }
        }
        return try pages.page(
            "calculator", title: "Tính hạn giải quyết", crumbs: [.init(label: "Tính hạn giải quyết", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.calculator.href)
    }
}
