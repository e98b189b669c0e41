import Foundation

/// A stretch of office hours within a day, in minutes since local midnight: `[start, end)`.
public struct WorkingPeriod: Sendable, Codable, Hashable {
    public let start: Int
    public let end: Int

    public init(start: Int, end: Int) {
        precondition(0 <= start && start < end && end <= 24 * 60, "invalid working period \(start)–\(end)")
        self.start = start
        self.end = end
    }

    /// `WorkingPeriod("07:30", "11:30")`; traps on malformed literals (use in code, not for input).
    public init(_ start: String, _ end: String) {
        guard let from = WorkingPeriod.minutes(start), let to = WorkingPeriod.minutes(end) else {
            preconditionFailure("expected HH:MM, got \(start)–\(end)")
        }
        self.init(start: from, end: to)
    }

    public var minutes: Int { end - start }

    /// Parses `HH:MM` (00:00 … 24:00).
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        let total = hours * 60 + minutes
        return total <= 24 * 60 ? total : nil
    }
}

/// The office hours of each weekday. Configurable per unit: most state offices work
/// Monday–Friday 07:30–11:30 and 13:00–17:00, some desks also Saturday mornings.
public struct WorkingHours: Sendable, Codable, Hashable {
    /// Seven lists, Monday first; an empty list means the office is closed that weekday.
    public let weekdays: [[WorkingPeriod]]
    /// The hours of a weekend day worked in exchange for a day off (a swapped Saturday keeps
    /// the hours of an ordinary weekday, not Saturday's).
    public let swappedDay: [WorkingPeriod]

    /// Periods are sorted and must not overlap.
    public init(weekdays: [[WorkingPeriod]], swappedDay: [WorkingPeriod]) {
        precondition(weekdays.count == 7, "working hours need 7 weekdays, Monday first")
        let sorted = weekdays.map { $0.sorted { $0.start < $1.start } }
        for periods in sorted + [swappedDay] {
            for (earlier, later) in zip(periods, periods.dropFirst()) {
                precondition(earlier.end <= later.start, "overlapping working periods")
            }
        }
        self.weekdays = sorted
        self.swappedDay = swappedDay.sorted { $0.start < $1.start }
    }

    /// The same periods Monday to Friday; swapped weekend days use them too.
    public static func mondayToFriday(_ periods: [WorkingPeriod]) -> WorkingHours {
        WorkingHours(weekdays: Array(repeating: periods, count: 5) + [[], []], swappedDay: periods)
    }

    /// Monday–Friday 07:30–11:30 and 13:00–17:00 (8 hours).
    public static let standard = mondayToFriday([WorkingPeriod("07:30", "11:30"), WorkingPeriod("13:00", "17:00")])

    /// These hours with the office also open on Saturday for `periods` (e.g. 07:30–11:30).
    public func withSaturday(_ periods: [WorkingPeriod]) -> WorkingHours {
        var days = weekdays
        days[5] = periods
        return WorkingHours(weekdays: days, swappedDay: swappedDay)
    }

    /// Periods of ISO weekday `weekday` (1 = Monday … 7 = Sunday).
    public func periods(weekday: Int) -> [WorkingPeriod] { weekdays[weekday - 1] }
}
