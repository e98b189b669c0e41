import Foundation
import Testing
import HaiCapDomain

@Suite("Deadline clock")
struct DeadlineClockTests {
    typealias F = CalendarFixtures
    let calendar = F.calendar

    @Test("A pause of 3 calendar days over a weekend moves the due date by one working day")
    func pauseOverWeekend() throws {
        // 5 working days from Monday 3/3/2025 09:00 → Monday 10/3 17:00.
        var clock = DeadlineClock(start: F.at(2025, 3, 3, 9, 0), duration: .workingDays(5))
        #expect(clock.due(in: calendar, now: clock.start) == F.at(2025, 3, 10, 17, 0))
        // Paused Friday 7/3 10:00 → Monday 10/3 10:00: Fri 10:00–17:00 (5 h 30) + Mon 07:30–10:00 (2 h 30) = 8 h.
        try clock.pause(at: F.at(2025, 3, 7, 10, 0), reason: "Yêu cầu bổ sung")
        #expect(clock.isPaused)
        // While paused, the remaining time is frozen.
        let remainingAtPause = clock.remaining(at: F.at(2025, 3, 7, 10, 0), in: calendar)
        #expect(clock.remaining(at: F.at(2025, 3, 8, 12, 0), in: calendar) == remainingAtPause)
        try clock.resume(at: F.at(2025, 3, 10, 10, 0))
        let now = F.at(2025, 3, 10, 10, 0)
        #expect(clock.pausedMinutes(at: now, in: calendar) == 480)
        #expect(clock.due(in: calendar, now: now) == F.at(2025, 3, 11, 17, 0))
        #expect(clock.remaining(at: now, in: calendar) == remainingAtPause)
        let skipped = clock.skipped(in: calendar, now: now)
        #expect(skipped.map(\.date.iso) == ["2025-03-07", "2025-03-08", "2025-03-09", "2025-03-10"])
        #expect(skipped.map(\.reason) == [.paused, .weekend, .weekend, .paused])
    }

    @Test("An open pause counts up to now")
    func openPause() throws {
        var clock = DeadlineClock(start: F.at(2025, 3, 3, 9, 0), duration: .workingHours(8))
        #expect(clock.due(in: calendar, now: clock.start) == F.at(2025, 3, 4, 9, 0))
        try clock.pause(at: F.at(2025, 3, 3, 14, 0))
        #expect(clock.due(in: calendar, now: F.at(2025, 3, 3, 16, 0)) == F.at(2025, 3, 4, 11, 0))
        // At the pause 3 h 30 had run, 4 h 30 are left: Tuesday 09:00–11:30 and 13:00–15:00.
        #expect(clock.due(in: calendar, now: F.at(2025, 3, 4, 9, 0)) == F.at(2025, 3, 4, 15, 0))
        #expect(throws: DeadlineError.alreadyPaused) { try clock.pause(at: F.at(2025, 3, 4, 9, 0)) }
    }

    @Test("Extensions replace the due date, up to the limit")
    func extensions() throws {
        var clock = DeadlineClock(start: F.at(2025, 3, 3, 9, 0), duration: .workingDays(3))
        let base = clock.due(in: calendar, now: clock.start)
        #expect(base == F.at(2025, 3, 6, 17, 0))
        #expect(clock.isOverdue(at: F.at(2025, 3, 7, 8, 0), in: calendar))
        #expect(clock.overdueBy(at: F.at(2025, 3, 7, 8, 0), in: calendar) == 30)
        try clock.extend(
            to: F.at(2025, 3, 12, 17, 0), reason: "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
            at: F.at(2025, 3, 6, 16, 0))
        #expect(clock.due(in: calendar, now: F.at(2025, 3, 7, 8, 0)) == F.at(2025, 3, 12, 17, 0))
        #expect(!clock.isOverdue(at: F.at(2025, 3, 7, 8, 0), in: calendar))
        #expect(throws: DeadlineError.extensionLimitReached(limit: 1)) {
            try clock.extend(to: F.at(2025, 3, 20, 17, 0), reason: "again", at: F.at(2025, 3, 12, 9, 0))
        }
        // A pause after the extension moves the new date too.
        try clock.pause(at: F.at(2025, 3, 10, 7, 30))
        try clock.resume(at: F.at(2025, 3, 11, 7, 30))
        #expect(clock.due(in: calendar, now: F.at(2025, 3, 11, 8, 0)) == F.at(2025, 3, 13, 17, 0))

