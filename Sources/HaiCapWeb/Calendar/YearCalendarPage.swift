import Foundation
import HaiCapDomain
import HaiCapStorage

/// A wall calendar of one year: month grids, each day with its lunar date (the day number, and
/// "d/m" on the first day of a lunar month, as Vietnamese wall calendars print it), holidays and
/// swapped days marked and explained.
struct YearCalendarPage {
    let services: AppServices

    func model(year: Int) async throws -> [String: Any] {
        let calendar = try await services.calendars.calendar()
        let announcement = try await services.calendars.announcement(year: year)
        let swapped = Set(Holidays.workingWeekendDays(year, announcement: announcement))
        let today = VietnamTime.localDate(of: services.clock.now())
        var months: [[String: Any]] = []
        for month in 1...12 {
            let first = LocalDate(year: year, month: month, day: 1)
            let next = month == 12 ? LocalDate(year: year + 1, month: 1, day: 1) : LocalDate(year: year, month: month + 1, day: 1)
            let days = next.daysSince(first)
            var cells: [[String: Any]] = Array(repeating: ["blank": true], count: first.weekday - 1)
            for offset in 0..<days {
                let date = first.adding(days: offset)
                let lunar = LunarCalendar.lunar(from: date)
                let holiday = calendar.holiday(on: date)
                var classes: [String] = []
                if date.weekday >= 6 && !swapped.contains(date) { classes.append("weekend") }
                if holiday != nil { classes.append("holiday") }
                if swapped.contains(date) { classes.append("swapped") }
                if date == today { classes.append("today") }
                let lunarLabel = lunar.day == 1 ? "\(lunar.day)/\(lunar.month)\(lunar.isLeapMonth ? "n" : "")" : "\(lunar.day)"
                let title = holiday?.name ?? (swapped.contains(date) ? "Ngày làm bù" : "")
                cells.append([
                    "day": date.day, "lunar": lunarLabel, "lunarFirst": lunar.day == 1, "classes": classes.joined(separator: " "),
                    "title": title, "label": "\(date.day)/\(month): âm lịch \(lunar.day)/\(lunar.month)\(title.isEmpty ? "" : ", \(title)")"
                ])
            }
            while cells.count % 7 != 0 { cells.append(["blank": true]) }
            let weeks = stride(from: 0, to: cells.count, by: 7).map { ["days": Array(cells[$0..<$0 + 7])] }
            months.append(["name": "Tháng \(month)", "weeks": weeks])
        }
        let holidays = calendar.holidays(year: year).map { holiday -> [String: Any] in
            [
                "date": "\(CalendarInput.weekdayName(holiday.date)), \(String(format: "%02d/%02d", holiday.date.day, holiday.date.month))",
                "name": holiday.name, "why": CalendarInput.kindLabel(holiday.kind)
            ]
        }
        let swaps = swapped.sorted().map { date -> [String: Any] in
            [
                "date": "\(CalendarInput.weekdayName(date)), \(String(format: "%02d/%02d", date.day, date.month))",
                "reason": announcement?.workingDays.first { $0.date == date }?.reason ?? "Làm bù"
            ]
        }
        return [
            "year": year, "canChi": CanChi.year(year), "months": months, "holidays": holidays, "swaps": swaps,
            "hasSwaps": !swaps.isEmpty, "source": announcement?.source as Any, "notes": announcement?.notes as Any,
            "ruleOnly": announcement == nil, "prev": SitePath.calendarYear(year - 1).href, "next": SitePath.calendarYear(year + 1).href,
            "calculator": SitePath.calculator.href,
            "weekdays": ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
        ]
    }
}
