import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb
import SQLKit

/// `haicap bench meetings`: one meeting for all 168 units (conflict check, bookings, invitations
/// and ICS into the outbox, one ledger transaction) next to 168 single-unit meetings in the same
/// run; then free slots over every unit's room for 10 working days with a year of bookings (20 a
/// unit a week) next to a naive scan of every booking, and whether both agree.
struct MeetingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "meetings")
    @Option(help: "PostgreSQL (mặc định: SQLite trong thư mục tạm).") var databaseURL: String?
    @Option(help: "Số lượt đo (lấy lượt nhanh nhất).") var rounds = 3

    func run() async throws {
        let now = VietnamTime.date(2026, 11, 23, 9, 0)
        try await BenchServices.with(databaseURL: databaseURL, now: now) { services, engine in
            let organiser = try await services.accounts.principal(for: try await services.accounts.find(username: "so.xaydung")!)
            // Every room has a technician's address, so each meeting queues its invitations by mail too.
            try await services.database.sql.raw(
                "UPDATE meeting_rooms SET technician_email = 'kythuat.' || COALESCE(unit_code, 'tp') || '@example.vn'"
            ).run()
            let units = services.reference.units.map(\.code)
            let timer = ContinuousClock()
            var all = Duration.seconds(1_000), singles = Duration.seconds(1_000)
            for round in 0..<rounds {
                let day = LocalDate(year: 2026, month: 12, day: 1).adding(days: 7 * round)
                let start = VietnamTime.date(day, minutes: 8 * 60), end = VietnamTime.date(day, minutes: 9 * 60 + 30)
                let one = try await timer.measure {
                    _ = try await services.meetings.schedule(
                        MeetingDraft(title: "Hội nghị toàn thành phố \(round)", start: start, end: end, units: units), by: organiser, at: now)
                }
                let later = VietnamTime.date(day, minutes: 14 * 60), laterEnd = VietnamTime.date(day, minutes: 15 * 60)
                let many = try await timer.measure {
                    for unit in units {
                        _ = try await services.meetings.schedule(
                            MeetingDraft(title: "Họp với \(unit)", start: later, end: laterEnd, units: [unit]), by: organiser, at: now)
                    }
                }
                all = min(all, one)
                singles = min(singles, many)
            }
            print(
                "[\(engine)] một cuộc họp 168 điểm cầu (trùng lịch, đặt phòng, thư mời, ICS): \(ms(all)) ms; "
                    + "mốc 168 cuộc họp một điểm cầu: \(ms(singles)) ms (\(ms(singles / 168)) ms mỗi cuộc)")
            try await freeSlots(services, engine: engine, units: units, organiser: organiser, now: now)
        }
    }

    func ms(_ duration: Duration) -> String { String(format: "%.1f", BenchServices.seconds(duration) * 1000) }

    /// A year of bookings, 20 a unit a week in office hours (fixed seed), written straight into the
    /// bookings table; then the finder next to the naive scan.
    func freeSlots(_ services: AppServices, engine: String, units: [String], organiser: Principal, now: Date) async throws {
        var generator = SeededGenerator(seed: 2026)
        var made: [(resource: String, start: Int64, end: Int64)] = []
        var roomIds: [String] = []
        for unit in units { if let room = try await services.meetings.rooms(unit: unit).first { roomIds.append(room.resource) } }
        let firstMonday = LocalDate(year: 2026, month: 6, day: 1)
        for resource in roomIds {
            for week in 0..<52 {
                for _ in 0..<20 {
                    let day = firstMonday.adding(days: 7 * week + Int.random(in: 0..<5, using: &generator))
                    let start = VietnamTime.date(day, minutes: 7 * 60 + 30 + 30 * Int.random(in: 0..<16, using: &generator))
                    let end = start + TimeInterval(30 * 60 * Int.random(in: 1...3, using: &generator))
                    made.append((resource, start.millis, end.millis))
                }
            }
        }
        let rows = made
        let insertTimer = ContinuousClock()
        let written = try await insertTimer.measure {
            try await services.database.transaction { session in
                for start in stride(from: 0, to: rows.count, by: 150) {
                    try await session.insert(into: "meeting_bookings").columns("resource", "meeting_id", "seq", "start_at", "end_at")
                        .rows(
                            rows[start..<min(start + 150, rows.count)].map {
                                [SQLBind($0.resource), SQLBind(900_000), SQLBind(1), SQLBind($0.start), SQLBind($0.end)] as [any SQLExpression]
                            }
                        ).run()
                }
            }
        }
        print("[\(engine)] đã ghi \(VietnameseNumber.grouped(rows.count)) lượt đặt phòng trong \(ms(written)) ms")
        let at = VietnamTime.date(2026, 11, 20, 12, 0)
        let from = LocalDate(year: 2026, month: 11, day: 23)
        let timer = ContinuousClock()
        var fast: (slots: [FreeSlot], allFree: Bool, names: [String: String]) = ([], false, [:])
        var best = Duration.seconds(1_000)
        for _ in 0..<3 {
            let took = try await timer.measure {
                fast = try await services.meetings.freeSlots(
                    units: units, people: [], minutes: 60, from: from, days: 10, by: organiser, at: at)
            }
            best = min(best, took)
        }
        // The naive side: every booking of the year, scanned for every candidate.
        var all: [(key: String, interval: BusyInterval)] = []
        let loaded = try await timer.measure {
            all = try await services.meetings.roomBookings(units: units, from: .distantPast, to: .distantFuture)
        }
        let calendar = try await services.calendars.calendar(agencyId: organiser.agencyId)
        let candidates = FreeSlotFinder.candidates(minutes: 60, from: from, days: 10, calendar: calendar, notBefore: at)
        var slow: (slots: [FreeSlot], allFree: Bool) = ([], false)
        let scanned = timer.measure {
            slow = FreeSlotFinder.naive(bookings: all, resources: roomIds, minutes: 60, candidates: candidates)
        }
        let agree = fast.slots == slow.slots && fast.allFree == slow.allFree
        print(
            "[\(engine)] giờ trống cho 168 phòng, 10 ngày làm việc, \(VietnameseNumber.grouped(all.count)) lượt đặt: \(ms(best)) ms; "
                + "mốc quét toàn bộ lượt đặt: \(ms(loaded + scanned)) ms (đọc \(ms(loaded)) ms, quét \(ms(scanned)) ms); "
                + "kết quả \(agree ? "trùng khớp" : "KHÁC NHAU") (\(fast.allFree ? "có giờ trống" : "ít trùng nhất: \(fast.slots.first?.conflicts.count ?? 0) phòng"))"
        )
        if !agree { throw ValidationError(field: "bench", "Giờ trống khác với cách quét toàn bộ.") }
    }
}
