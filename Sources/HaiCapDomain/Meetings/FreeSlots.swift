import Foundation

/// A stretch of time something is taken, `[start, end)`.
public struct BusyInterval: Sendable, Equatable {
    public var start: Date
    public var end: Date
    /// The meeting that holds it.
    public var meetingId: Int

    public init(start: Date, end: Date, meetingId: Int) {
        self.start = start
        self.end = end
        self.meetingId = meetingId
    }

    public func overlaps(_ from: Date, _ to: Date) -> Bool { start < to && from < end }
}

/// A time a meeting could take, with whoever is taken then (empty: everyone is free).
public struct FreeSlot: Sendable, Equatable {
    public var start: Date
    public var end: Date
    /// The resources (rooms, people) already taken, by their keys.
    public var conflicts: [String]
}

/// The earliest office-hours slots where every room and person is free; when there are none,
/// the slots with the fewest conflicts, naming them. Candidates start every `step` minutes
/// inside one working period (a meeting does not run across the lunch break or past the close).
public struct FreeSlotFinder: Sendable {
    /// Each resource's bookings, sorted by start (`prepare` sorts them).
    public private(set) var busy: [String: [BusyInterval]]

    public init(busy: [String: [BusyInterval]]) {
        self.busy = busy.mapValues { $0.sorted { $0.start < $1.start } }
    }

    /// The candidate starts: every `step` minutes of the working periods of `days` working days
    /// from `from` (that day included when it is one), none before `notBefore`.
    public static func candidates(
        minutes: Int, from: LocalDate, days: Int, calendar: WorkCalendar, step: Int = 30, notBefore: Date
    ) -> [Date] {
        var result: [Date] = []
        var day = calendar.isWorkingDay(from) ? from : calendar.nextWorkingDay(after: from)
        for index in 0..<days {
            if index > 0 { day = calendar.nextWorkingDay(after: day) }
            for period in calendar.workingPeriods(on: day) {
                var start = period.start
                while start + minutes <= period.end {
                    let instant = VietnamTime.date(day, minutes: start)
                    if instant >= notBefore { result.append(instant) }
                    start += step
                }
            }
        }
        return result
    }

    /// Whether `key` is taken at any moment of `[from, to)`: a binary search for the first
    /// booking that ends after `from` among those starting before `to`.
    func isTaken(_ key: String, _ from: Date, _ to: Date) -> Bool {
        guard let list = busy[key], !list.isEmpty else { return false }
        // The last booking starting before `to`, and a few before it (bookings may nest).
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].start < to { low = mid + 1 } else { high = mid }
        }
        var index = low - 1
        while index >= 0 {
            if list[index].end > from { return true }
            // Bookings are at most a day long: earlier ones that started a day before `from` end before it.
            if list[index].start < from - 86_400 { return false }
            index -= 1
        }
        return false
    }

    /// Up to `limit` slots of `minutes` among `candidates` for `resources`: the free ones, earliest
    /// first; if none is free, those with the fewest taken resources (earliest first among equals).
    public func find(resources: [String], minutes: Int, candidates: [Date], limit: Int = 5) -> (slots: [FreeSlot], allFree: Bool) {
        var best: [FreeSlot] = []
        var bestCount = Int.max
        let length = TimeInterval(minutes * 60)
        for start in candidates {
            let end = start + length
            var taken: [String] = []
            for key in resources where isTaken(key, start, end) {
                taken.append(key)
                if taken.count > bestCount { break }
            }
            if taken.isEmpty {
                if bestCount > 0 { best = [] }
                bestCount = 0
                best.append(FreeSlot(start: start, end: end, conflicts: []))
                if best.count == limit { return (best, true) }
            } else if taken.count < bestCount {
                bestCount = taken.count
                best = [FreeSlot(start: start, end: end, conflicts: taken)]
            } else if taken.count == bestCount, best.count < limit {
                best.append(FreeSlot(start: start, end: end, conflicts: taken))
            }
        }
        return (best, bestCount == 0)
    }

    /// The same answer by scanning every booking for every candidate: the benchmark's baseline and
    /// the tests' oracle.
    public static func naive(
        bookings: [(key: String, interval: BusyInterval)], resources: [String], minutes: Int, candidates: [Date], limit: Int = 5
    ) -> (slots: [FreeSlot], allFree: Bool) {
        let wanted = Set(resources)
        var scored: [FreeSlot] = []
        for start in candidates {
            let end = start + TimeInterval(minutes * 60)
            var taken = Set<String>()
            for booking in bookings where wanted.contains(booking.key) && booking.interval.overlaps(start, end) { taken.insert(booking.key) }
            scored.append(FreeSlot(start: start, end: end, conflicts: resources.filter(taken.contains)))
        }
        let fewest = scored.map(\.conflicts.count).min() ?? 0
        return (Array(scored.filter { $0.conflicts.count == fewest }.prefix(limit)), fewest == 0)
    }
}