        var twice = DeadlineClock(start: F.at(2025, 3, 3, 9, 0), duration: .workingDays(3), extensionLimit: 2)
        try twice.extend(to: F.at(2025, 3, 10, 17, 0), reason: "1", at: F.at(2025, 3, 5, 9, 0))
        try twice.extend(to: F.at(2025, 3, 14, 17, 0), reason: "2", at: F.at(2025, 3, 7, 9, 0))
        #expect(twice.due(in: calendar, now: F.at(2025, 3, 7, 9, 0)) == F.at(2025, 3, 14, 17, 0))
        #expect(throws: DeadlineError.extensionNotInFuture) {
            var other = DeadlineClock(start: F.at(2025, 3, 3, 9, 0), duration: .workingDays(3))
            try other.extend(to: F.at(2025, 3, 3, 8, 0), reason: "past", at: F.at(2025, 3, 3, 9, 0))
        }
    }

    @Test("Same-day clock over Tết, and a pause across Tết")
    func acrossTet() throws {
        let late = DeadlineClock(start: F.at(2025, 1, 24, 15, 1), duration: .workingDays(0))
        #expect(late.due(in: calendar, now: late.start) == F.at(2025, 2, 3, 17, 0))
        let skipped = late.skipped(in: calendar, now: late.start)
        #expect(skipped.count == 9)
        #expect(skipped.first?.reason == .weekend)
        #expect(skipped.contains { $0.reason == .holiday(name: "Tết Nguyên đán (mùng 1)", kind: .statutory) })
    }

    @Test("Step sub-deadlines share the office time")
    func steps() {
        // 10 working days from Monday 3/3/2025 07:30 → Monday 17/3 17:00; the receipt day's
        // 8 hours count towards the shares, so the total is 88 office hours.
        let clock = DeadlineClock(
            start: F.at(2025, 3, 3, 7, 30), duration: .workingDays(10),
            steps: [
                .init(name: "Thẩm định", share: 0.5), .init(name: "Phê duyệt", share: 0.25),
                .init(name: "Trả kết quả", share: 0.25)
            ])
        let dues = clock.stepDues(in: calendar, now: clock.start)
        #expect(dues.map(\.name) == ["Thẩm định", "Phê duyệt", "Trả kết quả"])
        #expect(dues[0].due == F.at(2025, 3, 10, 11, 30))  // 44 h after Monday 07:30: 5 days + a morning
        #expect(dues[2].due == clock.due(in: calendar, now: clock.start))
    }

    @Test func clocksCanBeStoredAsJSON() throws {
        var clock = DeadlineClock(start: F.at(2025, 3, 3, 9, 0), duration: .calendarDays(15))
        try clock.pause(at: F.at(2025, 3, 4, 9, 0), reason: "Bổ sung")
        let data = try JSONEncoder().encode(clock)
        #expect(try JSONDecoder().decode(DeadlineClock.self, from: data) == clock)
    }

    @Test func fixedClockIsSharedAndMovable() async {
        let clock = FixedClock(F.at(2025, 1, 24, 14, 59))
        let any: any Clock = clock
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { clock.advance(by: 6) } }
        }
        #expect(any.now() == F.at(2025, 1, 24, 15, 0))
        clock.set(F.at(2025, 2, 3))
        #expect(any.now() == F.at(2025, 2, 3))
        #expect(SystemClock().now().timeIntervalSince1970 > 1_700_000_000)
    }
}
