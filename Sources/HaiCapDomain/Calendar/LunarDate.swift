import Foundation

/// A date of the Vietnamese lunisolar calendar (âm lịch), reckoned for UTC+7.
///
/// `year` is the Gregorian number of the year in which the lunar year *starts* (Tết): lunar
/// 1/1/2025 is 2025-01-29, and 30/12 of lunar year 2024 is 2025-01-28.
public struct LunarDate: Sendable, Hashable, Codable {
    public let day: Int
    public let month: Int
    public let year: Int
    /// True for a leap (intercalary, "nhuận") month, which repeats the number of the month before it.
    public let isLeapMonth: Bool

    public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }
}

extension LunarDate: CustomStringConvertible {
    /// `10/3/2025 ÂL`, with `n` after the month for a leap month: `4/6n/2025 ÂL`.
    public var description: String {
        "\(day)/\(month)\(isLeapMonth ? "n" : "")/\(year) ÂL"
    }
}
