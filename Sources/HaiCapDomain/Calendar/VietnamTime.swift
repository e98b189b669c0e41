import Foundation

/// Việt Nam's civil time: UTC+7 all year (no daylight saving since 1975), so converting an
/// instant to a local date and time is plain arithmetic — no time-zone database needed, and the
/// result does not depend on the server's zone.
public enum VietnamTime {
    public static let offsetSeconds = 7 * 3600
    public static let secondsPerDay = 86_400

    /// Whole seconds since 1970-01-01 00:00 *local* time. Sub-second parts are dropped (floor),
    /// so every instant maps to the second it falls in.
    public static func localSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
    }

    public static func date(localSeconds: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(localSeconds - offsetSeconds))
    }

    /// The local day (days since 1970-01-01) and the seconds since local midnight.
    public static func split(localSeconds: Int) -> (day: Int, second: Int) {
        let day = floorDivide(localSeconds, secondsPerDay)
        return (day, localSeconds - day * secondsPerDay)
    }

    /// The local date of an instant and the minutes since local midnight (0…1439).
    public static func components(_ date: Date) -> (date: LocalDate, minutes: Int) {
        let (day, second) = split(localSeconds: localSeconds(date))
        return (LocalDate(daysSinceEpoch: day), second / 60)
    }

    public static func localDate(of date: Date) -> LocalDate {
        components(date).date
    }

    public static func minutesSinceMidnight(of date: Date) -> Int {
        components(date).minutes
    }

    /// The instant at `minutes` after local midnight of `date` (minutes may exceed a day).
    public static func date(_ date: LocalDate, minutes: Int) -> Date {
        self.date(localSeconds: date.daysSinceEpoch * secondsPerDay + minutes * 60)
    }

    /// Convenience for tests and seeds: `VietnamTime.date(2025, 1, 24, 14, 59)`.
    public static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        date(LocalDate(year: year, month: month, day: day), minutes: hour * 60 + minute)
    }

    @inline(__always)
    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// ISO 8601 with the Vietnam offset, e.g. `2025-02-05T17:00:00+07:00`, built by hand
    /// (String(format:) costs microseconds on Linux, and lists and lookups print many of these).
    public static func iso(_ date: Date) -> String {
        let (day, minutes) = components(date)
        let seconds = localSeconds(date) % 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(day.iso)T\(two(minutes / 60)):\(two(minutes % 60)):\(two((seconds + 60) % 60))+07:00"
    }

    /// Years any instant read from outside may fall in: the lunar tables' range. Deadlines accept
    /// the narrower `WorkCalendar.supportedYears`; nothing reads year 9999 into a day-by-day walk.
    public static let readableYears: ClosedRange<Int> = 1900...2199

    /// An ISO 8601 instant. Without an offset it is read as Vietnam time (UTC+7); a bare date is
    /// read as the start of that day; minutes without seconds are accepted. Nil outside `readableYears`.
    public static func parseInstant(_ raw: String) -> Date? {
        guard let date = parseAnyInstant(raw), readableYears.contains(localDate(of: date).year) else { return nil }
        return date
    }

    private static func parseAnyInstant(_ raw: String) -> Date? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 40 else { return nil }
        if let day = LocalDate(iso: trimmed) { return Self.date(day, minutes: 0) }
        var text = trimmed.replacingOccurrences(of: " ", with: "T")
        let hasOffset = text.hasSuffix("Z") || text.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil
        if !hasOffset { text += "+07:00" }
        if text.range(of: #"T\d\d:\d\d[-+Z]"#, options: .regularExpression) != nil {
            text = text.replacingOccurrences(of: #"T(\d\d:\d\d)([-+Z])"#, with: "T$1:00$2", options: .regularExpression)
        }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// How people read an instant: "15:00 ngày 12/12/2026" (24-hour clock, day first).
    public static func text(_ date: Date) -> String {
        let (day, minutes) = components(date)
        return String(format: "%02d:%02d ngày %02d/%02d/%04d", minutes / 60, minutes % 60, day.day, day.month, day.year)
    }

    /// How people read a day: "05/12/2026".
    public static func text(_ day: LocalDate) -> String { String(format: "%02d/%02d/%04d", day.day, day.month, day.year) }

    /// A day as people type it ("5/12/2026", "05/12/2026") or as an API sends it ("2026-12-05").
    public static func day(_ text: String) -> LocalDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let iso = LocalDate(iso: trimmed) { return iso }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 else { return nil }
        return LocalDate(checkedYear: year, month: month, day: day)
    }
}
