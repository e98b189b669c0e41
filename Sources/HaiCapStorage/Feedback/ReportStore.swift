import Foundation
import HaiCapDomain
import SQLKit

/// 1022 reports: reading, queues, nearby reports, photos. Intake and actions have their own files.
public struct ReportStore: Sendable {
    let database: Database
    let catalogue: FeedbackCatalogue
    let geography: GeographyStore
    let places: PlaceFinder
    let calendars: CalendarStore
    let deadlines: DeadlineStore
    let agencies: AgencyStore
    let accounts: AccountStore
    let audit: AuditLog
    let timeline: Timeline
    let reference: ReferenceData
    /// How long after an answer the reporter may reopen the report.
    public let reopenDays: Int

    public init(
        database: Database, catalogue: FeedbackCatalogue, geography: GeographyStore, places: PlaceFinder,
        calendars: CalendarStore, deadlines: DeadlineStore, agencies: AgencyStore, accounts: AccountStore, audit: AuditLog,
        timeline: Timeline, reference: ReferenceData, reopenDays: Int
    ) {
        self.database = database
        self.catalogue = catalogue
        self.geography = geography
        self.places = places
        self.calendars = calendars
        self.deadlines = deadlines
        self.agencies = agencies
        self.accounts = accounts
        self.audit = audit
        self.timeline = timeline
        self.reference = reference
        self.reopenDays = reopenDays
    }

    var ledger: CaseLedger { CaseLedger(database: database, deadlines: deadlines, timeline: timeline, audit: audit) }

    /// The columns public lists need: everything but the reporter, the extra answers and the
    /// search text. Open311 lists read these only and skip decoding two JSON documents per row.
    static let publicColumns = """
        id, category_code, category_name, description, lat, lon, address, unit_code, unit_name, agency_id, agency_name,
        agency_unit_code, assignee_id, assignee_name, status, channel, media_url, token_hash, duplicate_of, followers, received_at,
        forward_due_at, forwarded_at, due_at, answered_at, closed_at, updated_at, answer, answered_on_time, rating, reopen_count,
        boundary_approximate, photo_count
        """

    static func decode(_ row: any SQLRow) throws -> Report { try decode(row, publicOnly: false) }

