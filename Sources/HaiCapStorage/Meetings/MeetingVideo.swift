import Foundation
import HaiCapDomain
import SQLKit

/// What Jitsi's reservation module is told about a room.
public struct ConferenceReservation: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var mailOwner: String?
    public var startTime: Date
    /// Seconds the room may still live: to the occurrence's end plus the grace, so Prosody ends it on time.
    public var duration: Int
}

/// Why the reservation module may not open a room.
public enum ConferenceRefusal: Error, Sendable, Equatable {
    /// 409 with the id of the conference already open for the occurrence.
    case exists(Int)
    /// 403 with a Vietnamese reason.
    case refused(String)
}

/// What a person gets to enter the video room: the occurrence, whether they moderate, and the
/// token's window (`nbf` is the start, or the start less the early minutes for those who run
/// the room: a lobby until the start for everyone else).
public struct JoinGrant: Sendable, Equatable {
    public var meetingId: Int
    public var room: String
    public var occurrence: Occurrence
    public var moderator: Bool
    public var notBefore: Date
    public var expires: Date
    public var userId: Int?
    public var name: String
    public var email: String?
    public var unitCode: String?
}

extension MeetingStore {
    /// Jitsi's `POST /conference`: the room exists only for a scheduled meeting's occurrence from
    /// the early minutes before its start to the grace after its end.
    public func reserve(name: String, startTime: Date?, mailOwner: String?, at now: Date) async throws -> ConferenceReservation {
        let room = name.lowercased().split(separator: "@").first.map(String.init) ?? ""
        return try await database.transaction { session in
            guard let row = try await session.raw("SELECT id FROM meetings WHERE room = \(bind: room)").first() else {
                throw ConferenceRefusal.refused("Không có cuộc họp nào dùng phòng này.")
            }
            let meeting = try await get(try row.decode(column: "id", as: Int.self), in: session, forUpdate: true)
            guard meeting.status == .scheduled else { throw ConferenceRefusal.refused("Cuộc họp \(meeting.status.label.lowercased()).") }
            guard
                let occurrence = meeting.occurrences.filter(\.isHeld).first(where: {
                    $0.start - settings.early <= now && now < $0.end + settings.grace
                })
            else {
                throw ConferenceRefusal.refused("Chưa đến giờ mở phòng họp (mở trước \(settings.earlyMinutes) phút) hoặc cuộc họp đã kết thúc.")
            }
            if let open = try await session.raw(
                "SELECT id FROM meeting_conferences WHERE meeting_id = \(bind: meeting.id) AND seq = \(bind: occurrence.seq) AND ended_at IS NULL"
            ).first() {
                throw ConferenceRefusal.exists(try open.decode(column: "id", as: Int.self))
            }
            let inserted = try await session.raw(
                """
                INSERT INTO meeting_conferences (meeting_id, seq, name, mail_owner, created_at)
                VALUES (\(bind: meeting.id), \(bind: occurrence.seq), \(bind: room), \(bind: mailOwner), \(bind: now.millis)) RETURNING id
                """
            ).first()
            let id = try inserted?.decode(column: "id", as: Int.self) ?? 0
            return ConferenceReservation(
                id: id, name: room, mailOwner: mailOwner, startTime: startTime ?? now,
                duration: max(0, Int((occurrence.end + settings.grace).timeIntervalSince(now))))
        }
    }

    /// Jitsi's `GET /conference/{id}`: the reservation while it may still live.
    public func reservation(_ id: Int, at now: Date) async throws -> ConferenceReservation {
        guard let row = try await database.sql.raw("SELECT * FROM meeting_conferences WHERE id = \(bind: id) AND ended_at IS NULL").first()
        else { throw NotFoundError("conference", String(id)) }
        let meeting = try await get(try row.decode(column: "meeting_id", as: Int.self))
        let seq = try row.decode(column: "seq", as: Int.self)
        let end = (meeting.occurrences.first { $0.seq == seq }?.end ?? now) + settings.grace
        return ConferenceReservation(
            id: id, name: try row.decode(column: "name", as: String.self), mailOwner: try row.decode(column: "mail_owner", as: String?.self),
            startTime: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            duration: meeting.status == .scheduled ? max(0, Int(end.timeIntervalSince(now))) : 0)
    }

