import Foundation

/// Can chi (the sexagenary cycle) names in Vietnamese: a heavenly stem (can) and an earthly
/// branch (chi), as printed on Vietnamese calendars and in Tết announcements ("Tết Ất Tỵ").
public enum CanChi {
    public static let stems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
    public static let branches = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]

    /// The name of lunar year `year`: 2024 → "Giáp Thìn", 2025 → "Ất Tỵ", 2026 → "Bính Ngọ".
    /// Year 4 (CE) was Giáp Tý, the start of a cycle.
    public static func year(_ year: Int) -> String {
        "\(stems[modulo(year - 4, 10)]) \(branches[modulo(year - 4, 12)])"
    }

    /// The name of (non-leap or leap) lunar month `month` of lunar year `year`. Month 1 is
    /// always a Dần month; its stem follows from the year's stem (Giáp/Kỷ years start with
    /// Bính Dần, Ất/Canh with Mậu Dần, and so on). A leap month takes the name of its month.
    public static func month(_ month: Int, ofYear year: Int) -> String {
        let yearStem = modulo(year - 4, 10)
        let firstMonthStem = (yearStem % 5) * 2 + 2
        return "\(stems[modulo(firstMonthStem + month - 1, 10)]) \(branches[modulo(month + 1, 12)])"
    }

    /// The name of a solar day. The 60-day cycle runs on without a break, so it is a fixed
    /// offset from the Julian Day Number (1970-01-01 was a Tân Tỵ day, 2024-02-10 Giáp Thìn).
    public static func day(_ date: LocalDate) -> String {
        let julianDay = date.julianDay
        return "\(stems[modulo(julianDay + 9, 10)]) \(branches[modulo(julianDay + 1, 12)])"
    }

    private static func modulo(_ value: Int, _ divisor: Int) -> Int {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}

extension LunarCalendar {
    /// Can chi name of a lunar year, e.g. 2025 → "Ất Tỵ".
    public static func canChi(ofYear year: Int) -> String { CanChi.year(year) }
}
