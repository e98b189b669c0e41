import Foundation

/// Solar ↔ lunar conversion for the Vietnamese calendar (UTC+7).
///
/// The Vietnamese calendar is the Chinese lunisolar calendar reckoned at UTC+7 instead of
/// UTC+8, so a new moon between 23:00 and 24:00 Vietnam time starts the month a day earlier
/// than in China: Tết 1985 was 21 January in Việt Nam and 20 February in China (the leap month
/// also differed), and Tết 2007 was 17 February instead of 18 February.
///
/// Lunar years 1900–2199 come from a table built once, on first use (a `static let`, which
/// Swift initialises exactly once and thread-safely); other years are computed on demand.
public enum LunarCalendar {
    /// Vietnam's reference meridian: UTC+7.
    static let offsetHours = 7.0

    /// Lunar years served from the precomputed table.
    public static let tableYears = 1900...2199

    /// The table for suì 1900…2200: whole lunar years 1900…2199, and every solar day from
    /// lunar month 11 of 1899 (December 1899) to lunar month 11 of 2200.
    private static let table = LunarMonthTable(
        solarYears: tableYears.lowerBound...(tableYears.upperBound + 1), offsetHours: offsetHours)

    /// The lunar date of a solar date.
    public static func lunar(from date: LocalDate) -> LunarDate {
        let julianDay = date.julianDay
        if table.julianDayRange.contains(julianDay) {
            return table.lunar(julianDay: julianDay)
        }
        // Outside the table: build the few suì around the date (slow, but exact).
        let local = LunarMonthTable(solarYears: (date.year - 1)...(date.year + 1), offsetHours: offsetHours)
        return local.lunar(julianDay: julianDay)
    }

    /// The solar date of a lunar date; nil if that month (for example a leap month) does not
    /// exist in that year or the day is past the month's end (29 or 30 days).
    public static func solar(from lunar: LunarDate) -> LocalDate? {
        guard (1...12).contains(lunar.month), (1...30).contains(lunar.day) else { return nil }
        let source = monthTable(forLunarYear: lunar.year)
        guard let index = source.monthIndex(year: lunar.year, month: lunar.month, isLeap: lunar.isLeapMonth),
            lunar.day <= source.monthLength(index)
        else { return nil }
        return LocalDate(julianDay: source.monthStart(index) + lunar.day - 1)
    }

    /// Tết Nguyên đán: lunar 1/1 of `year`.
    public static func lunarNewYear(_ year: Int) -> LocalDate {
        // Month 1 always exists and always has day 1.
        solar(from: LunarDate(day: 1, month: 1, year: year))!
    }

    /// The last day of lunar year `year` (29 or 30 tháng Chạp), the day before the next Tết.
    public static func lastDayOfYear(_ year: Int) -> LocalDate {
        lunarNewYear(year + 1).adding(days: -1)
    }

    /// Number of days (29 or 30) of a lunar month, or nil if the month does not exist.
    public static func daysInMonth(_ month: Int, year: Int, isLeapMonth: Bool = false) -> Int? {
        let source = monthTable(forLunarYear: year)
        guard let index = source.monthIndex(year: year, month: month, isLeap: isLeapMonth) else { return nil }
        return source.monthLength(index)
    }

    /// The number of the month that is followed by a leap month in `year`, or nil if none.
    public static func leapMonth(ofYear year: Int) -> Int? {
        monthTable(forLunarYear: year).leapMonth(ofYear: year)
    }

    private static func monthTable(forLunarYear year: Int) -> LunarMonthTable {
        if table.lunarYears.contains(year) { return table }
        return LunarMonthTable(solarYears: year...(year + 1), offsetHours: offsetHours)
    }
}