    /// Jitsi's `DELETE /conference/{id}`: the room ended.
    public func endReservation(_ id: Int, at now: Date) async throws {
        let ended = try await database.sql.raw(
            "UPDATE meeting_conferences SET ended_at = \(bind: now.millis) WHERE id = \(bind: id) AND ended_at IS NULL RETURNING id"
        ).first()
        guard ended != nil else { throw NotFoundError("conference", String(id)) }
    }

    /// The caller's own way in: for an invited official (or the organiser's staff, or an invited
    /// unit's staff), the occurrence under way or next, recorded as evidence of joining.
    public func join(_ id: Int, by principal: Principal, at now: Date) async throws -> JoinGrant {
        let meeting = try await get(id, for: principal)
        guard meeting.status == .scheduled else { throw MeetingError.notScheduled(meeting.status) }
        guard meeting.mode.hasVideo else { throw ValidationError(field: "mode", "Cuộc họp trực tiếp không có phòng họp trực tuyến.") }
        guard let occurrence = meeting.occurrence(joiningAt: now, grace: settings.grace) else { throw MeetingError.notScheduled(.closed) }
        let unit = principal.unitCode.flatMap { meeting.unitCodes.contains($0) ? $0 : nil }
        let moderator = meeting.isModerator(principal)
        // The units' technicians (their leaders and clerks) test the line before the start, as the moderators do.
        let early = moderator || (unit != nil && Policy.meetingRecorders.contains(principal.role))
        let grant = JoinGrant(
            meetingId: id, room: meeting.room, occurrence: occurrence, moderator: moderator,
            notBefore: early ? occurrence.start - settings.early : occurrence.start, expires: occurrence.end + settings.grace,
            userId: principal.userId, name: principal.fullName, email: nil, unitCode: unit)
        try await recordJoin(grant, personId: nil, at: now)
        return grant
    }

    /// A guest's single-use link: the grant once the room is open to them; the link is spent then.
    public func joinAsGuest(secret: String, at now: Date) async throws -> (meeting: Meeting, grant: JoinGrant?) {
        let (meeting, person, occurrence) = try await guestLink(secret, at: now)
        let personId = person.id
        guard now >= occurrence.start else { return (meeting, nil) }
        let spent = try await database.sql.raw(
            "UPDATE meeting_people SET guest_used_at = \(bind: now.millis) WHERE id = \(bind: personId) AND guest_used_at IS NULL RETURNING id"
        ).first()
        guard spent != nil else { throw ValidationError(field: "link", "Liên kết mời đã được dùng.") }
        let grant = JoinGrant(
            meetingId: meeting.id, room: meeting.room, occurrence: occurrence, moderator: false, notBefore: occurrence.start,
            expires: occurrence.end + settings.grace, userId: nil, name: person.name, email: person.email, unitCode: nil)
        try await recordJoin(grant, personId: personId, at: now)
        return (meeting, grant)
    }

    func recordJoin(_ grant: JoinGrant, personId: Int?, at now: Date) async throws {
        try await database.sql.raw(
            """
            INSERT INTO meeting_joins (meeting_id, seq, user_id, person_id, unit_code, moderator, issued_at)
            VALUES (\(bind: grant.meetingId), \(bind: grant.occurrence.seq), \(bind: grant.userId), \(bind: personId), \(bind: grant.unitCode),
                    \(bind: grant.moderator ? 1 : 0), \(bind: now.millis))
            """
        ).run()
    }
}

