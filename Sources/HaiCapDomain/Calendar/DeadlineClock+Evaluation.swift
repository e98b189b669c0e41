import Foundation

/// A day between the start and the due date that the clock did not count, and why — printed on
/// the appointment slip and shown when a citizen asks why the date is so far off.
public struct SkippedDay: Sendable, Codable, Hashable {
    public enum Reason: Sendable, Codable, Hashable {
        /// The office is closed that weekday.
        case weekend
        /// A public day off, by its Vietnamese name.
        case holiday(name: String, kind: HolidayKind)
        /// A working day on which the clock was paused (for all or part of the day).
        case paused
    }

    public let date: LocalDate
    public let reason: Reason
}

/// A step's sub-deadline.
public struct StepDue: Sendable, Codable, Hashable {
    public let name: String
    public let due: Date
}

/// Everything a screen needs about a clock at one moment.
public struct DeadlineStatus: Sendable, Codable, Hashable {
    public let due: Date
    /// Office minutes left; negative once overdue.
    public let remainingMinutes: Int
    public let isOverdue: Bool
    public let isPaused: Bool
}

extension DeadlineClock {
    /// The due instant ignoring pauses and extensions.
    public func baseDue(in calendar: WorkCalendar) -> Date {
        switch duration.unit {
        case .workingDays: return calendar.addWorkingDays(duration.value, to: start)
        case .workingHours: return calendar.addWorkingMinutes(duration.value * 60, to: start)
        case .workingMinutes: return calendar.addWorkingMinutes(duration.value, to: start)
        case .calendarDays: return calendar.addCalendarDays(duration.value, to: start)
        case .clockMinutes: return start.addingTimeInterval(Double(duration.value) * 60)
        }
    }

    /// The due instant: the latest extension (or the base due), moved by the pauses after it.
    public func due(in calendar: WorkCalendar, now: Date) -> Date {
        let anchor: Int
        let target: Int
        if let last = extensions.last {
            anchor = VietnamTime.localSeconds(last.at)
            target = VietnamTime.localSeconds(last.newDue)
        } else {
            anchor = VietnamTime.localSeconds(start)
            target = VietnamTime.localSeconds(baseDue(in: calendar))
        }
        let active = calendar.workingSeconds(fromLocal: anchor, toLocal: target)
        let result = run(calendar, from: anchor, activeSeconds: active, now: now)
        // An extension may name an instant outside office hours (e.g. 17:30); keep it as given
        // when nothing paused it.
        return result <= target ? VietnamTime.date(localSeconds: target) : VietnamTime.date(localSeconds: result)
    }

    /// Office minutes left until the due instant; negative (minutes late) once overdue.
    public func remaining(at now: Date, in calendar: WorkCalendar) -> Int {
        calendar.workingTime(from: now, to: due(in: calendar, now: now))
    }

    public func isOverdue(at now: Date, in calendar: WorkCalendar) -> Bool {
        now > due(in: calendar, now: now)
    }

    /// Office minutes past the due instant, 0 if not overdue.
    public func overdueBy(at now: Date, in calendar: WorkCalendar) -> Int {
        max(0, calendar.workingTime(from: due(in: calendar, now: now), to: now))
    }

    /// Office minutes the clock has been stopped, up to `now`.
    public func pausedMinutes(at now: Date, in calendar: WorkCalendar) -> Int {
        let anchor = VietnamTime.localSeconds(start)
        return pauseIntervals(from: anchor, now: now).reduce(0) {
            $0 + calendar.workingSeconds(fromLocal: $1.from, toLocal: $1.to)
        } / 60
    }

    public func status(at now: Date, in calendar: WorkCalendar) -> DeadlineStatus {
        let due = due(in: calendar, now: now)
        return DeadlineStatus(
            due: due, remainingMinutes: calendar.workingTime(from: now, to: due),
            isOverdue: now > due, isPaused: isPaused)
    }

    /// Sub-deadline of each step: when its cumulative share of the base office time has run,
    /// pauses included. Extensions do not move steps (they concern the final result only).
    public func stepDues(in calendar: WorkCalendar, now: Date) -> [StepDue] {
        let anchor = VietnamTime.localSeconds(start)
        let total = calendar.workingSeconds(fromLocal: anchor, toLocal: VietnamTime.localSeconds(baseDue(in: calendar)))
        var cumulative = 0.0
        return steps.map { step in
            cumulative = min(1, cumulative + step.share)
            let active = Int((Double(total) * cumulative).rounded())
            return StepDue(
                name: step.name,
                due: VietnamTime.date(localSeconds: run(calendar, from: anchor, activeSeconds: active, now: now)))
        }
    }

    /// The days after the start day, up to the due day, that were not counted, and why.
    public func skipped(in calendar: WorkCalendar, now: Date) -> [SkippedDay] {
        let firstDay = VietnamTime.split(localSeconds: VietnamTime.localSeconds(start)).day + 1
        let lastDay = VietnamTime.split(localSeconds: VietnamTime.localSeconds(due(in: calendar, now: now))).day
        guard firstDay <= lastDay else { return [] }
        let pauses = pauseIntervals(from: VietnamTime.localSeconds(start), now: now)
        var result: [SkippedDay] = []
        for day in firstDay...lastDay {
            let date = LocalDate(daysSinceEpoch: day)
            if !calendar.isWorkingDay(date) {
                if let holiday = calendar.holiday(on: date) {
                    result.append(SkippedDay(date: date, reason: .holiday(name: holiday.name, kind: holiday.kind)))
                } else {
                    result.append(SkippedDay(date: date, reason: .weekend))
                }
                continue
            }
            let dayStart = day * VietnamTime.secondsPerDay
            let dayEnd = dayStart + VietnamTime.secondsPerDay
            let paused = pauses.contains { interval in
                let from = max(interval.from, dayStart), to = min(interval.to, dayEnd)
                return from < to && calendar.workingSeconds(fromLocal: from, toLocal: to) > 0
            }
            if paused { result.append(SkippedDay(date: date, reason: .paused)) }
        }
        return result
    }

    // MARK: - Engine

    /// Pauses as merged, sorted `[from, to)` intervals in local seconds, clipped to start at
    /// `anchor`; an open pause runs to `now`.
    func pauseIntervals(from anchor: Int, now: Date) -> [(from: Int, to: Int)] {
        let nowSeconds = VietnamTime.localSeconds(now)
        let raw = pauses.compactMap { pause -> (from: Int, to: Int)? in
            let from = max(anchor, VietnamTime.localSeconds(pause.from))
            let to = pause.to.map(VietnamTime.localSeconds) ?? max(nowSeconds, from)
            return from < to ? (from, to) : nil
        }.sorted { $0.from < $1.from }
        var merged: [(from: Int, to: Int)] = []
        for interval in raw {
            if let last = merged.last, interval.from <= last.to {
                merged[merged.count - 1].to = max(last.to, interval.to)
            } else {
                merged.append(interval)
            }
        }
        return merged
    }

    /// Runs the clock from `anchor` until `activeSeconds` of unpaused office time have passed.
    func run(_ calendar: WorkCalendar, from anchor: Int, activeSeconds: Int, now: Date) -> Int {
        var position = anchor
        var left = activeSeconds
        for pause in pauseIntervals(from: anchor, now: now) {
            if pause.from > position {
                let available = calendar.workingSeconds(fromLocal: position, toLocal: pause.from)
                if left <= available { return calendar.addWorkingSeconds(left, toLocal: position) }
                left -= available
            }
            position = max(position, pause.to)
        }
        return calendar.addWorkingSeconds(left, toLocal: position)
    }
}
