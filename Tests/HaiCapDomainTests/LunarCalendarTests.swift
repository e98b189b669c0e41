import Foundation
import Testing
import HaiCapDomain

@Suite("Lunar calendar (UTC+7)")
struct LunarCalendarTests {
    @Test(
        "Tết dates, including years where Việt Nam differs from China",
        arguments: [
            (1985, "1985-01-21"), (2007, "2007-02-17"), (2024, "2024-02-10"),
            (2025, "2025-01-29"), (2026, "2026-02-17"), (2030, "2030-02-02")
        ])
    func tet(year: Int, expected: String) {
        #expect(LunarCalendar.lunarNewYear(year).iso == expected)
        #expect(LunarCalendar.lunar(from: LocalDate(iso: expected)!) == LunarDate(day: 1, month: 1, year: year))
    }

    @Test func giotoHungVuong2025() {
        #expect(LunarCalendar.solar(from: LunarDate(day: 10, month: 3, year: 2025)) == LocalDate(year: 2025, month: 4, day: 7))
    }

    @Test func lastDayOfYearBelongsToThePreviousLunarYear() {
        let eve = LunarCalendar.lunar(from: LocalDate(year: 2025, month: 1, day: 28))
        #expect(eve.year == 2024 && eve.month == 12 && !eve.isLeapMonth)
        #expect(eve.day == 29)
        #expect(LunarCalendar.lastDayOfYear(2024) == LocalDate(year: 2025, month: 1, day: 28))
    }

    @Test func leapMonths() {
        // 2025 has a leap 6th month (6 nhuận, from 2025-07-25); 2023 a leap 2nd month.
        #expect(LunarCalendar.leapMonth(ofYear: 2025) == 6)
        #expect(LunarCalendar.leapMonth(ofYear: 2023) == 2)
        #expect(LunarCalendar.leapMonth(ofYear: 2024) == nil)
        #expect(LunarCalendar.solar(from: LunarDate(day: 1, month: 6, year: 2025, isLeapMonth: true)) == LocalDate(year: 2025, month: 7, day: 25))
        // A leap month that does not exist, and a 30th day of a 29-day month.
        #expect(LunarCalendar.solar(from: LunarDate(day: 1, month: 5, year: 2025, isLeapMonth: true)) == nil)
        #expect(LunarCalendar.solar(from: LunarDate(day: 30, month: 12, year: 2024)) == nil)
        // The 2033 problem: a leap 11th month in the Vietnamese calendar.
        #expect(LunarCalendar.leapMonth(ofYear: 2033) == 11)
    }

    @Test func canChi() {
        #expect(LunarCalendar.canChi(ofYear: 2024) == "Giáp Thìn")
        #expect(LunarCalendar.canChi(ofYear: 2025) == "Ất Tỵ")
        #expect(LunarCalendar.canChi(ofYear: 2026) == "Bính Ngọ")
        #expect(CanChi.year(1984) == "Giáp Tý")
        #expect(CanChi.month(1, ofYear: 2024) == "Bính Dần")
        #expect(CanChi.day(LocalDate(year: 2024, month: 2, day: 10)) == "Giáp Thìn")
    }

    @Test("Round trip solar → lunar → solar, 1900–2199, every 7th day")
    func roundTrip() {
        var day = LocalDate(year: 1900, month: 1, day: 31)
        let end = LocalDate(year: 2199, month: 12, day: 31)
        while day <= end {
            let lunar = LunarCalendar.lunar(from: day)
            #expect(LunarCalendar.solar(from: lunar) == day)
            day = day.adding(days: 7)
        }
    }

    @Test("Outside the table the slow path agrees with the table at its edges")
    func outsideTable() {
        let date = LocalDate(year: 2250, month: 6, day: 1)
        let lunar = LunarCalendar.lunar(from: date)
        #expect(LunarCalendar.solar(from: lunar) == date)
        #expect(LunarCalendar.lunarNewYear(1899).year == 1899)
    }
}

@Suite("LocalDate and Vietnam time")
struct CalendarLocalDateTests {
    @Test func isoAndArithmetic() throws {
        let date = try #require(LocalDate(iso: "2025-01-29"))
        #expect(date.iso == "2025-01-29")
        #expect(date.weekday == 3)
        #expect(LocalDate(iso: "2025-02-29") == nil)
        #expect(LocalDate(iso: "2025-1-29") == nil)
        #expect(date.adding(days: 31) == LocalDate(year: 2025, month: 3, day: 1))
        #expect(LocalDate(year: 2024, month: 3, day: 1).daysSince(LocalDate(year: 2024, month: 2, day: 1)) == 29)
        #expect(LocalDate(year: 2000, month: 1, day: 1).julianDay == 2_451_545)
        #expect(LocalDate(julianDay: 2_451_545) == LocalDate(year: 2000, month: 1, day: 1))
        #expect(LocalDate(daysSinceEpoch: -1) == LocalDate(year: 1969, month: 12, day: 31))
    }

    @Test func codableAsString() throws {
        let data = try JSONEncoder().encode([LocalDate(year: 2025, month: 4, day: 30)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-04-30"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [LocalDate(year: 2025, month: 4, day: 30)])
    }

    @Test func vietnamTimeIsUTCPlus7() {
        // 2025-01-24 07:59:59 UTC is 14:59:59 in Hà Nội / TP.HCM.
        let instant = Date(timeIntervalSince1970: 1_737_705_599)
        let parts = VietnamTime.components(instant)
        #expect(parts.date == LocalDate(year: 2025, month: 1, day: 24))
        #expect(parts.minutes == 14 * 60 + 59)
        #expect(VietnamTime.date(2025, 1, 24, 14, 59).timeIntervalSince1970 == 1_737_705_540)
        // Local midnight is 17:00 UTC of the previous day.
        #expect(VietnamTime.localDate(of: Date(timeIntervalSince1970: 1_737_738_000)) == LocalDate(year: 2025, month: 1, day: 25))
    }
}
