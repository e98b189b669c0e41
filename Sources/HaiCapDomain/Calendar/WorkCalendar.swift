import Foundation

/// Working time of a state office: office hours, public holidays, the government's yearly
/// announcements (extra days off and weekend days worked in exchange), and the 15:00 cut-off
/// for same-day services.
///
/// Durations are counted on Vietnam time (UTC+7) whatever the server's zone. Instants are taken
/// to the whole second; durations are reported in minutes.
///
/// **Definitions** (Bộ luật Dân sự 2015 art. 147–148 on counting periods, NĐ 61/2018 and
/// NĐ 118/2025 on the one-stop desk):
/// - A *working day* is a day on which the office has hours: by default Monday–Friday, minus the
///   days off of `Holidays`, plus weekend days worked in exchange for a day off.
/// - *N working days from a receipt instant* (N ≥ 1) are due at the close of the N-th working
///   day after the receipt day. The receipt day is never counted, whatever the hour (the first
///   day of a period is not counted, art. 147); a dossier received on a non-working day, or
///   after closing, therefore starts counting from the next working day, which is day 1.
///   Equivalently: `numpy.busday_offset(receiptDate, N, roll="backward")` with the days off as
///   holidays, closed at 17:00 (numpy has no way to express a worked Saturday).
/// - *0 working days* (same-day services: hộ tịch, chứng thực): received on a working day before
///   the cut-off (default 15:00) and before closing → due at that day's close; otherwise → due
///   at the close of the next working day.
/// - *Working hours*: due at the instant when that much office time has elapsed after the
///   receipt, counting only office hours; a result that exactly uses up a period is the end of
///   that period (11:30, 17:00), not the start of the next one.
/// - *Calendar days*: due at the close of the receipt day + N; a day off moves it to the next
///   working day (art. 148).
public struct WorkCalendar: Sendable {
    public let hours: WorkingHours
    public let rules: HolidayRules
    /// Announcements by year.
    public let announcements: [Int: YearAnnouncement]
    /// Minutes after midnight from which a same-day service is due the next working day.
    public let sameDayCutoff: Int
    /// Years precomputed for speed. Days outside still work, computed day by day.
    public let years: ClosedRange<Int>

    private let index: WorkingDayIndex
    private let daysOff: [LocalDate: Holiday]
    private let workingWeekends: Set<LocalDate>

    public init(
        hours: WorkingHours = .standard, rules: HolidayRules = .standard,
        announcements: [YearAnnouncement] = [], sameDayCutoff: Int = 15 * 60,
        years: ClosedRange<Int> = WorkCalendar.tableYears
    ) {
        self.hours = hours
        self.rules = rules
        self.announcements = Dictionary(announcements.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
        self.sameDayCutoff = sameDayCutoff
        self.years = years
        var daysOff: [LocalDate: Holiday] = [:]
        var workingWeekends = Set<LocalDate>()
        for year in years {
            let announcement = self.announcements[year]
            for holiday in rules.holidays(year: year, announcement: announcement) { daysOff[holiday.date] = holiday }
            workingWeekends.formUnion(Holidays.workingWeekendDays(year, announcement: announcement))
        }
        self.daysOff = daysOff
        self.workingWeekends = workingWeekends
        let firstDay = LocalDate(year: years.lowerBound, month: 1, day: 1).daysSinceEpoch
        let endDay = LocalDate(year: years.upperBound + 1, month: 1, day: 1).daysSinceEpoch
        index = WorkingDayIndex(firstDay: firstDay, dayCount: endDay - firstDay, hours: hours) { day in
            let date = LocalDate(daysSinceEpoch: day)
            if daysOff[date] != nil { return .off }
            return workingWeekends.contains(date) ? .swappedWorking : .ordinary
        }
    }

    /// The years a deadline may start, pause or be extended to. Inputs outside are refused where
    /// they enter: an instant in 9999 would otherwise walk millions of days, computing each year's
    /// lunar holidays again for every day.
    public static let supportedYears: ClosedRange<Int> = 2000...2100
    /// The years precomputed: the supported ones plus room for the longest duration (3650 working
    /// days, about 15 years) counted from the last of them, so that no input reaches the slow path.
    public static let tableYears: ClosedRange<Int> = 2000...2120

    public static func supports(_ date: Date) -> Bool {
        supportedYears.contains(VietnamTime.localDate(of: date).year)
    }

    /// The standard calendar: Monday–Friday 07:30–11:30, 13:00–17:00, statutory holidays.
    public static let standard = WorkCalendar()
}

// MARK: - Days

extension WorkCalendar {
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        scheduleIndex(day: date.daysSinceEpoch) != nil
    }

