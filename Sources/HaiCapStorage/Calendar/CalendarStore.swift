import Foundation
import HaiCapDomain
import SQLKit
import Synchronization

/// The one working-time calendar of the platform: announcements and office hours from the
/// database, built into `WorkCalendar`s once and rebuilt when an administrator changes them.
public final class CalendarStore: Sendable {
    let database: Database
    let audit: AuditLog
    private let cache = Mutex<Cache>(Cache())

    private struct Cache {
        var announcements: [YearAnnouncement]?
        var byHours: [WorkingHours: WorkCalendar] = [:]
        var agencyHours: [String: WorkingHours?] = [:]
    }

    public init(database: Database) {
        self.database = database
        self.audit = AuditLog(database: database)
    }

    /// Loads the shipped announcement files into an empty table.
    public func seedIfEmpty(at now: Date) async throws {
        let count = try await database.sql.raw("SELECT COUNT(*) AS n FROM calendar_announcements").first()?.decode(column: "n", as: Int.self) ?? 0
        guard count == 0 else { return }
        let announcements = try AnnouncementFiles.load()
        try await database.transaction { session in
            for announcement in announcements {
                try await session.raw(
                    """
                    INSERT INTO calendar_announcements (year, body, updated_at, updated_by)
                    VALUES (\(bind: announcement.year), \(bind: try AnnouncementFiles.encode(announcement)), \(bind: now.millis), 'seed')
                    """
                ).run()
            }
        }
    }

    public func announcements() async throws -> [YearAnnouncement] {
        if let cached = cache.withLock({ $0.announcements }) { return cached }
        let rows = try await database.sql.raw("SELECT body FROM calendar_announcements ORDER BY year").all()
        let list = try rows.map { try AnnouncementFiles.decode(try $0.decode(column: "body", as: String.self)) }
        cache.withLock { $0.announcements = list }
        return list
    }

    public func announcement(year: Int) async throws -> YearAnnouncement? {
        try await announcements().first { $0.year == year }
    }

    /// The calendar for an agency (its own office hours if it has any, else the standard ones).
    public func calendar(agencyId: String? = nil) async throws -> WorkCalendar {
        let hours = try await hours(agencyId: agencyId) ?? .standard
        if let cached = cache.withLock({ $0.byHours[hours] }) { return cached }
        let built = WorkCalendar(hours: hours, announcements: try await announcements())
        cache.withLock { $0.byHours[hours] = built }
        return built
    }

    public func hours(agencyId: String?) async throws -> WorkingHours? {
        guard let agencyId else { return nil }
        if let cached = cache.withLock({ $0.agencyHours[agencyId] }) { return cached }
        guard let row = try await database.sql.raw("SELECT working_hours FROM agencies WHERE id = \(bind: agencyId)").first() else {
            throw NotFoundError("agency", agencyId)
        }
        let hours = try row.decode(column: "working_hours", as: String?.self).flatMap {
            try? JSONDecoder().decode(WorkingHours.self, from: Data($0.utf8))
        }
        cache.withLock { $0.agencyHours[agencyId] = hours }
        return hours
    }

    /// Saves one year's announcement, then recomputes every open deadline against the new
    /// calendar. Returns how many due dates changed.
    @discardableResult
    public func save(_ announcement: YearAnnouncement, by actor: Principal?, at now: Date) async throws -> Int {
        let problems = announcement.validationErrors()
        if !problems.isEmpty { throw ValidationError(problems.map { FieldProblem(field: "announcement", message: $0) }) }
        let body = try AnnouncementFiles.encode(announcement)
        try await database.transaction { session in
            try await session.raw("DELETE FROM calendar_announcements WHERE year = \(bind: announcement.year)").run()
            try await session.raw(
                """
                INSERT INTO calendar_announcements (year, body, updated_at, updated_by)
                VALUES (\(bind: announcement.year), \(bind: body), \(bind: now.millis), \(bind: actor?.username ?? "system"))
                """
            ).run()
            try await self.audit.append(
                AuditEvent("calendar.announcement", "year", String(announcement.year), announcement.source),
                by: actor, at: now, in: session)
        }
        invalidate()
        return try await DeadlineStore(database: database, calendars: self).recomputeOpen(now: now)
    }

    /// Sets (or clears, with nil) an agency's own office hours.
    @discardableResult
    public func setHours(_ hours: WorkingHours?, agencyId: String, by actor: Principal?, at now: Date) async throws -> Int {
        let body = try hours.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await database.transaction { session in
            try await session.update("agencies").set("working_hours", to: body).where("id", .equal, agencyId).run()
            try await self.audit.append(
                AuditEvent("calendar.hours", "agency", agencyId, body ?? "giờ làm việc chuẩn"), by: actor, at: now, in: session)
        }
        invalidate()
        return try await DeadlineStore(database: database, calendars: self).recomputeOpen(now: now)
    }

    func invalidate() { cache.withLock { $0 = Cache() } }
}

/// The announcement files shipped in `Resources/seed/calendar`, and the JSON form kept in the database.
enum AnnouncementFiles {
    static func load() throws -> [YearAnnouncement] {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("seed/calendar") else { return [] }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { name in
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            do { return try JSONDecoder().decode(YearAnnouncement.self, from: data) } catch {
                throw ReferenceFiles.LoadError(file: name, message: "\(error)")
            }
        }
    }

    static func encode(_ announcement: YearAnnouncement) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(announcement), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> YearAnnouncement {
        try JSONDecoder().decode(YearAnnouncement.self, from: Data(text.utf8))
    }
}
