import Foundation
import Testing

@testable import HaiCapDomain

@Suite("Meetings: series over days off, free slots, iCalendar text")
struct MeetingDomainTests {
    typealias F = CalendarFixtures

    @Test("a weekly series skips or moves the occurrence on 30/4 (and 1/5 after it) to the next working day, at the same time")
    func seriesOverHolidays() throws {
        let start = F.at(2026, 4, 23, 14, 0), end = F.at(2026, 4, 23, 15, 30)
        let skip = try Recurrence(rrule: "FREQ=WEEKLY;BYDAY=TH;COUNT=3", dayOff: .skip)
        let skipped = try skip.occurrences(start: start, end: end, calendar: F.calendar)
        #expect(skipped.map(\.state) == [.regular, .skipped, .regular])
        #expect(skipped[1].holiday?.isEmpty == false)
        #expect(skipped[2].start == F.at(2026, 5, 7, 14, 0))
        let move = try Recurrence(rrule: "RRULE:FREQ=WEEKLY;COUNT=3", dayOff: .move)
        let moved = try move.occurrences(start: start, end: end, calendar: F.calendar)
        #expect(moved[1].state == .moved)
        #expect(moved[1].original == F.at(2026, 4, 30, 14, 0))
        #expect(moved[1].start == F.at(2026, 5, 4, 14, 0))
        #expect(moved[1].end == F.at(2026, 5, 4, 15, 30))
        #expect(move.rrule == "FREQ=WEEKLY;COUNT=3")
    }