    /// Office hours of `date` (empty on a day off).
    public func workingPeriods(on date: LocalDate) -> [WorkingPeriod] {
        guard let index = scheduleIndex(day: date.daysSinceEpoch) else { return [] }
        return index < 7 ? hours.weekdays[index] : hours.swappedDay
    }

    /// The public day off on `date`, if it is one (with its Vietnamese name).
    public func holiday(on date: LocalDate) -> Holiday? {
        if years.contains(date.year) { return daysOff[date] }
        return rules.holidays(year: date.year, announcement: announcements[date.year]).first { $0.date == date }
    }

    /// All days off of `year`, sorted.
    public func holidays(year: Int) -> [Holiday] {
        rules.holidays(year: year, announcement: announcements[year])
    }

    /// The `n`-th working day strictly after `date` (n ≥ 1), or strictly before it (n ≤ −1);
    /// n = 0 gives `date` itself if it is a working day, else the next working day.
    public func addingWorkingDays(_ n: Int, to date: LocalDate) -> LocalDate {
        let day = date.daysSinceEpoch
        if n == 0 {
            return scheduleIndex(day: day) != nil ? date : LocalDate(daysSinceEpoch: workingDay(1, after: day))
        }
        return LocalDate(daysSinceEpoch: n > 0 ? workingDay(n, after: day) : workingDay(-n, before: day))
    }

    /// The next working day strictly after `date`.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        LocalDate(daysSinceEpoch: workingDay(1, after: date.daysSinceEpoch))
    }

    /// The number of working days in `(from, through]`; negative if `through < from`.
    public func workingDays(after from: LocalDate, through: LocalDate) -> Int {
        if through < from { return -workingDays(after: through, through: from) }
        let a = from.daysSinceEpoch, b = through.daysSinceEpoch
        if index.contains(day: a), index.contains(day: b) {
            return Int(index.workingDaysBefore[b - index.firstDay + 1] - index.workingDaysBefore[a - index.firstDay + 1])
        }
        var count = 0
        var day = a + 1
        while day <= b {
            if scheduleIndex(day: day) != nil { count += 1 }
            day += 1
        }
        return count
    }

    /// The close of office hours on `date` (nil if the office is closed that day).
    public func closeOfDay(_ date: LocalDate) -> Date? {
        let day = date.daysSinceEpoch
        guard scheduleIndex(day: day) != nil else { return nil }
        return VietnamTime.date(localSeconds: closeSecond(day: day))
    }
}

// MARK: - Instants

extension WorkCalendar {
    /// Whether `date` falls inside office hours (`[start, end)` of a period on a working day).
    public func isWorkingTime(_ date: Date) -> Bool {
        let (day, second) = VietnamTime.split(localSeconds: VietnamTime.localSeconds(date))
        guard let index = scheduleIndex(day: day) else { return false }
        return periods(index).contains { $0.start <= second && second < $0.end }
    }

    /// `date` itself if it is working time, else the start of the next office period.
    public func nextWorkingInstant(from date: Date) -> Date {
        VietnamTime.date(localSeconds: nextWorkingSecond(from: VietnamTime.localSeconds(date)))
    }

