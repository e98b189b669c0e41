import Foundation
import HaiCapDomain
import HaiCapStorage

/// The deadline calculator behind `POST /api/v1/calendar/deadline` and the `/tinh-han` page:
/// one DeadlineClock, evaluated on the agency's calendar.
struct DeadlineCalculator {
    let services: AppServices

    func compute(_ request: DeadlineRequest) async throws -> DeadlineResponse {
        var check = Validator()
        let unit: DeadlineClock.Duration.Unit? =
            switch request.unit {
            case "workingDays": .workingDays
            case "workingHours": .workingHours
            case "calendarDays": .calendarDays
            default: nil
            }
        check.require(unit != nil, "unit", "Đơn vị phải là workingDays, workingHours hoặc calendarDays.")
        check.require((0...3650).contains(request.duration), "duration", "Thời hạn phải là số nguyên từ 0 đến 3650.")
        var start: Date?
        do throws(ValidationError) { start = try CalendarInput.instant(request.start, field: "start") } catch {
            check.require(false, "start", error.problems[0].message)
        }
        var pauses: [DeadlineClock.Pause] = []
        for (index, pause) in (request.pauses ?? []).enumerated() {
            do throws(ValidationError) {
                let from = try CalendarInput.instant(pause.from, field: "pauses[\(index)].from")
                var to: Date?
                if let end = pause.to { to = try CalendarInput.instant(end, field: "pauses[\(index)].to") }
                check.require(to.map { $0 >= from } ?? true, "pauses[\(index)]", "Thời điểm kết thúc tạm dừng phải sau thời điểm bắt đầu.")
                pauses.append(.init(from: from, to: to))
            } catch {
                check.require(false, "pauses[\(index)]", error.problems[0].message)
            }
        }
        check.require(pauses.count <= 50, "pauses", "Tối đa 50 lần tạm dừng.")
        if let agency = request.agency, !agency.isEmpty {
            do { _ = try await services.agencies.get(agency) } catch { check.require(false, "agency", "Không có cơ quan mã \(agency).") }
        }
        try check.check()
        let calendar = try await services.calendars.calendar(agencyId: request.agency?.isEmpty == false ? request.agency : nil)
        let clock = DeadlineClock(start: start!, duration: .init(request.duration, unit!), pauses: pauses)
        let now = services.clock.now()
        let due = clock.due(in: calendar, now: now)
        return DeadlineResponse(
            start: CalendarInput.iso(start!), duration: request.duration, unit: request.unit, due: CalendarInput.iso(due),
            workingMinutesPaused: clock.pausedMinutes(at: now, in: calendar),
            skipped: clock.skipped(in: calendar, now: now).map { day in
                let (kind, text) = CalendarInput.reason(day.reason)
                return .init(date: day.date.iso, kind: kind, reason: text)
            })
    }
}
