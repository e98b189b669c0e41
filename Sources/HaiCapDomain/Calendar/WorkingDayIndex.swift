import Foundation

/// The precomputed day table behind `WorkCalendar`: for each day of the covered years, whether
/// the office works and with which hours, plus running totals of working days and working
/// seconds. With them, "the Nth working day after D" is one array read and "working time between
/// two instants" is two, so the cost of a deadline does not grow with its length.
struct WorkingDayIndex: Sendable {
    /// Local day number (days since 1970-01-01) of the first covered day.
    let firstDay: Int
    /// Per covered day: 0 if closed, else 1 + index into `schedules`.
    let schedule: [UInt8]
    /// `workingDaysBefore[i]` = working days among the first i covered days.
    let workingDaysBefore: [Int32]
    /// Offsets (from `firstDay`) of the working days, in order.
    let workingDayOffsets: [Int32]
    /// `secondsBefore[i]` = working seconds in the first i covered days.
    let secondsBefore: [Int]
    /// Distinct daily schedules as `[start, end)` pairs in seconds since midnight: weekdays
    /// Monday…Sunday at 0…6, then the swapped-day hours at 7.
    let schedules: [[(start: Int, end: Int)]]

    var dayCount: Int { schedule.count }

    init(firstDay: Int, dayCount: Int, hours: WorkingHours, status: (Int) -> DayStatus) {
        let schedules = (hours.weekdays + [hours.swappedDay]).map { periods in
            periods.map { (start: $0.start * 60, end: $0.end * 60) }
        }
        let secondsPerSchedule = schedules.map { $0.reduce(0) { $0 + $1.end - $1.start } }
        var schedule = [UInt8](repeating: 0, count: dayCount)
        var workingDaysBefore = [Int32](repeating: 0, count: dayCount + 1)
        var secondsBefore = [Int](repeating: 0, count: dayCount + 1)
        var offsets: [Int32] = []
        offsets.reserveCapacity(dayCount * 5 / 7 + 1)
        for offset in 0..<dayCount {
            let index = WorkingDayIndex.scheduleIndex(
                status(firstDay + offset), weekday: WorkingDayIndex.weekday(firstDay + offset), schedules: schedules)
            var seconds = 0
            if let index {
                schedule[offset] = UInt8(index + 1)
                offsets.append(Int32(offset))
                seconds = secondsPerSchedule[index]
            }
            workingDaysBefore[offset + 1] = Int32(offsets.count)
            secondsBefore[offset + 1] = secondsBefore[offset] + seconds
        }
        self.firstDay = firstDay
        self.schedule = schedule
        self.workingDaysBefore = workingDaysBefore
        self.workingDayOffsets = offsets
        self.secondsBefore = secondsBefore
        self.schedules = schedules
    }

    /// What the calendar says about a day before office hours are applied.
    enum DayStatus {
        case ordinary  // follow the weekday's hours
        case off  // a holiday or announced day off
        case swappedWorking  // a weekend day worked in exchange
    }

    /// Which schedule a day follows, or nil when the office is closed.
    static func scheduleIndex(_ status: DayStatus, weekday: Int, schedules: [[(start: Int, end: Int)]]) -> Int? {
        switch status {
        case .off: return nil
        case .ordinary: return schedules[weekday - 1].isEmpty ? nil : weekday - 1
        case .swappedWorking:
            if !schedules[weekday - 1].isEmpty && weekday < 6 { return weekday - 1 }
            return schedules[7].isEmpty ? nil : 7
        }
    }

    @inline(__always)
    static func weekday(_ day: Int) -> Int {
        let fromMonday = (day + 3) % 7
        return (fromMonday < 0 ? fromMonday + 7 : fromMonday) + 1
    }

    @inline(__always)
    func contains(day: Int) -> Bool {
        day >= firstDay && day - firstDay < schedule.count
    }

    /// Schedule index of a covered day, or nil when closed.
    @inline(__always)
    func scheduleIndex(day: Int) -> Int? {
        let value = schedule[day - firstDay]
        return value == 0 ? nil : Int(value) - 1
    }

    /// The `n`-th (n ≥ 1) working day strictly after `day`, if both are covered.
    @inline(__always)
    func workingDay(_ n: Int, after day: Int) -> Int? {
        let position = Int(workingDaysBefore[day - firstDay + 1]) + n - 1
        guard position < workingDayOffsets.count else { return nil }
        return firstDay + Int(workingDayOffsets[position])
    }

    /// The `n`-th (n ≥ 1) working day strictly before `day`, if both are covered.
    func workingDay(_ n: Int, before day: Int) -> Int? {
        let position = Int(workingDaysBefore[day - firstDay]) - n
        guard position >= 0 else { return nil }
        return firstDay + Int(workingDayOffsets[position])
    }

    /// Working seconds from the start of the covered span to `second` of covered `day`.
    @inline(__always)
    func cumulativeSeconds(day: Int, second: Int) -> Int {
        var total = secondsBefore[day - firstDay]
        if let index = scheduleIndex(day: day) {
            total += WorkingDayIndex.secondsWorked(schedules[index], before: second)
        }
        return total
    }

    /// Working seconds of a schedule before `second` of the day.
    @inline(__always)
    static func secondsWorked(_ periods: [(start: Int, end: Int)], before second: Int) -> Int {
        var total = 0
        for period in periods {
            if second <= period.start { break }
            total += min(second, period.end) - period.start
        }
        return total
    }

    /// The first covered day at or after `day` whose running total reaches `target`
    /// (the day on which the target working second falls), or nil past the covered span.
    func dayReaching(_ target: Int, from day: Int) -> Int? {
        var low = day - firstDay + 1
        var high = schedule.count
        guard low <= high, secondsBefore[high] >= target else { return nil }
        while low < high {
            let middle = (low + high) / 2
            if secondsBefore[middle] >= target { high = middle } else { low = middle + 1 }
        }
        return firstDay + low - 1
    }
}