    @Test("rules without an end, over 500 occurrences, or with parts HaiCap does not read are refused with every reason")
    func badRules() throws {
        #expect(throws: ValidationError.self) { try Recurrence(rrule: "FREQ=WEEKLY") }
        #expect(throws: ValidationError.self) { try Recurrence(rrule: "FREQ=DAILY;COUNT=501") }
        #expect(throws: ValidationError.self) { try Recurrence(rrule: "FREQ=HOURLY;COUNT=5") }
        #expect(throws: ValidationError.self) { try Recurrence(rrule: "FREQ=DAILY;COUNT=5;BYDAY=MO") }
        do {
            _ = try Recurrence(rrule: "FREQ=YEARLY;BYSETPOS=1")
            Issue.record("accepted")
        } catch {
            let text = error.problems.map(\.message).joined()
            #expect(text.contains("COUNT") && text.contains("BYSETPOS"))
        }
        let long = try Recurrence(rrule: "FREQ=DAILY;UNTIL=20290101")
        #expect(throws: ValidationError.self) { try long.days(from: LocalDate(year: 2026, month: 1, day: 1)) }
        let monthly = try Recurrence(rrule: "FREQ=MONTHLY;COUNT=3")
        // The 31st: months without one have no occurrence (RFC 5545).
        #expect(try monthly.days(from: LocalDate(year: 2026, month: 1, day: 31)).map(\.month) == [1, 3, 5])
        let weekly = try Recurrence(rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20260131")
        #expect(try weekly.days(from: LocalDate(year: 2026, month: 1, day: 5)).map(\.day) == [5, 7, 19, 21])
    }

    @Test("free slots agree with a scan of every booking, on random bookings; the earliest free slot inside one working period")
    func freeSlotsAgreeWithNaive() {
        var generator = SeededGenerator(seed: 42)
        let monday = LocalDate(year: 2026, month: 6, day: 1)
        let resources = (0..<30).map { "room:\($0)" }
        var bookings: [(key: String, interval: BusyInterval)] = []
        for index in 0..<600 {
            let day = monday.adding(days: Int.random(in: 0..<14, using: &generator))
            let start = VietnamTime.date(day, minutes: 7 * 60 + 30 * Int.random(in: 0..<20, using: &generator))
            let interval = BusyInterval(start: start, end: start + TimeInterval(30 * 60 * Int.random(in: 1...6, using: &generator)), meetingId: index)
            bookings.append((resources.randomElement(using: &generator)!, interval))
        }
        var busy: [String: [BusyInterval]] = [:]
        for booking in bookings { busy[booking.key, default: []].append(booking.interval) }
        let finder = FreeSlotFinder(busy: busy)
        for size in [1, 5, 30] {
            for minutes in [30, 60, 120] {
                let wanted = Array(resources.prefix(size))
                let candidates = FreeSlotFinder.candidates(minutes: minutes, from: monday, days: 10, calendar: F.calendar, notBefore: .distantPast)
                let fast = finder.find(resources: wanted, minutes: minutes, candidates: candidates)
                let slow = FreeSlotFinder.naive(bookings: bookings, resources: wanted, minutes: minutes, candidates: candidates)
                #expect(fast.slots == slow.slots)
                #expect(fast.allFree == slow.allFree)
            }
        }
        let candidates = FreeSlotFinder.candidates(minutes: 120, from: monday, days: 1, calendar: F.calendar, notBefore: .distantPast)
        // Morning 07:30–11:30: starts 07:30 … 09:30; afternoon 13:00–17:00: 13:00 … 15:00.
        #expect(candidates.first == VietnamTime.date(monday, minutes: 7 * 60 + 30))
        #expect(!candidates.contains(VietnamTime.date(monday, minutes: 10 * 60)))
        #expect(candidates.count == 10)
    }

    @Test("ICS lines are folded at 75 octets without splitting a Vietnamese letter, and TEXT is escaped")
    func icsText() {
        let event = ICSEvent(
            uid: "meeting-1@haicap", sequence: 2, stamp: F.at(2026, 12, 1), start: F.at(2026, 12, 10, 8, 0), end: F.at(2026, 12, 10, 9, 30),
            summary: "Họp giao ban; rà soát, đôn đốc hồ sơ trễ hạn của các phường, xã, đặc khu trên địa bàn Thành phố",
            description: "Dòng 1\nDòng 2 \\ hết", location: "", url: nil, organizerName: "Sở \"Xây\" dựng", organizerAddress: "mailto:a@b.vn",
            attendees: [.init(name: "Phòng họp Ủy ban nhân dân Phường Tân Định", address: "urn:haicap:room:1", isRoom: true)])
        let text = ICalendarText.calendar(method: "REQUEST", events: [event])
        #expect(text.hasSuffix("\r\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Họp giao ban\\; rà soát\\, đôn đốc"))
        #expect(unfolded.contains("DESCRIPTION:Dòng 1\\nDòng 2 \\\\ hết"))
        #expect(unfolded.contains("ORGANIZER;CN=\"Sở Xây dựng\":mailto:a@b.vn"))
        #expect(unfolded.contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20261210T080000"))
        #expect(unfolded.contains("ATTENDEE;CUTYPE=ROOM;"))
        #expect(ICalendarText.utc(F.at(2026, 12, 10, 6, 0)) == "20261209T230000Z")
    }

    @Test("a ward invites only itself; the city invites any unit; e-mail addresses are checked")
    func scopeAndAddresses() {
        let ward = Principal(userId: 1, username: "a", fullName: "A", role: .leader, agencyId: "x", unitCode: "26737")
        let city = Principal(userId: 2, username: "b", fullName: "B", role: .department, agencyId: "y", unitCode: nil)
        #expect(Policy.mayInvite(ward, unit: "26737") && !Policy.mayInvite(ward, unit: "26743"))
        #expect(Policy.mayInvite(city, unit: "26743"))
        #expect(Policy.seesMeeting(ward, organiser: "y", units: ["26737"], people: []))
        #expect(!Policy.seesMeeting(ward, organiser: "y", units: ["26743"], people: []))
        #expect(EmailAddress.isValid("can.bo@tphcm.gov.vn"))
        for bad in ["bad", "a@b", "a b@c.vn", "<a@b.vn>", "a@-b.vn", "@b.vn"] { #expect(!EmailAddress.isValid(bad)) }
    }
}