    /// Due instant of a service of `n` working days received at `receipt` (see the type's
    /// definitions; n = 0 applies the same-day cut-off).
    public func addWorkingDays(_ n: Int, to receipt: Date) -> Date {
        precondition(n >= 0, "a duration cannot be negative")
        let (day, second) = VietnamTime.split(localSeconds: VietnamTime.localSeconds(receipt))
        let dueDay: Int
        if n == 0 {
            if scheduleIndex(day: day) != nil, second < sameDayCutoff * 60, second < closeSecondOfDay(day) {
                dueDay = day
            } else {
                dueDay = workingDay(1, after: day)
            }
        } else {
            dueDay = workingDay(n, after: day)
        }
        return VietnamTime.date(localSeconds: closeSecond(day: dueDay))
    }

    /// `minutes` of office time after `start`. 0 returns `start` unchanged.
    public func addWorkingMinutes(_ minutes: Int, to start: Date) -> Date {
        precondition(minutes >= 0, "a duration cannot be negative")
        return VietnamTime.date(localSeconds: addWorkingSeconds(minutes * 60, toLocal: VietnamTime.localSeconds(start)))
    }

    /// `hours` of office time after `start` (minute precision: 1.5 = 90 minutes).
    public func addWorkingHours(_ hours: Double, to start: Date) -> Date {
        addWorkingMinutes(Int((hours * 60).rounded()), to: start)
    }

    /// Office time between two instants in whole minutes; negative if `to` is before `from`.
    public func workingTime(from: Date, to: Date) -> Int {
        let seconds = workingSeconds(fromLocal: VietnamTime.localSeconds(from), toLocal: VietnamTime.localSeconds(to))
        return seconds / 60  // truncates toward zero, symmetric for negative spans
    }

    /// Calendar-day duration: the close of the receipt day + `n`, moved to the next working day
    /// if that is a day off. n = 0 is a same-day service (`addWorkingDays(0, to:)`).
    public func addCalendarDays(_ n: Int, to receipt: Date) -> Date {
        precondition(n >= 0, "a duration cannot be negative")
        if n == 0 { return addWorkingDays(0, to: receipt) }
        let (day, _) = VietnamTime.split(localSeconds: VietnamTime.localSeconds(receipt))
        var dueDay = day + n
        if scheduleIndex(day: dueDay) == nil { dueDay = workingDay(1, after: dueDay) }
        return VietnamTime.date(localSeconds: closeSecond(day: dueDay))
    }
}

// MARK: - Second-level engine (internal; DeadlineClock works in seconds to stay exact)

extension WorkCalendar {
    /// Schedule index of a day (0…6 weekday hours, 7 swapped-day hours), nil when closed.
    func scheduleIndex(day: Int) -> Int? {
        if index.contains(day: day) { return index.scheduleIndex(day: day) }
        let date = LocalDate(daysSinceEpoch: day)
        let announcement = announcements[date.year]
        let status: WorkingDayIndex.DayStatus
        if holiday(on: date) != nil {
            status = .off
        } else if Holidays.workingWeekendDays(date.year, announcement: announcement).contains(date) {
            status = .swappedWorking
        } else {
            status = .ordinary
        }
        return WorkingDayIndex.scheduleIndex(status, weekday: date.weekday, schedules: index.schedules)
    }

    func periods(_ scheduleIndex: Int) -> [(start: Int, end: Int)] { index.schedules[scheduleIndex] }

    func workingDay(_ n: Int, after day: Int) -> Int {
        if index.contains(day: day), let found = index.workingDay(n, after: day) { return found }
        var remaining = n
        var current = day
        while true {
            current += 1
            if scheduleIndex(day: current) != nil {
                remaining -= 1
                if remaining == 0 { return current }
            }
            precondition(current - day < 366 * 10 + n * 7, "no working day found: office never open?")
        }
    }

    func workingDay(_ n: Int, before day: Int) -> Int {
        if index.contains(day: day), let found = index.workingDay(n, before: day) { return found }
        var remaining = n
        var current = day
        while true {
            current -= 1
            if scheduleIndex(day: current) != nil {
                remaining -= 1
                if remaining == 0 { return current }
            }
            precondition(day - current < 366 * 10 + n * 7, "no working day found: office never open?")
        }
    }

