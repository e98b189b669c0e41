import Foundation
import Testing
import HaiCapDomain

@Suite("Working time: legal cases")
struct CalendarWorkingTimeTests {
    typealias F = CalendarFixtures
    let calendar = F.calendar

    @Test("Same-day service on the Friday before Tết 2025: 14:59 vs 15:01")
    func sameDayCutoffBeforeTet() {
        // Before the cut-off: due the same afternoon.
        #expect(calendar.addWorkingDays(0, to: F.at(2025, 1, 24, 14, 59)) == F.at(2025, 1, 24, 17, 0))
        // After it: the next working day, which is after the nine-day Tết break.
        #expect(calendar.addWorkingDays(0, to: F.at(2025, 1, 24, 15, 1)) == F.at(2025, 2, 3, 17, 0))
        // Exactly 15:00 counts as after the cut-off.
        #expect(calendar.addWorkingDays(0, to: F.at(2025, 1, 24, 15, 0)) == F.at(2025, 2, 3, 17, 0))
        // Received on a day off (Saturday): the next working day.
        #expect(calendar.addWorkingDays(0, to: F.at(2025, 3, 8, 9, 0)) == F.at(2025, 3, 10, 17, 0))
    }

    @Test("15 working days across the Tết 2025 break")
    func fifteenDaysAcrossTet() {
        // Receipt day (Wed 22/1) not counted: 23, 24 | break 25/1–2/2 | 3–7/2, 10–14/2, 17–19/2.
        #expect(calendar.addWorkingDays(15, to: F.at(2025, 1, 22, 10, 0)) == F.at(2025, 2, 19, 17, 0))
        #expect(calendar.workingDays(after: F.date(2025, 1, 22), through: F.date(2025, 2, 19)) == 15)
    }

    @Test("15 working days across 30/4–1/5/2025, with the swapped Saturday 26/4 worked")
    func fifteenDaysAcrossReunificationDay() {
        // 18, 21–25, Sat 26, 28, 29 (9) | 30/4–4/5 off | 5–9 (14), 12 (15).
        #expect(calendar.addWorkingDays(15, to: F.at(2025, 4, 17, 9, 0)) == F.at(2025, 5, 12, 17, 0))
        // Without the announcement, 26/4 is a Saturday and 2/5 a working Friday.
        let rulesOnly = WorkCalendar(years: 2024...2026)
        #expect(rulesOnly.addWorkingDays(15, to: F.at(2025, 4, 17, 9, 0)) == F.at(2025, 5, 12, 17, 0))
        #expect(rulesOnly.addWorkingDays(9, to: F.at(2025, 4, 17, 9, 0)) == F.at(2025, 5, 2, 17, 0))
        #expect(calendar.addWorkingDays(9, to: F.at(2025, 4, 17, 9, 0)) == F.at(2025, 4, 29, 17, 0))
    }

    @Test("Receipt after closing or on a weekend starts counting the next working day")
    func receiptDayRules() {
        // Monday 10/3/2025 18:00, 1 working day → Tuesday close (the receipt day is not counted).
        #expect(calendar.addWorkingDays(1, to: F.at(2025, 3, 10, 18, 0)) == F.at(2025, 3, 11, 17, 0))
        #expect(calendar.addWorkingDays(1, to: F.at(2025, 3, 10, 8, 0)) == F.at(2025, 3, 11, 17, 0))
        // Saturday 8/3: Monday 10/3 is day 1.
        #expect(calendar.addWorkingDays(1, to: F.at(2025, 3, 8, 10, 0)) == F.at(2025, 3, 10, 17, 0))
        #expect(calendar.addingWorkingDays(1, to: F.date(2025, 3, 8)) == F.date(2025, 3, 10))
        #expect(calendar.addingWorkingDays(-1, to: F.date(2025, 3, 10)) == F.date(2025, 3, 7))
    }