    static func decode(_ row: any SQLRow, publicOnly: Bool) throws -> Report {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: Int64?.self).map(Date.init(millis:)) }
        let lat = try row.decode(column: "lat", as: Double?.self), lon = try row.decode(column: "lon", as: Double?.self)
        return Report(
            id: try row.decode(column: "id", as: Int.self),
            categoryCode: try row.decode(column: "category_code", as: String.self),
            categoryName: try row.decode(column: "category_name", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            point: lat.flatMap { lat in lon.map { GeoPoint(lat: lat, lon: $0) } },
            address: try row.decode(column: "address", as: String?.self),
            unitCode: try row.decode(column: "unit_code", as: String?.self),
            unitName: try row.decode(column: "unit_name", as: String?.self),
            agencyId: try row.decode(column: "agency_id", as: String.self),
            agencyName: try row.decode(column: "agency_name", as: String.self),
            agencyUnitCode: try row.decode(column: "agency_unit_code", as: String?.self),
            assigneeId: try row.decode(column: "assignee_id", as: Int?.self),
            assigneeName: try row.decode(column: "assignee_name", as: String?.self),
            status: ReportStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .new,
            channel: ReportChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .web,
            reporter: publicOnly
                ? Reporter(anonymous: true)
                : try StoredJSON.decoder.decode(Reporter.self, from: Data(try row.decode(column: "reporter", as: String.self).utf8)),
            attributes: publicOnly
                ? [:]
                : try StoredJSON.decoder.decode([String: [String]].self, from: Data(try row.decode(column: "attributes", as: String.self).utf8)),
            mediaURL: try row.decode(column: "media_url", as: String?.self),
            tokenHash: try row.decode(column: "token_hash", as: String.self),
            duplicateOf: try row.decode(column: "duplicate_of", as: Int?.self),
            followers: try row.decode(column: "followers", as: Int.self),
            receivedAt: try date("received_at")!, forwardDue: try date("forward_due_at")!, forwardedAt: try date("forwarded_at"),
            due: try date("due_at")!, answeredAt: try date("answered_at"), closedAt: try date("closed_at"),
            updatedAt: try date("updated_at")!, answer: try row.decode(column: "answer", as: String?.self),
            answeredOnTime: try row.decode(column: "answered_on_time", as: Int?.self).map { $0 == 1 },
            rating: try row.decode(column: "rating", as: Int?.self),
            reopenCount: try row.decode(column: "reopen_count", as: Int.self),
            boundaryApproximate: try row.decode(column: "boundary_approximate", as: Int.self) == 1,
            photoCount: try row.decode(column: "photo_count", as: Int.self))
    }

    public func get(_ id: Int, in session: (any SQLDatabase)? = nil, forUpdate: Bool = false) async throws -> Report {
        let lock = forUpdate && database.kind == .postgres ? " FOR UPDATE" : ""
        guard let row = try await (session ?? database.sql).raw("SELECT * FROM feedback_reports WHERE id = \(bind: id)\(unsafeRaw: lock)").first()
        else {
            throw NotFoundError("report", String(id))
        }
        return try Self.decode(row)
    }

    /// The report by its Open311 token (the reporter's proof).
    public func byToken(_ token: String) async throws -> Report {
        guard token.count <= 100,
            let row = try await database.sql.raw(
                "SELECT * FROM feedback_reports WHERE token_hash = \(bind: SecretDigest.of(token))"
            ).first()
        else {
            throw NotFoundError("token", String(token.prefix(100)))
        }
        return try Self.decode(row)
    }

    /// Operators and administrators reach every report; others their agency's (ward officials
    /// also every agency of their ward).
    public static func reaches(_ principal: Principal, _ report: Report) -> Bool { Policy.reaches(principal, scope(of: report)) }

    /// Where the report sits for `Policy`: the agency holding it (which is also the one it was
    /// handed to) and that agency's ward.
    public static func scope(of report: Report) -> CaseScope {
        CaseScope(
            agencyId: report.agencyId, unitCode: report.agencyUnitCode, handedTo: report.agencyId,
            wholeCity: CaseTable.reports.wholeCity)
    }

    public func visible(_ id: Int, to principal: Principal) async throws -> Report {
        let report = try await get(id)
        guard Self.reaches(principal, report) else { throw AccessError.forbidden }
        return report
    }

    public func events(of id: Int, publicOnly: Bool) async throws -> [TimelineEvent] {
        try await timeline.events(of: CaseRef(.feedback, id), publicOnly: publicOnly)
    }

    // MARK: Queues

    public enum Queue: String, Sendable, CaseIterable {
        case active, new, inProgress = "in-progress", waiting, overdue, answered, closed, all

        public var label: String {
            switch self {
            case .active: "Đang mở"
            case .new: "Mới"
            case .inProgress: "Đang xử lý"
            case .waiting: "Chờ bổ sung"
            case .overdue: "Quá hạn"
            case .answered: "Đã trả lời"
            case .closed: "Đã đóng"
            case .all: "Tất cả"
            }
        }
    }

    public struct ListQuery: Sendable {
        public var queue: Queue = .active
        public var agencyId: String?
        public var unitCode: String?
        public var categoryCode: String?
        public var text: String?
        public var limit = 50
        public var offset = 0
        public init() {}
    }

    /// How many reports each queue holds for the principal, in one read (the tabs of the staff page).
    public func queueCounts(for principal: Principal, now: Date) async throws -> [Queue: Int] {
        let rows = try await database.sql.raw(
            """
            SELECT status, COUNT(*) AS n, SUM(CASE WHEN \(CaseSQL.overdue(at: now)) THEN 1 ELSE 0 END) AS late
            FROM feedback_reports WHERE \(CaseSQL.scope(principal, in: .reports)) GROUP BY status
            """
        ).all()
        var byStatus: [ReportStatus: Int] = [:]
        var counts: [Queue: Int] = [.overdue: 0]
        for row in rows {
            guard let status = ReportStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            byStatus[status] = try row.decode(column: "n", as: Int.self)
            counts[.overdue, default: 0] += try row.decode(column: "late", as: Int?.self) ?? 0
        }
        counts[.new] = byStatus[.new] ?? 0
        counts[.inProgress] = byStatus[.inProgress] ?? 0
        counts[.waiting] = byStatus[.waitingForInformation] ?? 0
        counts[.answered] = byStatus[.answered] ?? 0
        counts[.closed] = byStatus[.closed] ?? 0
        counts[.active] = ReportStatus.allCases.filter(\.isOpen).reduce(0) { $0 + (byStatus[$1] ?? 0) }
        counts[.all] = byStatus.values.reduce(0, +)
        return counts
    }

    /// A staff queue, most urgent first, within the principal's reach.
    public func list(_ query: ListQuery, for principal: Principal, now: Date) async throws -> (items: [Report], total: Int) {
        var conditions: [SQLQueryString] = []
        switch query.queue {
        case .active: conditions.append("open = 1")
        case .new: conditions.append("status = \(bind: ReportStatus.new.rawValue)")
        case .inProgress: conditions.append("status = \(bind: ReportStatus.inProgress.rawValue)")
        case .waiting: conditions.append("status = \(bind: ReportStatus.waitingForInformation.rawValue)")
        case .overdue:
            conditions.append(CaseSQL.overdue(at: now))
        case .answered: conditions.append("status = \(bind: ReportStatus.answered.rawValue)")
        case .closed: conditions.append("status = \(bind: ReportStatus.closed.rawValue)")
        case .all: break
        }
        conditions.append(CaseSQL.scope(principal, in: .reports))
        if let agency = query.agencyId { conditions.append("agency_id = \(bind: agency)") }
        if let unit = query.unitCode { conditions.append("unit_code = \(bind: unit)") }
        if let category = query.categoryCode { conditions.append("category_code = \(bind: category)") }
        if let text = query.text.map(VietnameseText.fold), !text.isEmpty {
            if let id = Int(text) {
                conditions.append("id = \(bind: id)")
            } else {
                conditions.append("search_text LIKE \(bind: "%" + text.replacingOccurrences(of: "%", with: "") + "%")")
            }
        }
        var whereClause: SQLQueryString = "1 = 1"
        for condition in conditions { whereClause = "\(whereClause) AND \(condition)" }
        let total = try await database.sql.raw("SELECT COUNT(*) AS n FROM feedback_reports WHERE \(whereClause)").first()!
            .decode(column: "n", as: Int.self)
        let order = query.queue == .answered || query.queue == .closed || query.queue == .all ? "received_at DESC, id DESC" : "due_at, id"
        let rows = try await database.sql.raw(
            """
            SELECT * FROM feedback_reports WHERE \(whereClause) ORDER BY \(unsafeRaw: order)
            LIMIT \(literal: max(1, min(500, query.limit))) OFFSET \(literal: max(0, query.offset))
            """
        ).all()
        return (try rows.map(Self.decode), total)
    }

    /// Open reports of a category near a point, nearest first: what a citizen sees before
    /// submitting, to follow one instead of sending the same thing again.
    public func nearby(category: String, point: GeoPoint, radiusMetres: Int, limit: Int = 10) async throws -> [(report: Report, metres: Double)] {
        guard radiusMetres > 0 else { return [] }
        let box = BoundingBox(around: point).expanded(byMetres: Double(radiusMetres))
        let rows = try await database.sql.raw(
            """
            SELECT * FROM feedback_reports WHERE category_code = \(bind: category) AND open = 1
            AND lat BETWEEN \(bind: box.minLat) AND \(bind: box.maxLat) AND lon BETWEEN \(bind: box.minLon) AND \(bind: box.maxLon)
            AND duplicate_of IS NULL LIMIT 500
            """
        ).all()
        return try rows.map(Self.decode)
            .compactMap { report in report.point.map { (report, $0.distanceMetres(to: point)) } }
            .filter { $0.1 <= Double(radiusMetres) }
            .sorted { $0.1 < $1.1 }
            .prefix(limit)
            .map { (report: $0.0, metres: $0.1) }
    }

    /// The public map: every open report (most urgent first, so the overdue ones are never the
    /// ones left out) and those answered in the last `days` days, with a place.
    public func forMap(
        days: Int = 30, now: Date, unitCode: String? = nil, categoryCode: String? = nil,
        openLimit: Int = 3000, answeredLimit: Int = 1000
    ) async throws -> [Report] {
        let since = now.addingTimeInterval(-Double(days) * 86_400).millis
        var filter: SQLQueryString = "lat IS NOT NULL AND duplicate_of IS NULL"
        if let unitCode { filter = "\(filter) AND unit_code = \(bind: unitCode)" }
        if let categoryCode { filter = "\(filter) AND category_code = \(bind: categoryCode)" }
        let open = try await database.sql.raw(
            """
            SELECT * FROM feedback_reports WHERE \(filter) AND open = 1 ORDER BY due_at LIMIT \(literal: openLimit)
            """
        ).all()
        let answered = try await database.sql.raw(
            """
            SELECT * FROM feedback_reports WHERE \(filter) AND open = 0 AND answered_at >= \(bind: since)
            ORDER BY answered_at DESC LIMIT \(literal: answeredLimit)
            """
        ).all()
        return try (open + answered).map(Self.decode)
    }

    // MARK: Photos

    public struct StoredPhoto: Sendable {
        public let id: Int
        public let reportId: Int
        public let kind: String
        public let name: String
        public let contentType: String
        public let data: Data
    }

    public func photoIds(of id: Int) async throws -> [(id: Int, kind: String)] {
        try await database.sql.raw("SELECT id, kind FROM feedback_photos WHERE report_id = \(bind: id) ORDER BY id").all().map {
            (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "kind", as: String.self))
        }
    }

    /// The `position`-th photo (1-based, in upload order) of a report, the report's own and the answer's.
    public func photo(at position: Int, of reportId: Int) async throws -> StoredPhoto {
        guard position >= 1,
            let row = try await database.sql.raw(
                """
                SELECT id, report_id, kind, name, content_type, data FROM feedback_photos WHERE report_id = \(bind: reportId)
                ORDER BY id LIMIT 1 OFFSET \(literal: position - 1)
                """
            ).first()
        else { throw NotFoundError("photo", String(position)) }
        return StoredPhoto(
            id: try row.decode(column: "id", as: Int.self), reportId: reportId, kind: try row.decode(column: "kind", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            contentType: try row.decode(column: "content_type", as: String.self),
            data: try row.decode(column: "data", as: Data.self))
    }

    func storePhotos(_ photos: [ReportPhoto], kind: String, reportId: Int, at now: Date, in session: any SQLDatabase) async throws {
        for photo in photos {
            try await session.raw(
                """
                INSERT INTO feedback_photos (report_id, kind, name, content_type, size, sha256, data, created_at)
                VALUES (\(bind: reportId), \(bind: kind), \(bind: String(photo.name.prefix(200))), \(bind: photo.contentType),
                        \(bind: photo.data.count), \(bind: SecretDigest.of(data: photo.data)), \(bind: photo.data), \(bind: now.millis))
                """
            ).run()
        }
        if !photos.isEmpty {
            try await session.raw("UPDATE feedback_reports SET photo_count = photo_count + \(bind: photos.count) WHERE id = \(bind: reportId)").run()
        }
    }
}
