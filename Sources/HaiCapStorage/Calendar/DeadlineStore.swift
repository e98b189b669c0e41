import Foundation
import HaiCapDomain
import SQLKit

/// Every case's deadline, kept as facts (start, duration, pauses, extensions) with the due
/// instant cached for queues. Dossiers, documents, feedback and tickets all open theirs here.
public struct DeadlineStore: Sendable {
    let database: Database
    let calendars: CalendarStore

    public init(database: Database, calendars: CalendarStore) {
        self.database = database
        self.calendars = calendars
    }

    static var encoder: JSONEncoder { StoredJSON.encoder }
    static var decoder: JSONDecoder { StoredJSON.decoder }

    /// Records (or replaces) the clock of a case and returns its due instant.
    @discardableResult
    public func save(
        _ clock: DeadlineClock, of ref: CaseRef, agencyId: String?, closed: Bool = false,
        now: Date, in session: (any SQLDatabase)? = nil
    ) async throws -> Date {
        let calendar = try await calendars.calendar(agencyId: agencyId)
        return try await save(clock, of: ref, agencyId: agencyId, closed: closed, calendar: calendar, now: now, in: session ?? database.sql)
    }

    /// The same, with the calendar already in hand: inside a transaction nothing else may touch
    /// the database (SQLite has one connection, and the transaction holds it).
    @discardableResult
    public func save(
        _ clock: DeadlineClock, of ref: CaseRef, agencyId: String?, closed: Bool = false,
        calendar: WorkCalendar, now: Date, row: ClockRow = .unknown, in session: any SQLDatabase
    ) async throws -> Date {
        let due = clock.due(in: calendar, now: now)
        let facts = String(decoding: try Self.encoder.encode(clock), as: UTF8.self)
        let sql = session
        if row == .exists {
            // The case's clock row is known to exist (the ledger read it): one update, not a delete and an insert.
            try await sql.raw(
                """
                UPDATE deadlines SET agency_id = \(bind: agencyId), facts = \(bind: facts), due_at = \(bind: due.millis), closed = \(bind: closed ? 1 : 0)
                WHERE case_type = \(bind: ref.kind.name) AND case_id = \(bind: ref.id)
                """
            ).run()
            return due
        }
        if row == .unknown {
            try await sql.raw("DELETE FROM deadlines WHERE case_type = \(bind: ref.kind.name) AND case_id = \(bind: ref.id)").run()
        }
        try await sql.raw(
            """
            INSERT INTO deadlines (case_type, case_id, agency_id, facts, due_at, closed)
            VALUES (\(bind: ref.kind.name), \(bind: ref.id), \(bind: agencyId), \(bind: facts), \(bind: due.millis), \(bind: closed ? 1 : 0))
            """
        ).run()
        return due
    }

    /// What the caller knows of a case's clock row before saving it.
    public enum ClockRow: Sendable {
        /// Read in this transaction: updated in place.
        case exists
        /// Known not to be there (read as missing in this transaction, or the case is new): inserted.
        case absent
        /// Not read: whatever is there is replaced.
        case unknown
    }

    public func clock(of ref: CaseRef, in session: (any SQLDatabase)? = nil) async throws -> DeadlineClock? {
        guard
            let row = try await (session ?? database.sql).raw(
                "SELECT facts FROM deadlines WHERE case_type = \(bind: ref.kind.name) AND case_id = \(bind: ref.id)"
            ).first()
        else { return nil }
        return try Self.decoder.decode(DeadlineClock.self, from: Data(try row.decode(column: "facts", as: String.self).utf8))
    }

    public func cachedDue(of ref: CaseRef) async throws -> Date? {
        let row = try await database.sql.raw("SELECT due_at FROM deadlines WHERE case_type = \(bind: ref.kind.name) AND case_id = \(bind: ref.id)")
            .first()
        return try row.map { Date(millis: try $0.decode(column: "due_at", as: Int64.self)) }
    }

    /// Recomputes every open deadline from its facts; returns how many due instants moved.
    public func recomputeOpen(now: Date) async throws -> Int {
        var changed = 0
        var lastId = 0
        while true {
            let rows = try await database.sql.raw(
                """
                SELECT id, case_type, case_id, agency_id, facts, due_at FROM deadlines WHERE closed = 0 AND id > \(bind: lastId) ORDER BY id LIMIT 1000
                """
            ).all()
            if rows.isEmpty { break }
            for row in rows {
                lastId = try row.decode(column: "id", as: Int.self)
                let clock = try Self.decoder.decode(DeadlineClock.self, from: Data(try row.decode(column: "facts", as: String.self).utf8))
                let calendar = try await calendars.calendar(agencyId: try row.decode(column: "agency_id", as: String?.self))
                let due = clock.due(in: calendar, now: now).millis
                if due != (try row.decode(column: "due_at", as: Int64.self)) {
                    try await database.sql.raw("UPDATE deadlines SET due_at = \(bind: due) WHERE id = \(bind: lastId)").run()
                    // Case tables keep a copy of the due instant for their queues.
                    if let kind = CaseKind.named(try row.decode(column: "case_type", as: String.self)), let table = CaseTable.of(kind) {
                        try await Self.mirror(
                            due: due, of: CaseRef(kind, try row.decode(column: "case_id", as: String.self)), in: table,
                            session: database.sql)
                    }
                    changed += 1
                }
            }
        }
        return changed
    }

    /// Writes a due instant into the case's own row, with the key bound as its column's type.
    static func mirror(due: Int64, of ref: CaseRef, in table: CaseTable, session: any SQLDatabase) async throws {
        let key: SQLQueryString = if let number = ref.number { "\(bind: number)" } else { "\(bind: ref.id)" }
        try await session.raw("UPDATE \(unsafeRaw: table.table) SET due_at = \(bind: due) WHERE \(unsafeRaw: table.key) = \(key)").run()
    }
}