extension MeetingStore {
    /// The earliest working-time slots of `minutes` where the units' rooms and the officials are
    /// free, over `days` working days from `from`; else those with the fewest conflicts.
    public func freeSlots(
        units: [String], people: [Int], minutes: Int, from: LocalDate, days: Int, by principal: Principal, at now: Date, limit: Int = 5
    ) async throws -> (slots: [FreeSlot], allFree: Bool, names: [String: String]) {
        var check = Validator()
        let unknown = units.filter { reference.unitsByCode[$0] == nil }
        check.require(unknown.isEmpty, "units", "Không có đơn vị mã \(unknown.prefix(5).joined(separator: ", ")).")
        check.require(units.count <= 200, "units", "Tối đa 200 đơn vị.")
        check.require(!units.isEmpty || !people.isEmpty, "units", "Chọn ít nhất một đơn vị.")
        check.require((15...720).contains(minutes), "minutes", "Thời lượng từ 15 đến 720 phút.")
        check.require((1...30).contains(days), "days", "Tìm trong 1 đến 30 ngày làm việc.")
        check.require(WorkCalendar.supports(VietnamTime.date(from, minutes: 0)), "from", "Ngày bắt đầu tìm nằm ngoài lịch làm việc.")
        try check.check()
        let calendar = try await calendars.calendar(agencyId: principal.agencyId)
        let candidates = FreeSlotFinder.candidates(minutes: minutes, from: from, days: days, calendar: calendar, notBefore: now)
        let rooms = try await defaultRooms(units: units)
        var names: [String: String] = [:]
        for (code, room) in rooms { names[room.resource] = reference.unitsByCode[code]?.name ?? room.name }
        for id in people { names["user:\(id)"] = (try? await accounts.get(id))?.fullName ?? "cán bộ \(id)" }
        let resources = units.compactMap { rooms[$0]?.resource } + people.map { "user:\($0)" }
        guard let first = candidates.first, let last = candidates.last else { return ([], false, names) }
        let found = try await bookings(of: resources, from: first, to: last + TimeInterval(minutes * 60), excluding: nil, in: database.sql)
        var busy: [String: [BusyInterval]] = [:]
        for booking in found { busy[booking.key, default: []].append(booking.interval) }
        let result = FreeSlotFinder(busy: busy).find(resources: resources, minutes: minutes, candidates: candidates, limit: limit)
        return (result.slots, result.allFree, names)
    }

    /// Every booking of the rooms of `units` over `[from, to)`, for the benchmark's naive scan.
    public func roomBookings(units: [String], from: Date, to: Date) async throws -> [(key: String, interval: BusyInterval)] {
        let rooms = try await defaultRooms(units: units)
        return try await bookings(of: units.compactMap { rooms[$0]?.resource }, from: from, to: to, excluding: nil, in: database.sql)
    }
}

extension MeetingStore {
    /// What a guest's link shows before it is used: the meeting and the occurrence it opens.
    public func guestPreview(secret: String, at now: Date) async throws -> (meeting: Meeting, occurrence: Occurrence) {
        let (meeting, _, occurrence) = try await guestLink(secret, at: now)
        return (meeting, occurrence)
    }

    /// The unspent guest link's meeting, guest and the occurrence it opens (under way or next).
    func guestLink(_ secret: String, at now: Date) async throws -> (Meeting, MeetingPerson, Occurrence) {
        guard secret.count <= 100,
            let row = try await database.sql.raw(
                "SELECT id, meeting_id, guest_used_at FROM meeting_people WHERE guest_digest = \(bind: SecretDigest.of(secret))"
            ).first()
        else { throw NotFoundError("page", "khach") }
        guard try row.decode(column: "guest_used_at", as: Int64?.self) == nil else {
            throw ValidationError(field: "link", "Liên kết mời đã được dùng. Đề nghị đơn vị tổ chức gửi lại giấy mời.")
        }
        let meeting = try await get(try row.decode(column: "meeting_id", as: Int.self))
        let personId = try row.decode(column: "id", as: Int.self)
        guard meeting.status == .scheduled, let occurrence = meeting.occurrence(joiningAt: now, grace: settings.grace),
            let person = meeting.people.first(where: { $0.id == personId })
        else { throw MeetingError.notScheduled(meeting.status == .scheduled ? .closed : meeting.status) }
        return (meeting, person, occurrence)
    }
}
