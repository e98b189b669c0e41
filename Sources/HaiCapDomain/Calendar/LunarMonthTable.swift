import Foundation

/// Every lunar month of a span of years, computed once: the first day of each month and its
/// label (lunar year, month number, leap flag). Conversions then become an index estimate plus
/// at most a couple of comparisons, instead of re-running the astronomy for each date.
///
/// The months are built one "suì" at a time: the months from lunar month 11 of Gregorian year
/// Y−1 (the one holding the winter solstice) up to month 11 of Y. Normally there are 12; when
/// there are 13, the first month after month 11 in which the Sun enters no new 30° sector (no
/// major solar term) is the leap month and repeats the number of the month before it.
struct LunarMonthTable: Sendable {
    /// First day (Julian Day Number) of month i; one extra entry closes the last month.
    private let starts: [Int32]
    /// `lunarYear << 5 | month << 1 | leap` for month i.
    private let labels: [UInt32]
    /// Index of lunar month 1 of each lunar year, from `firstLunarYear`.
    private let newYearIndex: [Int32]
    let firstLunarYear: Int

    /// Builds the months of the suì ending in each Gregorian year of `solarYears`. That covers
    /// whole lunar years `solarYears.lowerBound ..< solarYears.upperBound`.
    init(solarYears: ClosedRange<Int>, offsetHours: Double) {
        var starts: [Int32] = []
        var labels: [UInt32] = []
        var newYearIndex: [Int32] = []
        starts.reserveCapacity(solarYears.count * 13 + 1)
        labels.reserveCapacity(solarYears.count * 13)

        var first = LunarAstronomy.month11Index(year: solarYears.lowerBound - 1, offsetHours: offsetHours)
        var firstDay = LunarAstronomy.newMoonDay(first, offsetHours: offsetHours)
        for year in solarYears {
            let next = LunarAstronomy.month11Index(year: year, offsetHours: offsetHours)
            var days = [firstDay]
            for k in (first + 1)...next {
                days.append(LunarAstronomy.newMoonDay(k, offsetHours: offsetHours))
            }
            let monthCount = next - first
            var leapOffset = -1
            if monthCount == 13 {
                let sectors = days.map { LunarAstronomy.sunSector(atStartOf: $0, offsetHours: offsetHours) }
                leapOffset = (1...12).first { sectors[$0] == sectors[$0 + 1] } ?? -1
            }
            var seenNewYear = false
            for offset in 0..<monthCount {
                let isLeap = offset == leapOffset
                let shift = (leapOffset >= 0 && offset >= leapOffset) ? 1 : 0
                let month = (10 + offset - shift) % 12 + 1  // offset 0 is month 11
                if month == 1 && !isLeap {
                    seenNewYear = true
                    newYearIndex.append(Int32(starts.count))
                }
                let lunarYear = seenNewYear ? year : year - 1
                starts.append(Int32(days[offset]))
                labels.append(UInt32(lunarYear) << 5 | UInt32(month) << 1 | (isLeap ? 1 : 0))
            }
            first = next
            firstDay = days[monthCount]
        }
        starts.append(Int32(firstDay))
        self.starts = starts
        self.labels = labels
        self.newYearIndex = newYearIndex
        self.firstLunarYear = solarYears.lowerBound
    }

    /// Julian days covered: `[first, end)`.
    var julianDayRange: Range<Int> { Int(starts[0])..<Int(starts[starts.count - 1]) }

    /// Lunar years whose 12 (or 13) months are all in the table.
    var lunarYears: Range<Int> { firstLunarYear..<(firstLunarYear + newYearIndex.count - 1) }

    /// The lunar date of a Julian day inside `julianDayRange`.
    func lunar(julianDay: Int) -> LunarDate {
        let base = Int(starts[0])
        var index = Int(Double(julianDay - base) / LunarAstronomy.synodicMonth)
        index = max(0, min(labels.count - 1, index))
        while Int(starts[index]) > julianDay { index -= 1 }
        while Int(starts[index + 1]) <= julianDay { index += 1 }
        let label = labels[index]
        return LunarDate(
            day: julianDay - Int(starts[index]) + 1,
            month: Int(label >> 1 & 0xF),
            year: Int(label >> 5),
            isLeapMonth: label & 1 == 1)
    }

    /// Index of month (`month`, `isLeap`) of `year`, or nil if there is no such month.
    func monthIndex(year: Int, month: Int, isLeap: Bool) -> Int? {
        guard lunarYears.contains(year) else { return nil }
        let wanted = UInt32(year) << 5 | UInt32(month) << 1 | (isLeap ? 1 : 0)
        var index = Int(newYearIndex[year - firstLunarYear])
        // Months 1…12 of a year (plus a leap month) are consecutive entries.
        for _ in 0..<13 where index < labels.count {
            if labels[index] == wanted { return index }
            index += 1
        }
        return nil
    }

    func monthStart(_ index: Int) -> Int { Int(starts[index]) }
    func monthLength(_ index: Int) -> Int { Int(starts[index + 1] - starts[index]) }

    /// The leap month number of `year` (the leap month follows the month with that number), or nil.
    func leapMonth(ofYear year: Int) -> Int? {
        guard lunarYears.contains(year) else { return nil }
        var index = Int(newYearIndex[year - firstLunarYear])
        for _ in 0..<13 where index < labels.count {
            let label = labels[index]
            if label >> 5 != UInt32(year) { break }
            if label & 1 == 1 { return Int(label >> 1 & 0xF) }
            index += 1
        }
        return nil
    }
}
