import Foundation
import HaiCapDomain
import Testing

/// Deadlines outside a case's main clock go through `DeadlineClock` and the working calendar too:
/// the switchboard's forwarding time (around the clock) and a 1022 report's reopen window
/// (calendar days, ending at the close of office, moved off days off).
@Suite("Case deadlines through the clock")
struct CaseDeadlineTests {
    typealias F = CalendarFixtures

    @Test("forwarding minutes run around the clock: a report at 22:00 on a Saturday must be forwarded by 22:05")
    func forwardMinutes() {
        let saturdayNight = F.at(2026, 11, 28, 22, 0)
        let clock = DeadlineClock(start: saturdayNight, duration: .clockMinutes(5))
        #expect(clock.due(in: F.calendar, now: saturdayNight) == F.at(2026, 11, 28, 22, 5))
        #expect(clock.isOverdue(at: F.at(2026, 11, 28, 22, 6), in: F.calendar))
        #expect(!DeadlineClock.Duration.procedureUnits.contains(.clockMinutes))
    }

    static func answered(at date: Date) -> Report {
        Report(
            id: 1, categoryCode: "c", categoryName: "c", description: "d", point: nil, address: nil, unitCode: nil, unitName: nil,
            agencyId: "a", agencyName: "a", agencyUnitCode: nil, status: .answered, channel: .web, reporter: Reporter(anonymous: true),
            attributes: [:], mediaURL: nil, tokenHash: "", receivedAt: date, forwardDue: date, forwardedAt: date, due: date,
            answeredAt: date, updatedAt: date, boundaryApproximate: false)
    }

    @Test("the reopen window ends at the close of office on its last day, not 7 × 24 hours after the answer")
    func reopenWindowClosesWithOffice() {
        let report = Self.answered(at: F.at(2026, 12, 1, 10, 0))  // Tuesday
        #expect(report.canReopen(now: F.at(2026, 12, 8, 16, 30), days: 7, in: F.calendar))
        // Past 10:00 on the seventh day, which a count in seconds would have refused.
        #expect(report.canReopen(now: F.at(2026, 12, 8, 11, 0), days: 7, in: F.calendar))
        #expect(!report.canReopen(now: F.at(2026, 12, 8, 17, 1), days: 7, in: F.calendar))
    }

    @Test("a window whose last day is a holiday runs to the next working day")
    func reopenWindowSkipsHolidays() {
        // Answered Thursday 23/04/2026; seven days later is 30/04, a holiday, then 01/05 and the weekend.
        let report = Self.answered(at: F.at(2026, 4, 23, 10, 0))
        #expect(!F.calendar.isWorkingDay(F.date(2026, 4, 30)))
        var next = F.date(2026, 4, 30)
        while !F.calendar.isWorkingDay(next) { next = next.adding(days: 1) }
        #expect(report.canReopen(now: VietnamTime.date(next, minutes: 16 * 60), days: 7, in: F.calendar))
        #expect(!report.canReopen(now: VietnamTime.date(next.adding(days: 1), minutes: 9 * 60), days: 7, in: F.calendar))
    }
}
