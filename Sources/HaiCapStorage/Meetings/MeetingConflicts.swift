import Foundation
import HaiCapDomain
import SQLKit

/// A room already booked at a time the meeting needs it.
public struct RoomConflict: Sendable, Equatable {
    public var unitCode: String?
    public var roomName: String
    public var meetingId: Int
    public var meetingTitle: String
    public var start: Date
}

/// Rooms already booked: the save is refused (409) with the list, unless the organiser overrides
/// with a reason.
public struct MeetingConflictError: HaiCapError {
    public let conflicts: [RoomConflict]
    public var kind: ErrorKind { .conflict }
    public var code: String { "meeting.room_conflict" }
    public var message: String {
        let names = conflicts.prefix(5).map { "\($0.roomName) (cuộc họp «\($0.meetingTitle)» lúc \(VietnamTime.text($0.start)))" }
        let more = conflicts.count > 5 ? " và \(conflicts.count - 5) phòng khác" : ""
        return "Phòng họp đã có lịch: " + names.joined(separator: "; ") + more
            + ". Chọn giờ khác, hoặc ghi lý do để vẫn đặt lịch trùng."
    }
}

/// What a save found that does not stop it: people already in another meeting, a slot outside
/// office hours or on a day off (named), rooms booked anyway on the organiser's word.
public struct MeetingWarnings: Sendable, Equatable {
    public var messages: [String] = []
    public var overridden: [RoomConflict] = []
}

extension MeetingStore {
    /// Bookings of `resources` overlapping `[from, to)`, other meetings than `excluding`.
    func bookings(
        of resources: [String], from: Date, to: Date, excluding: Int?, in session: any SQLDatabase
    ) async throws -> [(key: String, interval: BusyInterval)] {
        var result: [(key: String, interval: BusyInterval)] = []
        // Chunks keep the IN list well under SQLite's variable limit for a meeting of every unit.
        for chunk in stride(from: 0, to: resources.count, by: 400).map({ Array(resources[$0..<min($0 + 400, resources.count)]) }) {
            let rows = try await session.raw(
                """
                SELECT resource, meeting_id, start_at, end_at FROM meeting_bookings
                WHERE resource IN (\(binds: chunk)) AND start_at < \(bind: to.millis) AND end_at > \(bind: from.millis)
                  AND meeting_id <> \(bind: excluding ?? 0)
                """
            ).all()
            for row in rows {
                result.append(
                    (
                        try row.decode(column: "resource", as: String.self),
                        BusyInterval(
                            start: Date(millis: try row.decode(column: "start_at", as: Int64.self)),
                            end: Date(millis: try row.decode(column: "end_at", as: Int64.self)),
                            meetingId: try row.decode(column: "meeting_id", as: Int.self))
                    ))
            }
        }
        return result
    }

    /// The rooms and people of `plan` taken by other meetings at its held occurrences.
    func conflicts(
        _ plan: MeetingPlan, excluding: Int?, in session: any SQLDatabase
    ) async throws -> (rooms: [RoomConflict], people: [String]) {
        let held = plan.occurrences.filter(\.isHeld)
        guard let first = held.map(\.start).min(), let last = held.map(\.end).max() else { return ([], []) }
        let roomKeys = plan.units.map(\.room.resource)
        let personKeys = plan.invitees.compactMap { $0.userId.map { "user:\($0)" } }
        let found = try await bookings(of: roomKeys + personKeys, from: first, to: last, excluding: excluding, in: session)
        guard !found.isEmpty else { return ([], []) }
        var byKey: [String: [BusyInterval]] = [:]
        for booking in found { byKey[booking.key, default: []].append(booking.interval) }
        var rooms: [RoomConflict] = []
        var titles: [Int: String] = [:]
        for line in plan.units {
            guard let list = byKey[line.room.resource] else { continue }
            for occurrence in held {
                guard let clash = list.first(where: { $0.overlaps(occurrence.start, occurrence.end) }) else { continue }
                if titles[clash.meetingId] == nil {
                    titles[clash.meetingId] =
                        try await session.raw("SELECT title FROM meetings WHERE id = \(bind: clash.meetingId)").first()?
                        .decode(column: "title", as: String.self) ?? ""
                }
                rooms.append(
                    RoomConflict(
                        unitCode: line.unitCode, roomName: line.room.name, meetingId: clash.meetingId, meetingTitle: titles[clash.meetingId] ?? "",
                        start: occurrence.start))
                break
            }
        }
        var people: [String] = []
        for invitee in plan.invitees {
            guard let id = invitee.userId, let list = byKey["user:\(id)"] else { continue }
            if let occurrence = held.first(where: { held in list.contains { $0.overlaps(held.start, held.end) } }) {
                people.append("\(invitee.name) đã có cuộc họp khác lúc \(VietnamTime.text(occurrence.start)).")
            }
        }
        return (rooms, people)
    }

    /// Warnings about the time itself: outside office hours, on a day off (named).
    static func timeWarnings(_ occurrences: [Occurrence], calendar: WorkCalendar) -> [String] {
        var messages: [String] = []
        for occurrence in occurrences where occurrence.isHeld {
            let (day, minutes) = VietnamTime.components(occurrence.start)
            let endMinutes = minutes + Int(occurrence.end.timeIntervalSince(occurrence.start) / 60)
            if !calendar.isWorkingDay(day) {
                let name = calendar.holiday(on: day)?.name ?? (day.weekday == 7 ? "Chủ nhật" : "Thứ Bảy")
                messages.append("Buổi họp ngày \(VietnamTime.text(day)) rơi vào ngày nghỉ (\(name)).")
            } else if !calendar.workingPeriods(on: day).contains(where: { $0.start <= minutes && endMinutes <= $0.end }) {
                messages.append("Buổi họp lúc \(VietnamTime.text(occurrence.start)) nằm ngoài giờ hành chính.")
            }
            if messages.count >= 10 { break }
        }
        return messages
    }
}
