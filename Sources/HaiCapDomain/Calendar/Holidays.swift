import Foundation

/// Why a day is a public day off.
public enum HolidayKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// A day the Labour Code itself gives (art. 112): 1/1, the five Tết days, Giỗ Tổ,
    /// 30/4, 1/5, 2/9 and its adjacent day, 24/11 from 2026.
    case statutory
    /// A compensatory day for a statutory day that fell on a weekend (nghỉ bù, art. 111(3)).
    case observed
    /// A compensatory day added to the Tết break because a Tết day fell on a weekend.
    case tetExtra
    /// A day off announced by the government for one year, usually swapped with a working
    /// Saturday (hoán đổi ngày làm việc).
    case announcedOff
}

/// One public day off.
public struct Holiday: Sendable, Codable, Hashable {
    public let date: LocalDate
    /// Vietnamese name, shown to citizens on appointment slips ("ngày không tính").
    public let name: String
    public let kind: HolidayKind

    public init(date: LocalDate, name: String, kind: HolidayKind) {
        self.date = date
        self.name = name
        self.kind = kind
    }
}

/// The days off of a year: the statutory rules (`HolidayRules`) combined with the government's
/// announcement for that year, if there is one.
public enum Holidays {
    /// All days off of `year`, sorted by date, one entry per date.
    public static func forYear(
        _ year: Int, rules: HolidayRules = .standard,
        announcement: YearAnnouncement? = nil
    ) -> [Holiday] {
        rules.holidays(year: year, announcement: announcement)
    }

    /// Dates worked in exchange for a day off (a Saturday or Sunday that becomes a working day).
    public static func workingWeekendDays(_ year: Int, announcement: YearAnnouncement?) -> [LocalDate] {
        (announcement?.workingDays ?? []).map(\.date).filter { $0.year == year }.sorted()
    }
}