    /// Last second of office hours (the end of the last period) of a day, 0 if closed.
    func closeSecondOfDay(_ day: Int) -> Int {
        guard let index = scheduleIndex(day: day) else { return 0 }
        return periods(index).last?.end ?? 0
    }

    /// Local seconds of the close of a working day.
    func closeSecond(day: Int) -> Int {
        day * VietnamTime.secondsPerDay + closeSecondOfDay(day)
    }

    func isWorkingSecond(_ local: Int) -> Bool {
        let (day, second) = VietnamTime.split(localSeconds: local)
        guard let index = scheduleIndex(day: day) else { return false }
        return periods(index).contains { $0.start <= second && second < $0.end }
    }

    func nextWorkingSecond(from local: Int) -> Int {
        let (day, second) = VietnamTime.split(localSeconds: local)
        if let index = scheduleIndex(day: day) {
            for period in periods(index) where second < period.end {
                return day * VietnamTime.secondsPerDay + max(second, period.start)
            }
        }
        let next = workingDay(1, after: day)
        return next * VietnamTime.secondsPerDay + periods(scheduleIndex(day: next)!)[0].start
    }

    /// Office seconds in `[from, to)`; negative if `to < from`.
    func workingSeconds(fromLocal from: Int, toLocal to: Int) -> Int {
        if to < from { return -workingSeconds(fromLocal: to, toLocal: from) }
        let (fromDay, fromSecond) = VietnamTime.split(localSeconds: from)
        let (toDay, toSecond) = VietnamTime.split(localSeconds: to)
        if index.contains(day: fromDay), index.contains(day: toDay) {
            return index.cumulativeSeconds(day: toDay, second: toSecond)
                - index.cumulativeSeconds(day: fromDay, second: fromSecond)
        }
        var total = 0
        for day in fromDay...toDay {
            guard let schedule = scheduleIndex(day: day) else { continue }
            let periods = periods(schedule)
            let upper = day == toDay ? toSecond : VietnamTime.secondsPerDay
            let lower = day == fromDay ? fromSecond : 0
            total +=
                WorkingDayIndex.secondsWorked(periods, before: upper)
                - WorkingDayIndex.secondsWorked(periods, before: lower)
        }
        return total
    }

    /// The earliest instant at which `seconds` of office time have elapsed since `start`.
    func addWorkingSeconds(_ seconds: Int, toLocal start: Int) -> Int {
        if seconds <= 0 { return start }
        let (startDay, startSecond) = VietnamTime.split(localSeconds: start)
        if index.contains(day: startDay) {
            let target = index.cumulativeSeconds(day: startDay, second: startSecond) + seconds
            if let day = index.dayReaching(target, from: startDay) {
                let need = target - index.secondsBefore[day - index.firstDay]
                return day * VietnamTime.secondsPerDay + WorkCalendar.secondReaching(need, in: periods(index.scheduleIndex(day: day)!))
            }
        }
        // Outside the table: walk day by day.
        var remaining = seconds
        var day = startDay
        var from = startSecond
        while true {
            if let schedule = scheduleIndex(day: day) {
                for period in periods(schedule) where from < period.end {
                    let available = period.end - max(from, period.start)
                    if remaining <= available {
                        return day * VietnamTime.secondsPerDay + max(from, period.start) + remaining
                    }
                    remaining -= available
                }
            }
            day += 1
            from = 0
        }
    }

    /// The second of a day at which `need` (> 0) office seconds of `periods` have been worked.
    static func secondReaching(_ need: Int, in periods: [(start: Int, end: Int)]) -> Int {
        var left = need
        for period in periods {
            let length = period.end - period.start
            if left <= length { return period.start + left }
            left -= length
        }
        preconditionFailure("day table out of step with its schedule")
    }
}
