import Foundation
import Testing
import HaiCapDomain

@Suite("Holidays and announcements")
struct CalendarHolidayTests {
    typealias F = CalendarFixtures

    private func daysOff(_ year: Int) -> [String: HolidayKind] {
        let announcement = F.announcements.first { $0.year == year }
        return Dictionary(uniqueKeysWithValues: Holidays.forYear(year, announcement: announcement).map { ($0.date.iso, $0.kind) })
    }

    @Test func year2025MatchesTheOfficialNotices() {
        let off = daysOff(2025)
        #expect(
            off == [
                "2025-01-01": .statutory,
                "2025-01-27": .tetExtra, "2025-01-28": .statutory, "2025-01-29": .statutory,
                "2025-01-30": .statutory, "2025-01-31": .statutory, "2025-02-01": .statutory,
                "2025-04-07": .statutory, "2025-04-30": .statutory, "2025-05-01": .statutory,
                "2025-05-02": .announcedOff, "2025-09-01": .statutory, "2025-09-02": .statutory
            ])
        // Tết Ất Tỵ: nine days off in a row, Saturday 25/1 to Sunday 2/2.
        let calendar = F.calendar
        for offset in 0...8 {
            #expect(!calendar.isWorkingDay(F.date(2025, 1, 25).adding(days: offset)))
        }
        #expect(calendar.isWorkingDay(F.date(2025, 1, 24)))
        #expect(calendar.isWorkingDay(F.date(2025, 2, 3)))
        // Saturday 26/4/2025 is worked in exchange for Friday 2/5.
        #expect(calendar.isWorkingDay(F.date(2025, 4, 26)))
        #expect(calendar.workingPeriods(on: F.date(2025, 4, 26)) == WorkingHours.standard.periods(weekday: 1))
    }

    @Test func year2024() {
        let off = daysOff(2024)
        #expect(
            off.keys.sorted() == [
                "2024-01-01", "2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12",
                "2024-02-13", "2024-02-14", "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01",
                "2024-09-02", "2024-09-03"
            ])
        #expect(F.calendar.isWorkingDay(F.date(2024, 5, 4)))
    }

    @Test func year2026FromTheReferenceData() {
        let off = daysOff(2026)
        #expect(off["2026-04-27"] == .observed)  // Giỗ Tổ on Sunday 26/4
        #expect(off["2026-08-31"] == .announcedOff)  // swapped with Saturday 22/8
        #expect(off["2026-11-24"] == .statutory)  // Ngày Văn hóa Việt Nam, first year
        #expect(off.count == 14)  // 1/1, 5 Tết days, 26–27/4, 30/4, 1/5, 31/8–2/9, 24/11
        #expect(F.calendar.isWorkingDay(F.date(2026, 8, 22)))
    }

    @Test(
        "Rule-only years: compensation for weekends",
        arguments: [
            // Tết 2027 starts on Saturday: Thursday before and Wednesday after are added.
            (2027, ["2027-02-04": HolidayKind.tetExtra, "2027-02-10": .tetExtra, "2027-05-03": .observed]),
            // 2028: 1/1 Saturday → Monday 3/1; 30/4 Sunday → 2/5 (1/5 is taken); 2/9 Saturday → Monday 4/9.
            (2028, ["2028-01-03": .observed, "2028-01-24": .tetExtra, "2028-05-02": .observed, "2028-09-01": .statutory, "2028-09-04": .observed]),
            // 2029: 2/9 Sunday, 3/9 is the adjacent day → Tuesday 4/9; 24/11 Saturday → Monday 26/11.
            (2029, ["2029-09-03": .statutory, "2029-09-04": .observed, "2029-11-26": .observed])
        ])
    func ruleYears(year: Int, expected: [String: HolidayKind]) {
        let off = daysOff(year)
        for (date, kind) in expected { #expect(off[date] == kind, "\(date)") }
    }

    @Test(
        "The adjacent Quốc khánh day joins a weekend when it can",
        arguments: [
            (2021, 3), (2022, 1), (2023, 1), (2024, 3), (2025, 1), (2026, 1), (2027, 3), (2029, 3), (2030, 3)
        ])
    func nationalDayExtra(year: Int, day: Int) {
        #expect(HolidayRules.standard.nationalDayExtra(year: year) == LocalDate(year: year, month: 9, day: day))
    }

    @Test func nationalDayExtraCanBeOverridden() {
        let rules = HolidayRules(nationalDayExtraOverrides: [2027: LocalDate(year: 2027, month: 9, day: 1)])
        let off = Set(rules.holidays(year: 2027).map(\.date.iso))
        #expect(off.contains("2027-09-01") && !off.contains("2027-09-03"))
    }

    @Test func tetNamesGiveTheLunarDay() {
        let tet = HolidayRules.standard.tetDays(year: 2024).map(\.name)
        #expect(tet.first == "Tết Nguyên đán (30 Tết)")
        #expect(HolidayRules.standard.tetDays(year: 2025).first?.name == "Tết Nguyên đán (29 Tết)")
        #expect(tet.last == "Tết Nguyên đán (mùng 4)")
    }

    @Test func announcementValidationAndDefaults() throws {
        let json = #"{"year": 2031, "source": "test", "daysOff": [{"date": "2031-05-02", "reason": "x"}]}"#
        let announcement = try JSONDecoder().decode(YearAnnouncement.self, from: Data(json.utf8))
        #expect(announcement.workingDays.isEmpty && !announcement.replacesTetBreak)
        #expect(announcement.validationErrors().isEmpty)
        let bad = YearAnnouncement(
            year: 2031, source: "test",
            workingDays: [.init(date: LocalDate(year: 2031, month: 5, day: 5), reason: "Monday")],
            nationalDayExtra: LocalDate(year: 2031, month: 9, day: 4))
        #expect(bad.validationErrors().count == 2)
        for announcement in F.announcements { #expect(announcement.validationErrors().isEmpty) }
    }
}
