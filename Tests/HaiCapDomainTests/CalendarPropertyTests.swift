import Foundation
import Testing
import HaiCapDomain

/// Seeded random checks over 2024–2030 against the definitions, not against examples.
@Suite("Working time: properties")
struct CalendarPropertyTests {
    typealias F = CalendarFixtures
    let calendar = F.calendar
    static let span = (F.at(2024, 1, 1).timeIntervalSince1970, F.at(2030, 12, 1).timeIntervalSince1970)

    private func randomInstant(_ rng: inout SeededGenerator) -> Date {
        Date(timeIntervalSince1970: Double(Int.random(in: Int(Self.span.0)...Int(Self.span.1), using: &rng)))
    }

    /// Closed-end membership: a due instant may be the end of a period (11:30, 17:00).
    private func isInsideOrAtEndOfWorkingTime(_ date: Date) -> Bool {
        calendar.isWorkingTime(date.addingTimeInterval(-1))
    }

    @Test func addingThenMeasuringGivesTheDuration() {
        var rng = SeededGenerator(seed: 20250124)
        for _ in 0..<4000 {
            let start = randomInstant(&rng)
            let minutes = Int.random(in: 1...30_000, using: &rng)
            let due = calendar.addWorkingMinutes(minutes, to: start)
            #expect(calendar.workingTime(from: start, to: due) == minutes)
            #expect(isInsideOrAtEndOfWorkingTime(due))
        }
    }

    @Test func workingDaysAgreeWithADayByDayCount() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<3000 {
            let start = randomInstant(&rng)
            let n = Int.random(in: 1...60, using: &rng)
            let due = calendar.addWorkingDays(n, to: start)
            let receiptDay = VietnamTime.localDate(of: start)
            // Reference: walk day by day.
            var day = receiptDay
            var counted = 0
            while counted < n {
                day = day.adding(days: 1)
                if calendar.isWorkingDay(day) { counted += 1 }
            }
            #expect(due == calendar.closeOfDay(day))
            #expect(calendar.workingDays(after: receiptDay, through: VietnamTime.localDate(of: due)) == n)
            #expect(isInsideOrAtEndOfWorkingTime(due))
        }
    }

    @Test func dueDatesNeverFallOutsideWorkingTime() {
        var rng = SeededGenerator(seed: 42)
        let units = DeadlineClock.Duration.procedureUnits  // office-time units; clockMinutes runs around the clock
        for _ in 0..<3000 {
            let unit = units[Int.random(in: 0..<units.count, using: &rng)]
            // A zero office-time duration is due at its start, which may be outside office hours.
            let value = Int.random(in: (unit == .workingHours || unit == .workingMinutes ? 1 : 0)...40, using: &rng)
            var clock = DeadlineClock(start: randomInstant(&rng), duration: .init(value, unit))
            if Bool.random(using: &rng) {
                let from = clock.start.addingTimeInterval(Double(Int.random(in: 0...(10 * 86_400), using: &rng)))
                try? clock.pause(at: from)
                try? clock.resume(at: from.addingTimeInterval(Double(Int.random(in: 60...(6 * 86_400), using: &rng))))
            }
            let due = clock.due(in: calendar, now: clock.start)
            #expect(isInsideOrAtEndOfWorkingTime(due), "\(unit) \(value) from \(clock.start) → \(due)")
        }
    }

    @Test func pausesNeverShortenADeadline() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<3000 {
            let start = randomInstant(&rng)
            let plain = DeadlineClock(start: start, duration: .workingDays(Int.random(in: 0...30, using: &rng)))
            var paused = plain
            var cursor = start
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                cursor = cursor.addingTimeInterval(Double(Int.random(in: 0...(8 * 86_400), using: &rng)))
                try? paused.pause(at: cursor)
                cursor = cursor.addingTimeInterval(Double(Int.random(in: 0...(5 * 86_400), using: &rng)))
                try? paused.resume(at: cursor)
            }
            let now = cursor.addingTimeInterval(86_400)
            let before = plain.due(in: calendar, now: now)
            let after = paused.due(in: calendar, now: now)
            #expect(after >= before)
            // And the shift is the office time spent paused, when the pauses all came before the due date.
            if let lastEnd = paused.pauses.last?.to, lastEnd <= before {
                #expect(calendar.workingTime(from: before, to: after) == paused.pausedMinutes(at: now, in: calendar))
            }
        }
    }
}
