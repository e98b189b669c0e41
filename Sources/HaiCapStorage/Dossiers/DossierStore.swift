import Foundation
import HaiCapDomain
import SQLKit

/// Dossiers: reading, queues, citizen lookup. Intake and actions live in their own files.
public struct DossierStore: Sendable {
    let database: Database
    let procedures: ProcedureStore
    let calendars: CalendarStore
    let deadlines: DeadlineStore
    let audit: AuditLog
    let timeline: Timeline
    let agencies: AgencyStore

    public init(
        database: Database, procedures: ProcedureStore, calendars: CalendarStore, deadlines: DeadlineStore,
        audit: AuditLog, timeline: Timeline, agencies: AgencyStore
    ) {
        self.database = database
        self.procedures = procedures
        self.calendars = calendars
        self.deadlines = deadlines
        self.audit = audit
        self.timeline = timeline
        self.agencies = agencies
    }

    var ledger: CaseLedger { CaseLedger(database: database, deadlines: deadlines, timeline: timeline, audit: audit) }

    static var encoder: JSONEncoder { StoredJSON.encoder }
    static var decoder: JSONDecoder { StoredJSON.decoder }

    static func decode(_ row: any SQLRow) throws -> Dossier {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: Int64?.self).map(Date.init(millis:)) }
        let details = try decoder.decode(DossierDetails.self, from: Data(try row.decode(column: "details", as: String.self).utf8))
        return Dossier(
            code: try row.decode(column: "code", as: String.self),
            procedureCode: try row.decode(column: "procedure_code", as: String.self),
            procedureVersion: try row.decode(column: "procedure_version", as: Int.self),
            procedureName: try row.decode(column: "procedure_name", as: String.self),
            receivingAgencyId: try row.decode(column: "receiving_agency_id", as: String.self),
            handlingAgencyId: try row.decode(column: "handling_agency_id", as: String.self),
            unitCode: try row.decode(column: "unit_code", as: String?.self),
            channel: Channel(rawValue: try row.decode(column: "channel", as: Int.self)) ?? .direct,
            status: DossierStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .submitted,
            resumeStatus: try row.decode(column: "resume_status", as: String?.self).flatMap(DossierStatus.init(rawValue:)),
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(DossierOutcome.init(rawValue:)),
            submittedAt: Date(millis: try row.decode(column: "submitted_at", as: Int64.self)),
            receivedAt: try date("received_at"), due: try date("due_at"), finishedAt: try date("finished_at"),
            returnedAt: try date("returned_at"),
            assigneeId: try row.decode(column: "assignee_id", as: Int?.self),
            assigneeName: try row.decode(column: "assignee_name", as: String?.self),
            apologies: try row.decode(column: "apologies", as: Int.self),
            fee: try row.decode(column: "fee", as: Int.self),
            fullOnline: try row.decode(column: "full_online", as: Int.self) == 1,
            digitised: try row.decode(column: "digitised", as: Int.self) == 1,
            electronicResult: try row.decode(column: "electronic_result", as: Int.self) == 1,
            rating: try row.decode(column: "rating", as: Int?.self),
            details: details)
    }

    /// One dossier, or not found.
    public func get(_ code: String, in session: (any SQLDatabase)? = nil, forUpdate: Bool = false) async throws -> Dossier {
        let lock = forUpdate && database.kind == .postgres ? " FOR UPDATE" : ""
        guard let row = try await (session ?? database.sql).raw("SELECT * FROM dossiers WHERE code = \(bind: code)\(unsafeRaw: lock)").first() else {
            throw NotFoundError("dossier", code)
        }
        return try Self.decode(row)
    }

    /// A dossier the principal may see: ward officials only their ward's (and those handed to them).
    public func visible(_ code: String, to principal: Principal) async throws -> Dossier {
        let dossier = try await get(code)
        guard Self.reaches(principal, dossier) else { throw AccessError.forbidden }
        return dossier
    }

    static func reaches(_ principal: Principal, _ dossier: Dossier) -> Bool { Policy.reaches(principal, scope(of: dossier)) }

    /// Where the dossier sits for `Policy`: its ward, and the agency it was handed to.
    public static func scope(of dossier: Dossier) -> CaseScope {
        CaseScope(
            agencyId: nil, unitCode: dossier.unitCode, handedTo: dossier.details.consultedAgencyId,
            wholeCity: CaseTable.dossiers.wholeCity)
    }

    /// Tra cứu hồ sơ: the code plus either the receipt's secret or the phone's last four digits.
    /// Any mismatch is answered exactly like an unknown code, so a guess learns nothing.
    /// The dossier behind a receipt: its code and the receipt's secret, or — where `allowPhone` —
    /// the last four digits of the applicant's phone. A wrong answer and an unknown code are alike.
    public func lookup(code: String, secret: String, allowPhone: Bool = true) async throws -> Dossier {
        guard code.count <= 40, let row = try await database.sql.raw("SELECT * FROM dossiers WHERE code = \(bind: code)").first() else {
            throw NotFoundError("dossier", String(code.prefix(40)))
        }
        let dossier = try Self.decode(row)
        try Self.checkSecret(
            secret, phone: dossier.details.applicant.phone, digest: try row.decode(column: "secret_digest", as: String.self),
            code: code, allowPhone: allowPhone)
        return dossier
    }

    static func checkSecret(_ secret: String, phone: String, digest: String, code: String, allowPhone: Bool) throws(NotFoundError) {
        let trimmed = secret.trimmingCharacters(in: .whitespaces).uppercased()
        let phoneMatch = allowPhone && phone.count >= 4 && trimmed.count == 4 && trimmed.allSatisfy(\.isNumber) && phone.hasSuffix(trimmed)
        guard phoneMatch || (trimmed.count <= 64 && Secrets.constantTimeEqual(SecretDigest.of(trimmed), digest)) else {
            throw NotFoundError("dossier", code)
        }
    }

    /// The lookup as served: the public view stored at the last transition, with `overdue` as of
    /// `now`, read from one row (the citizens' busiest query; `bench/lookup.sh` measures it).
    public func servedPublicView(code: String, secret: String, allowPhone: Bool = true, now: Date) async throws -> String {
        guard code.count <= 40,
            let row = try await database.sql.raw(
                """
                SELECT public_view, phone, secret_digest, status, due_at, finished_at FROM dossiers WHERE code = \(bind: code)
                """
            ).first()
        else { throw NotFoundError("dossier", String(code.prefix(40))) }
        try Self.checkSecret(
            secret, phone: try row.decode(column: "phone", as: String.self),
            digest: try row.decode(column: "secret_digest", as: String.self), code: code, allowPhone: allowPhone)
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: Int64?.self).map(Date.init(millis:)) }
        let overdue = Dossier.isOverdue(
            status: DossierStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .submitted,
            due: try date("due_at"), finishedAt: try date("finished_at"), at: now)
        // Rows written before migration 6 have no stored view yet: render it as a transition would.
        if let stored = try row.decode(column: "public_view", as: String?.self) {
            return PublicDossierView.serving(stored, overdue: overdue)
        }
        return PublicDossierView.serving(try await renderPublicView(try await get(code), in: database.sql), overdue: overdue)
    }

    // MARK: queues

    public enum Queue: String, Sendable, CaseIterable {
        case all, toReceive = "tiep-nhan", toReview = "tham-dinh", toApprove = "phe-duyet", toSign = "ky-so",
            dueToday = "den-han", overdue = "qua-han", waiting = "cho-cong-dan", liaison = "lien-thong",
            toReturn = "tra-ket-qua", closed = "da-dong"

        public var label: String {
            switch self {
            case .all: "Tất cả"
            case .toReceive: "Chờ tiếp nhận"
            case .toReview: "Chờ thẩm định"
            case .toApprove: "Chờ phê duyệt"
            case .toSign: "Chờ ký số"
            case .dueToday: "Đến hạn hôm nay"
            case .overdue: "Quá hạn"
            case .waiting: "Chờ công dân"
            case .liaison: "Liên thông, chuyển sở"
            case .toReturn: "Chờ trả kết quả"
            case .closed: "Đã kết thúc"
            }
        }

        var statuses: [DossierStatus]? {
            switch self {
            case .all, .dueToday, .overdue: nil
            case .toReceive: [.submitted]
            case .toReview: [.received, .inReview]
            case .toApprove: [.awaitingApproval]
            case .toSign: [.awaitingSignature]
            case .waiting: [.completionRequested, .supplementRequested, .paymentRequested]
            case .liaison: [.consulting, .transferred]
            case .toReturn: [.readyToReturn]
            case .closed: [.refused, .withdrawn, .stopped, .returned]
            }
        }
    }

    public struct Query: Sendable {
        public var queue: Queue = .all
        public var unitCode: String?
        public var procedureCode: String?
        public var status: DossierStatus?
        public var assigneeId: Int?
        public var search: String?
        public var from: LocalDate?
        public var to: LocalDate?
        public var limit = 50
        public var offset = 0
        public init() {}
    }

    public struct Page: Sendable {
        public var items: [Dossier]
        public var total: Int
    }

    /// Dossiers in the principal's scope, soonest due first (then newest).
    public func list(_ query: Query, for principal: Principal, now: Date) async throws -> Page {
        var conditions: [SQLQueryString] = []
        conditions.append(CaseSQL.scope(principal, in: .dossiers))
        if let unit = query.unitCode { conditions.append("unit_code = \(bind: unit)") }
        if let procedure = query.procedureCode { conditions.append("procedure_code = \(bind: procedure)") }
        if let status = query.status { conditions.append("status = \(bind: status.rawValue)") }
        if let assignee = query.assigneeId { conditions.append("assignee_id = \(bind: assignee)") }
        if let from = query.from { conditions.append("day >= \(bind: Self.day(from))") }
        if let to = query.to { conditions.append("day <= \(bind: Self.day(to))") }
        if let statuses = query.queue.statuses {
            conditions.append("status IN (\(unsafeRaw: statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")))")
        }
        switch query.queue {
        case .overdue:
            conditions.append(CaseSQL.overdue(at: now))
        case .dueToday:
            let endOfDay = VietnamTime.date(VietnamTime.localDate(of: now), minutes: 24 * 60)
            conditions.append(CaseSQL.due(from: now, to: endOfDay))
        default: break
        }
        if let search = query.search.map(VietnameseText.fold), !search.isEmpty {
            conditions.append("search_text LIKE \(bind: "%\(search)%")")
        }
        var whereClause = SQLQueryString("")
        for (index, condition) in conditions.enumerated() {
            whereClause.appendInterpolation(unsafeRaw: index == 0 ? " WHERE " : " AND ")
            whereClause.appendInterpolation(condition)
        }
        let sql = database.sql
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM dossiers\(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
        // Work first: open dossiers by nearest due date; finished ones after, newest first.
        let order =
            query.queue == .closed
            ? "submitted_at DESC"
            : "open DESC, CASE WHEN open = 1 AND due_at IS NOT NULL THEN due_at END, submitted_at DESC"
        let rows = try await sql.raw(
            """
            SELECT * FROM dossiers\(whereClause) ORDER BY \(unsafeRaw: order) LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
            """
        ).all()
        return Page(items: try rows.map(Self.decode), total: total)
    }

    /// How many dossiers each queue holds for the principal (the badges on the queue tabs), in
    /// one grouped read: per status, with the overdue and due-today sums beside.
    public func queueCounts(for principal: Principal, now: Date) async throws -> [Queue: Int] {
        let endOfDay = VietnamTime.date(VietnamTime.localDate(of: now), minutes: 24 * 60)
        let rows = try await database.sql.raw(
            """
            SELECT status, COUNT(*) AS n,
                SUM(CASE WHEN \(CaseSQL.overdue(at: now)) THEN 1 ELSE 0 END) AS late,
                SUM(CASE WHEN \(CaseSQL.due(from: now, to: endOfDay)) THEN 1 ELSE 0 END) AS today
            FROM dossiers WHERE \(CaseSQL.scope(principal, in: .dossiers)) GROUP BY status
            """
        ).all()
        var byStatus: [DossierStatus: Int] = [:]
        var counts: [Queue: Int] = [.overdue: 0, .dueToday: 0]
        for row in rows {
            guard let status = DossierStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            byStatus[status] = try row.decode(column: "n", as: Int.self)
            counts[.overdue, default: 0] += try row.decode(column: "late", as: Int?.self) ?? 0
            counts[.dueToday, default: 0] += try row.decode(column: "today", as: Int?.self) ?? 0
        }
        for queue in Queue.allCases {
            guard let statuses = queue.statuses, queue != .closed else { continue }
            counts[queue] = statuses.reduce(0) { $0 + (byStatus[$1] ?? 0) }
        }
        return counts
    }

    static func day(_ date: LocalDate) -> Int { date.year * 10000 + date.month * 100 + date.day }
    static func day(of instant: Date) -> Int { day(VietnamTime.localDate(of: instant)) }

    // MARK: hand-overs and files

    public struct Handover: Sendable, Codable, Equatable {
        public var step: String
        public var fromName: String
        public var toName: String
        public var toAgencyId: String?
        public var at: Date
        public var stepDue: Date?
        public var finishedAt: Date?
        public var note: String

        /// On time when the step ended by its own deadline; nil while it is still running.
        public var onTime: Bool? {
            guard let finishedAt, let stepDue else { return nil }
            return finishedAt <= stepDue
        }
    }

    /// Phiếu kiểm soát quá trình giải quyết hồ sơ: every hand-over in order.
    public func handovers(_ code: String) async throws -> [Handover] {
        try await database.sql.raw("SELECT * FROM dossier_handovers WHERE dossier_code = \(bind: code) ORDER BY id").all().map { row in
            Handover(
                step: try row.decode(column: "step", as: String.self), fromName: try row.decode(column: "from_name", as: String.self),
                toName: try row.decode(column: "to_name", as: String.self), toAgencyId: try row.decode(column: "to_agency_id", as: String?.self),
                at: Date(millis: try row.decode(column: "at", as: Int64.self)),
                stepDue: try row.decode(column: "step_due", as: Int64?.self).map(Date.init(millis:)),
                finishedAt: try row.decode(column: "finished_at", as: Int64?.self).map(Date.init(millis:)),
                note: try row.decode(column: "note", as: String.self))
        }
    }

    public struct StoredFile: Sendable {
        public var id: Int
        public var name: String
        public var contentType: String
        public var data: Data
    }

    public func file(id: Int, dossierCode: String) async throws -> StoredFile {
        guard
            let row = try await database.sql.raw(
                """
                SELECT id, name, content_type, data FROM dossier_files WHERE id = \(bind: id) AND dossier_code = \(bind: dossierCode)
                """
            ).first()
        else { throw NotFoundError("file", String(id)) }
        return StoredFile(
            id: id, name: try row.decode(column: "name", as: String.self),
            contentType: try row.decode(column: "content_type", as: String.self),
            data: try row.decode(column: "data", as: Data.self))
    }

    func storeFile(_ file: IntakeRequest.File, kind: String, dossierCode: String, at now: Date, in session: any SQLDatabase) async throws -> Int {
        let digest = SecretDigest.of(data: file.data)
        let row = try await session.raw(
            """
            INSERT INTO dossier_files (dossier_code, kind, component_code, name, content_type, size, sha256, data, created_at)
            VALUES (\(bind: dossierCode), \(bind: kind), \(bind: file.componentCode), \(bind: file.name), \(bind: file.contentType),
                    \(bind: file.data.count), \(bind: digest), \(bind: file.data), \(bind: now.millis))
            RETURNING id
            """
        ).first()
        guard let id = try row?.decode(column: "id", as: Int.self) else { throw NotFoundError("file", file.name) }
        return id
    }
}
