import Foundation

/// The statutory public holidays of Việt Nam (Bộ luật Lao động 2019, art. 112, as amended) and
/// the rules that derive the days actually taken off from them.
///
/// Rules, in order:
/// 1. Statutory days: 1/1; Tết — the last day of the lunar year and lunar 1/1–4/1 (five days;
///    four before 2013); Giỗ Tổ Hùng Vương on 10/3 lunar (from 2007); 30/4; 1/5; Quốc khánh 2/9
///    plus one adjacent day (from 2021); Ngày Văn hóa Việt Nam 24/11 (from 2026, configurable).
/// 2. The adjacent Quốc khánh day (1/9 or 3/9) is chosen by the government each year. Default:
///    take the neighbour that is a weekday; if both are, the one that touches a weekend
///    (a Monday or a Friday); if neither touches one, the day before (1/9). That reproduces
///    every year since 2021 (2021 Fri 3/9, 2022 Thu 1/9, 2023 Fri 1/9, 2024 Tue 3/9,
///    2025 Mon 1/9). A year's choice can be overridden here or by that year's announcement.
/// 3. Tết days on a weekend are compensated the way the government's Tết notices have done it
///    in recent years: a Saturday by the working day just before the break, a Sunday by the
///    working day just after it, so the break stays one block (2016: Friday 12/2 added after;
///    2021: 10/2–16/2; 2023: 20/1–26/1; 2024: 8/2–14/2; 2025: Monday 27/1 added before).
/// 4. Any other statutory day on a Saturday or Sunday is compensated on the next day that is a
///    weekday and not already off (art. 111(3)).
/// 5. The year's announcement adds its days off, may replace the Tết compensation (rule 3) and
///    the other compensations (rule 4) with its own days, and fixes the adjacent Quốc khánh day.
///
/// "Weekend" here is the weekly rest of state offices, Saturday and Sunday, whatever hours a
/// particular office keeps (a desk open on Saturday mornings does not move a holiday).
public struct HolidayRules: Sendable, Codable, Hashable {
    /// Year → the adjacent Quốc khánh day (1/9 or 3/9) when it differs from the default rule.
    public var nationalDayExtraOverrides: [Int: LocalDate]
    /// First year with the 24/11 holiday; nil disables it.
    public var culturalDayFirstYear: Int?
    /// Whether Tết days on a weekend get compensatory days (rule 3).
    public var compensatesTetWeekends: Bool
    /// Whether other holidays on a weekend get a compensatory day (rule 4).
    public var compensatesWeekendHolidays: Bool

    public init(
        nationalDayExtraOverrides: [Int: LocalDate] = [:], culturalDayFirstYear: Int? = 2026,
        compensatesTetWeekends: Bool = true, compensatesWeekendHolidays: Bool = true
    ) {
        self.nationalDayExtraOverrides = nationalDayExtraOverrides
        self.culturalDayFirstYear = culturalDayFirstYear
        self.compensatesTetWeekends = compensatesTetWeekends
        self.compensatesWeekendHolidays = compensatesWeekendHolidays
    }

    public static let standard = HolidayRules()

    /// The day taken with 2/9 in `year` (rule 2), before any announcement.
    public func nationalDayExtra(year: Int) -> LocalDate {
        if let chosen = nationalDayExtraOverrides[year] { return chosen }
        let before = LocalDate(year: year, month: 9, day: 1)
        let after = LocalDate(year: year, month: 9, day: 3)
        func touchesWeekend(_ date: LocalDate) -> Bool { date.weekday == 1 || date.weekday == 5 }
        switch (before.isWeekend, after.isWeekend) {
        case (true, false): return after
        case (false, true): return before
        default:
            if touchesWeekend(after) && !touchesWeekend(before) { return after }
            return before
        }
    }

