import Foundation
import HaiCapDomain
import SQLKit

/// Meetings to any of the 168 điểm cầu: rooms, scheduling with conflicts and free slots, the
/// video room's reservations and tokens, roll-call, minutes and conclusions. Every change goes
/// through `CaseLedger` (timeline, audit, outbox in the same transaction).
public struct MeetingStore: Sendable {
    /// The video room's window around each occurrence, and where invitations point.
    public struct Settings: Sendable {
        public var earlyMinutes: Int
        public var graceMinutes: Int
        /// The join page's base, e.g. `https://haicap.tphcm.gov.vn`.
        public var baseURL: String
        /// The sender named in invitations.
        public var mailFrom: String

        public init(earlyMinutes: Int = 15, graceMinutes: Int = 30, baseURL: String, mailFrom: String = "hop@haicap.local") {
            self.earlyMinutes = earlyMinutes
            self.graceMinutes = graceMinutes
            self.baseURL = baseURL
            self.mailFrom = mailFrom
        }

        public var early: TimeInterval { TimeInterval(earlyMinutes * 60) }
        public var grace: TimeInterval { TimeInterval(graceMinutes * 60) }
    }

    let database: Database
    let calendars: CalendarStore
    let deadlines: DeadlineStore
    let ledger: CaseLedger
    let agencies: AgencyStore
    let accounts: AccountStore
    let reference: ReferenceData
    let outbox: Outbox
    public let settings: Settings

    public init(
        database: Database, calendars: CalendarStore, deadlines: DeadlineStore, audit: AuditLog, timeline: Timeline,
        agencies: AgencyStore, accounts: AccountStore, reference: ReferenceData, settings: Settings
    ) {
        self.database = database
        self.calendars = calendars
        self.deadlines = deadlines
        self.ledger = CaseLedger(database: database, deadlines: deadlines, timeline: timeline, audit: audit)
        self.agencies = agencies
        self.accounts = accounts
        self.reference = reference
        self.outbox = Outbox(database: database)
        self.settings = settings
    }

    // MARK: - Rooms

    /// One room per UBND (its điểm cầu) and one for the city's UBND, on the first start.
    public func seedRoomsIfEmpty() async throws {
        try await database.transaction { session in
            guard try await session.raw("SELECT id FROM meeting_rooms LIMIT 1").first() == nil else { return }
            try await session.raw(
                """
                INSERT INTO meeting_rooms (unit_code, agency_id, name, capacity, equipment)
                SELECT unit_code, id, 'Phòng họp trực tuyến ' || name, CASE WHEN unit_code IS NULL THEN 120 ELSE 40 END,
                       'Màn hình, camera, micro hội nghị, thiết bị codec (H.323/SIP), đường truyền Metronet'
                FROM agencies WHERE kind IN ('unit-ubnd', 'city-ubnd') ORDER BY id
                """
            ).run()
        }
    }

    public func rooms(unit: String?) async throws -> [MeetingRoom] {
        let rows = try await database.sql.raw(
            unit.map { "SELECT * FROM meeting_rooms WHERE unit_code = \(bind: $0) AND active = 1 ORDER BY id" }
                ?? "SELECT * FROM meeting_rooms WHERE unit_code IS NULL AND active = 1 ORDER BY id"
        ).all()
        return try rows.map(Self.room)
    }

    func rooms(ids: [Int], in session: any SQLDatabase) async throws -> [Int: MeetingRoom] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await session.raw("SELECT * FROM meeting_rooms WHERE id IN (\(binds: ids))").all()
        return Dictionary(uniqueKeysWithValues: try rows.map(Self.room).map { ($0.id, $0) })
    }

    /// Each unit's first active room (its UBND's, as seeded).
    func defaultRooms(units: [String]) async throws -> [String: MeetingRoom] {
        guard !units.isEmpty else { return [:] }
        let rows = try await database.sql.raw(
            "SELECT * FROM meeting_rooms WHERE unit_code IN (\(binds: units)) AND active = 1 ORDER BY id DESC"
        ).all()
        var result: [String: MeetingRoom] = [:]
        for room in try rows.map(Self.room) { if let unit = room.unitCode { result[unit] = room } }
        return result
    }

    /// A unit's leader or the administrators update the room's details (codec, line, technician).
    public func updateRoom(_ room: MeetingRoom, by principal: Principal, at now: Date) async throws -> MeetingRoom {
        let current = try await self.room(room.id)
        guard principal.role == .admin || (principal.agencyId == current.agencyId && Policy.meetingRecorders.contains(principal.role)) else {
            throw AccessError.forbidden
        }
        var check = Validator()
        check.require(!room.name.trimmingCharacters(in: .whitespaces).isEmpty && room.name.count <= 200, "name", "Nhập tên phòng (tối đa 200 ký tự).")
        check.require((1...2000).contains(room.capacity), "capacity", "Sức chứa từ 1 đến 2.000 người.")
        check.require(room.equipment.count <= 1000, "equipment", "Thiết bị ghi tối đa 1.000 ký tự.")
        if let mail = room.technicianEmail, !mail.isEmpty {
            check.require(EmailAddress.isValid(mail), "technicianEmail", "Địa chỉ thư không hợp lệ.")
        }
        for (field, value) in [
            ("sipAddress", room.sipAddress), ("metronetLine", room.metronetLine), ("technicianName", room.technicianName),
            ("technicianPhone", room.technicianPhone)
        ] {
            check.require((value ?? "").count <= 200, field, "Tối đa 200 ký tự.")
        }
        try check.check()
        @Sendable func blank(_ text: String?) -> String? { text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        try await database.transaction { session in
            try await session.raw(
                """
                UPDATE meeting_rooms SET name = \(bind: room.name), capacity = \(bind: room.capacity), equipment = \(bind: room.equipment),
                    sip_address = \(bind: blank(room.sipAddress)), metronet_line = \(bind: blank(room.metronetLine)),
                    technician_name = \(bind: blank(room.technicianName)), technician_phone = \(bind: blank(room.technicianPhone)),
                    technician_email = \(bind: blank(room.technicianEmail))
                WHERE id = \(bind: room.id)
                """
            ).run()
            try await AuditLog(database: database).append(
                AuditEvent("meeting_room.update", "meeting_room", String(room.id), room.name),
                by: principal, at: now, in: session)
        }
        return try await self.room(room.id)
    }

    public func room(_ id: Int) async throws -> MeetingRoom {
        guard let row = try await database.sql.raw("SELECT * FROM meeting_rooms WHERE id = \(bind: id)").first() else {
            throw NotFoundError("meeting_room", String(id))
        }
        return try Self.room(row)
    }

    static func room(_ row: any SQLRow) throws -> MeetingRoom {
        MeetingRoom(
            id: try row.decode(column: "id", as: Int.self), unitCode: try row.decode(column: "unit_code", as: String?.self),
            agencyId: try row.decode(column: "agency_id", as: String.self), name: try row.decode(column: "name", as: String.self),
            capacity: try row.decode(column: "capacity", as: Int.self), equipment: try row.decode(column: "equipment", as: String.self),
            sipAddress: try row.decode(column: "sip_address", as: String?.self),
            metronetLine: try row.decode(column: "metronet_line", as: String?.self),
            technicianName: try row.decode(column: "technician_name", as: String?.self),
            technicianPhone: try row.decode(column: "technician_phone", as: String?.self),
            technicianEmail: try row.decode(column: "technician_email", as: String?.self))
    }
}