    @Test("Working hours across lunch and nights")
    func workingHours() {
        // Monday 10/3/2025 10:00 + 4 h: 10:00–11:30, 13:00–15:30.
        #expect(calendar.addWorkingMinutes(240, to: F.at(2025, 3, 10, 10, 0)) == F.at(2025, 3, 10, 15, 30))
        // A duration that uses up the morning ends at 11:30, not at 13:00.
        #expect(calendar.addWorkingMinutes(90, to: F.at(2025, 3, 10, 10, 0)) == F.at(2025, 3, 10, 11, 30))
        // Received during lunch: counting starts at 13:00.
        #expect(calendar.addWorkingHours(1, to: F.at(2025, 3, 10, 12, 0)) == F.at(2025, 3, 10, 14, 0))
        // 16:00 + 8 h runs overnight to Tuesday 16:00.
        #expect(calendar.addWorkingHours(8, to: F.at(2025, 3, 10, 16, 0)) == F.at(2025, 3, 11, 16, 0))
        // Friday 16:30 + 2 h: 30 min on Friday, then Monday 07:30–09:00.
        #expect(calendar.addWorkingHours(2, to: F.at(2025, 3, 7, 16, 30)) == F.at(2025, 3, 10, 9, 0))
        // Across Tết: Friday 24/1/2025 16:00 + 2 h → Monday 3/2 08:30.
        #expect(calendar.addWorkingHours(2, to: F.at(2025, 1, 24, 16, 0)) == F.at(2025, 2, 3, 8, 30))
        #expect(calendar.workingTime(from: F.at(2025, 1, 24, 16, 0), to: F.at(2025, 2, 3, 8, 30)) == 120)
        #expect(calendar.workingTime(from: F.at(2025, 2, 3, 8, 30), to: F.at(2025, 1, 24, 16, 0)) == -120)
    }

    @Test func workingInstants() {
        #expect(calendar.isWorkingTime(F.at(2025, 3, 10, 7, 30)))
        #expect(!calendar.isWorkingTime(F.at(2025, 3, 10, 11, 30)))
        #expect(!calendar.isWorkingTime(F.at(2025, 3, 10, 17, 0)))
        #expect(!calendar.isWorkingTime(F.at(2025, 1, 29, 9, 0)))  // mùng 1 Tết
        #expect(calendar.nextWorkingInstant(from: F.at(2025, 3, 10, 12, 0)) == F.at(2025, 3, 10, 13, 0))
        #expect(calendar.nextWorkingInstant(from: F.at(2025, 3, 10, 9, 15)) == F.at(2025, 3, 10, 9, 15))
        #expect(calendar.nextWorkingInstant(from: F.at(2025, 1, 24, 17, 0)) == F.at(2025, 2, 3, 7, 30))
    }

    @Test("Calendar days landing on a day off move to the next working day")
    func calendarDays() {
        // 10 calendar days from Wednesday 22/1/2025 → Saturday 1/2 (Tết) → Monday 3/2.
        #expect(calendar.addCalendarDays(10, to: F.at(2025, 1, 22, 9, 0)) == F.at(2025, 2, 3, 17, 0))
        #expect(calendar.addCalendarDays(5, to: F.at(2025, 3, 3, 9, 0)) == F.at(2025, 3, 10, 17, 0))
        #expect(calendar.addCalendarDays(4, to: F.at(2025, 3, 3, 9, 0)) == F.at(2025, 3, 7, 17, 0))
    }

    @Test("Saturday-morning desk")
    func saturdayMorning() {
        let hours = WorkingHours.standard.withSaturday([WorkingPeriod("07:30", "11:30")])
        let desk = WorkCalendar(hours: hours, announcements: F.announcements, years: 2024...2026)
        #expect(desk.isWorkingDay(F.date(2025, 3, 8)))
        #expect(desk.closeOfDay(F.date(2025, 3, 8)) == F.at(2025, 3, 8, 11, 30))
        // Received Saturday 12:00, before the 15:00 cut-off but after closing: next working day.
        #expect(desk.addWorkingDays(0, to: F.at(2025, 3, 8, 12, 0)) == F.at(2025, 3, 10, 17, 0))
        #expect(desk.addWorkingDays(0, to: F.at(2025, 3, 8, 10, 0)) == F.at(2025, 3, 8, 11, 30))
        // A Tết Saturday stays closed.
        #expect(!desk.isWorkingDay(F.date(2025, 2, 1)))
    }

    @Test("Days outside the precomputed years are still right")
    func outsideTable() {
        let small = WorkCalendar(announcements: F.announcements, years: 2025...2025)
        #expect(small.addWorkingDays(15, to: F.at(2024, 12, 20, 10, 0)) == F.calendar.addWorkingDays(15, to: F.at(2024, 12, 20, 10, 0)))
        #expect(small.addWorkingDays(20, to: F.at(2025, 12, 10, 10, 0)) == F.calendar.addWorkingDays(20, to: F.at(2025, 12, 10, 10, 0)))
        #expect(small.addWorkingMinutes(10_000, to: F.at(2025, 12, 10, 10, 0)) == F.calendar.addWorkingMinutes(10_000, to: F.at(2025, 12, 10, 10, 0)))
        #expect(
            small.workingTime(from: F.at(2024, 12, 1), to: F.at(2026, 2, 1)) == F.calendar.workingTime(from: F.at(2024, 12, 1), to: F.at(2026, 2, 1)))
        #expect(!small.isWorkingDay(F.date(2026, 2, 17)))
    }
}