    /// All days off of `year`, sorted, one per date (see the type's documentation for the rules).
    public func holidays(year: Int, announcement: YearAnnouncement? = nil) -> [Holiday] {
        let announcement = announcement?.year == year ? announcement : nil
        var days: [LocalDate: Holiday] = [:]
        func add(_ date: LocalDate, _ name: String, _ kind: HolidayKind) {
            if days[date] == nil { days[date] = Holiday(date: date, name: name, kind: kind) }
        }

        // Rule 1 and 2: statutory days. Tết is handled apart because its compensation differs.
        var fixed: [Holiday] = []
        func statutory(_ date: LocalDate, _ name: String) {
            fixed.append(Holiday(date: date, name: name, kind: .statutory))
        }
        statutory(LocalDate(year: year, month: 1, day: 1), "Tết Dương lịch")
        if year >= 2007, let hungKings = LunarCalendar.solar(from: LunarDate(day: 10, month: 3, year: year)) {
            statutory(hungKings, "Giỗ Tổ Hùng Vương (10/3 Âm lịch)")
        }
        statutory(LocalDate(year: year, month: 4, day: 30), "Ngày Chiến thắng (30/4)")
        statutory(LocalDate(year: year, month: 5, day: 1), "Ngày Quốc tế Lao động (1/5)")
        statutory(LocalDate(year: year, month: 9, day: 2), "Quốc khánh (2/9)")
        if year >= 2021 {
            let extra = announcement?.nationalDayExtra ?? nationalDayExtra(year: year)
            statutory(extra, "Quốc khánh (ngày liền kề 2/9)")
        }
        if let first = culturalDayFirstYear, year >= first {
            statutory(LocalDate(year: year, month: 11, day: 24), "Ngày Văn hóa Việt Nam (24/11)")
        }

        let tet = tetDays(year: year)
        for holiday in tet + fixed { add(holiday.date, holiday.name, holiday.kind) }

        // Announced days go in before the compensations so that those skip them.
        for announced in announcement?.daysOff ?? [] where announced.date.year == year {
            add(announced.date, announced.reason, announced.kind ?? .announcedOff)
        }
        func isFree(_ date: LocalDate) -> Bool { !date.isWeekend && days[date] == nil }

        // Rule 3: Tết compensation.
        if compensatesTetWeekends && !(announcement?.replacesTetBreak ?? false), let first = tet.first, let last = tet.last {
            for holiday in tet where holiday.date.isWeekend {
                let saturday = holiday.date.weekday == 6
                var candidate = saturday ? first.date.adding(days: -1) : last.date.adding(days: 1)
                while !isFree(candidate) { candidate = candidate.adding(days: saturday ? -1 : 1) }
                add(candidate, "Nghỉ bù Tết Nguyên đán (cho \(Self.weekdayName(holiday.date)) \(Self.short(holiday.date)))", .tetExtra)
            }
        }

        // Rule 4: other holidays on a weekend, in date order so that each takes the next free day.
        if compensatesWeekendHolidays && !(announcement?.replacesObservedDays ?? false) {
            for holiday in fixed.sorted(by: { $0.date < $1.date }) where holiday.date.isWeekend {
                var candidate = holiday.date.adding(days: 1)
                while !isFree(candidate) { candidate = candidate.adding(days: 1) }
                add(candidate, "Nghỉ bù \(holiday.name)", .observed)
            }
        }

        return days.values.sorted { $0.date < $1.date }
    }

    /// The statutory Tết days falling in Gregorian year `year`: the last day of the previous lunar
    /// year (29 or 30 tháng Chạp) and lunar 1/1 to 4/1 (to 3/1 before 2013).
    public func tetDays(year: Int) -> [Holiday] {
        let newYear = LunarCalendar.lunarNewYear(year)
        let eve = newYear.adding(days: -1)
        let eveDay = LunarCalendar.lunar(from: eve).day
        var days = [Holiday(date: eve, name: "Tết Nguyên đán (\(eveDay) Tết)", kind: .statutory)]
        for offset in 0..<(year >= 2013 ? 4 : 3) {
            days.append(
                Holiday(
                    date: newYear.adding(days: offset),
                    name: "Tết Nguyên đán (mùng \(offset + 1))", kind: .statutory))
        }
        return days
    }

    static func weekdayName(_ date: LocalDate) -> String {
        ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"][date.weekday - 1]
    }

    /// `dd/MM/yyyy`, the usual Vietnamese date form.
    static func short(_ date: LocalDate) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(date.day))/\(two(date.month))/\(date.year)"
    }
}
