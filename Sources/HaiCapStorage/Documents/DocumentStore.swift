import Foundation
import HaiCapDomain
import SQLKit

/// Official documents: reading, the queues, recipients. Registration, drafting and actions are in
/// `DocumentActions.swift`, the ledger's part in `DocumentTransition.swift`.
public struct DocumentStore: Sendable {
    let database: Database
    let agencies: AgencyStore
    let accounts: AccountStore
    let calendars: CalendarStore
    let deadlines: DeadlineStore
    let audit: AuditLog
    let timeline: Timeline
    /// Signs outgoing documents for their competent leaders (the built-in signer unless another
    /// — a hardware token, a remote signing service — is given).
    let signer: any DocumentSigner

    public init(
        database: Database, agencies: AgencyStore, accounts: AccountStore, calendars: CalendarStore, deadlines: DeadlineStore,
        audit: AuditLog, timeline: Timeline, signer: (any DocumentSigner)? = nil
    ) {
        self.signer = signer ?? BuiltInSigner(database: database)
        self.database = database
        self.agencies = agencies
        self.accounts = accounts
        self.calendars = calendars
        self.deadlines = deadlines
        self.audit = audit
        self.timeline = timeline
    }

    var ledger: CaseLedger { CaseLedger(database: database, deadlines: deadlines, timeline: timeline, audit: audit) }

    static func decode(_ row: any SQLRow) throws -> OfficialDocument {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: Int64?.self).map(Date.init(millis:)) }
        func day(_ column: String) throws -> LocalDate? { try row.decode(column: column, as: Int?.self).map(LocalDate.init(daysSinceEpoch:)) }
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        var document = OfficialDocument(
            id: try row.decode(column: "id", as: Int.self),
            direction: DocumentDirection(rawValue: try row.decode(column: "direction", as: String.self)) ?? .incoming,
            agencyId: try row.decode(column: "agency_id", as: String.self),
            agencyName: try row.decode(column: "agency_name", as: String.self),
            unitCode: try text("unit_code"),
            status: DocumentStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .registered,
            type: DocumentType(rawValue: try row.decode(column: "type", as: String.self)) ?? .congVan,
            subject: try row.decode(column: "subject", as: String.self),
            body: try text("body"), codeNumber: try text("code_number"), codeNotation: try text("code_notation"),
            issuedDate: try day("issued_day"), fromOrganId: try text("from_organ_id"), fromOrganName: try text("from_organ_name"),
            signerName: try text("signer_name"), signerPosition: try text("signer_position"),
            urgency: DocumentUrgency(rawValue: try row.decode(column: "urgency", as: String.self)) ?? .normal,
            secrecy: DocumentSecrecy(rawValue: try row.decode(column: "secrecy", as: String.self)) ?? .normal,
            pages: try row.decode(column: "pages", as: Int?.self), arrivalNumber: try row.decode(column: "arrival_number", as: Int?.self),
            arrivalAt: try date("arrival_at"),
            channel: DocumentChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .paper,
            requestedDue: try day("requested_due_day"), draftingUnit: try text("drafting_unit"),
            normative: try row.decode(column: "normative", as: Int.self) == 1,
            leadId: try row.decode(column: "lead_id", as: Int?.self), leadName: try text("lead_name"), support: try text("support"),
            instruction: try text("instruction"), due: try date("due_at"), sourceId: try row.decode(column: "source_id", as: Int?.self),
            replyToId: try row.decode(column: "reply_to_id", as: Int?.self), withdrawnReason: try text("withdrawn_reason"),
            createdById: try row.decode(column: "created_by_id", as: Int?.self), createdByName: try text("created_by_name"),
            createdAt: try date("created_at")!, updatedAt: try date("updated_at")!)
        document.supersedesId = try row.decode(column: "supersedes_id", as: Int?.self)
        document.supersession = try text("supersession").flatMap(DocumentSupersession.init(rawValue:))
        document.supersedeReason = try text("supersede_reason")
        document.successorId = try row.decode(column: "successor_id", as: Int?.self)
        return document
    }

    /// One document, whoever asks (internal use: the ledger, deliveries).
    public func get(_ id: Int, in session: (any SQLDatabase)? = nil, forUpdate: Bool = false) async throws -> OfficialDocument {
        let lock = forUpdate && database.kind == .postgres ? " FOR UPDATE" : ""
        guard let row = try await (session ?? database.sql).raw("SELECT * FROM documents WHERE id = \(bind: id)\(unsafeRaw: lock)").first() else {
            throw NotFoundError(CaseKind.document.name, String(id))
        }
        return try Self.decode(row)
    }

    /// One document for an official: outside the official's reach, or secret and not theirs, it
    /// does not exist for them (not found, so that its existence is not given away).
    public func get(_ id: Int, for principal: Principal) async throws -> OfficialDocument {
        let document = try await get(id)
        guard Self.sees(principal, document) else { throw NotFoundError(CaseKind.document.name, String(id)) }
        return document
    }

    public static func sees(_ principal: Principal, _ document: OfficialDocument) -> Bool {
        guard Policy.allows(principal, .handleDocuments), Policy.reaches(principal, document.scope) else { return false }
        return !document.secrecy.isSecret || Policy.seesSecret(principal, namedIn: document.namedPeople)
    }

    /// The queues of the document desk.
    public enum Queue: String, Sendable, CaseIterable {
        /// Arrived electronically, not yet registered.
        case toRegister = "cho-vao-so"
        /// Registered, waiting for the leader's direction.
        case toAssign = "cho-phan-cong"
        /// Assigned or in progress.
        case handling = "dang-xu-ly"
        /// Assigned to me and still open.
        case mine = "cua-toi"
        case overdue = "qua-han"
        /// Drafts and drafts in review.
        case drafts = "du-thao"
        /// Signed, waiting for a number.
        case toIssue = "cho-phat-hanh"
        case all = "tat-ca"

        public var label: String {
            switch self {
            case .toRegister: "Chờ vào sổ"
            case .toAssign: "Chờ phân công"
            case .handling: "Đang xử lý"
            case .mine: "Việc của tôi"
            case .overdue: "Quá hạn"
            case .drafts: "Dự thảo"
            case .toIssue: "Chờ phát hành"
            case .all: "Tất cả"
            }
        }
    }

    public struct ListQuery: Sendable {
        public var queue: Queue
        public var direction: DocumentDirection?
        public var text: String?
        public var limit: Int
        public var offset: Int

        public init(queue: Queue = .all, direction: DocumentDirection? = nil, text: String? = nil, limit: Int = 50, offset: Int = 0) {
            self.queue = queue
            self.direction = direction
            self.text = text
            self.limit = limit
            self.offset = offset
        }
    }

    /// The principal's documents in a queue, most urgent first, with the total for paging.
    public func list(_ query: ListQuery, for principal: Principal, now: Date) async throws -> (items: [OfficialDocument], total: Int) {
        var conditions: [SQLQueryString] = [CaseSQL.scope(principal, in: .documents)]
        switch query.queue {
        case .toRegister: conditions.append("status = \(bind: DocumentStatus.arrived.rawValue)")
        case .toAssign: conditions.append("status = \(bind: DocumentStatus.registered.rawValue)")
        case .handling:
            conditions.append("status IN (\(bind: DocumentStatus.assigned.rawValue), \(bind: DocumentStatus.inProgress.rawValue))")
        case .mine:
            conditions.append(
                """
                open = 1 AND (assignee_id = \(bind: principal.userId) OR id IN (SELECT document_id FROM document_helpers
                    WHERE user_id = \(bind: principal.userId) AND done_at IS NULL))
                """)
        case .overdue: conditions.append(CaseSQL.overdue(at: now))
        case .drafts: conditions.append("status IN (\(bind: DocumentStatus.draft.rawValue), \(bind: DocumentStatus.inReview.rawValue))")
        case .toIssue: conditions.append("status = \(bind: DocumentStatus.signed.rawValue)")
        case .all: break
        }
        if let direction = query.direction { conditions.append("direction = \(bind: direction.rawValue)") }
        if !Policy.seesSecret(principal, namedIn: []) {
            conditions.append(
                "(secrecy = \(bind: DocumentSecrecy.normal.rawValue) OR created_by_id = \(bind: principal.userId) OR lead_id = \(bind: principal.userId))"
            )
        }
        if let text = query.text.map(VietnameseText.fold)?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            conditions.append("search_text LIKE \(bind: "%" + text.replacingOccurrences(of: "%", with: "") + "%")")
        }
        var whereClause: SQLQueryString = "1 = 1"
        for condition in conditions { whereClause = "\(whereClause) AND \(condition)" }
        let total = try await database.sql.raw("SELECT COUNT(*) AS n FROM documents WHERE \(whereClause)").first()!.decode(column: "n", as: Int.self)
        let order = query.queue == .all ? "updated_at DESC, id DESC" : "CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id"
        let rows = try await database.sql.raw(
            """
            SELECT * FROM documents WHERE \(whereClause) ORDER BY \(unsafeRaw: order)
            LIMIT \(literal: max(1, min(200, query.limit))) OFFSET \(literal: max(0, query.offset))
            """
        ).all()
        return (try rows.map(Self.decode), total)
    }

    /// An outgoing document's recipients, in the order of its distribution list.
    public func recipients(of id: Int, in session: (any SQLDatabase)? = nil) async throws -> [DocumentRecipient] {
        try await (session ?? database.sql).raw("SELECT * FROM document_recipients WHERE document_id = \(bind: id) ORDER BY position").all()
            .map { row in
                DocumentRecipient(
                    organId: try row.decode(column: "organ_id", as: String?.self), organName: try row.decode(column: "organ_name", as: String.self),
                    isInternal: try row.decode(column: "internal", as: Int.self) == 1,
                    incomingId: try row.decode(column: "incoming_id", as: Int?.self),
                    status: try row.decode(column: "status", as: String?.self).flatMap(ExchangeStatus.init(rawValue:)),
                    statusAt: try row.decode(column: "status_at", as: Int64?.self).map(Date.init(millis:)),
                    note: try row.decode(column: "note", as: String?.self))
            }
    }

    /// Documents of the agency that look like this one: the same sender's number and notation.
    public func likelyDuplicates(agencyId: String, fromOrganName: String, codeNumber: String, codeNotation: String) async throws -> [Int] {
        try await database.sql.raw(
            """
            SELECT id, from_organ_name FROM documents WHERE agency_id = \(bind: agencyId) AND direction = \(bind: DocumentDirection.incoming.rawValue)
            AND code_number = \(bind: codeNumber) AND code_notation = \(bind: codeNotation) AND status <> \(bind: DocumentStatus.withdrawn.rawValue)
            ORDER BY id LIMIT 20
            """
        ).all().compactMap { row in
            let organ = try row.decode(column: "from_organ_name", as: String?.self) ?? ""
            return VietnameseText.fold(organ) == VietnameseText.fold(fromOrganName) ? try row.decode(column: "id", as: Int.self) : nil
        }
    }

    /// Documents of the agency received under this exchange identity (not withdrawn).
    func holding(exchangeId: String, agencyId: String) async throws -> [Int] {
        try await database.sql.raw(
            """
            SELECT id FROM documents WHERE agency_id = \(bind: agencyId) AND exchange_id = \(bind: exchangeId)
            AND status <> \(bind: DocumentStatus.withdrawn.rawValue) ORDER BY id LIMIT 20
            """
        ).all().map { try $0.decode(column: "id", as: Int.self) }
    }

    /// A document's files, oldest first, without their bytes.
    public func files(of id: Int) async throws -> [DocumentFile] {
        try await database.sql.raw(
            """
            SELECT id, name, content_type, description, size, sha256, text_state, text_engine, text_error,
                LENGTH(recognised_text) AS text_length
            FROM document_files WHERE document_id = \(bind: id) ORDER BY id
            """
        ).all().map { row in
            DocumentFile(
                id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                contentType: try row.decode(column: "content_type", as: String.self),
                description: try row.decode(column: "description", as: String.self), size: try row.decode(column: "size", as: Int.self),
                sha256: try row.decode(column: "sha256", as: String.self),
                textState: try row.decode(column: "text_state", as: String?.self).flatMap(DocumentText.State.init(rawValue:)),
                textEngine: try row.decode(column: "text_engine", as: String?.self),
                textError: try row.decode(column: "text_error", as: String?.self),
                textLength: try row.decode(column: "text_length", as: Int?.self))
        }
    }

    /// One file's bytes.
    public func fileData(_ fileId: Int, of id: Int) async throws -> Data {
        guard
            let row = try await database.sql.raw(
                "SELECT data FROM document_files WHERE id = \(bind: fileId) AND document_id = \(bind: id)"
            ).first()
        else { throw NotFoundError("file", String(fileId)) }
        return try row.decode(column: "data", as: Data.self)
    }

    /// The folded text searched by the desk's search box.
    static func searchText(_ document: OfficialDocument) -> String {
        VietnameseText.fold(
            [document.subject, document.numberAndNotation ?? "", document.fromOrganName ?? "", document.type.label, document.signerName ?? ""]
                .joined(separator: " "))
    }
}

/// A file of a document, as lists show it.
public struct DocumentFile: Sendable, Equatable {
    public let id: Int
    public let name: String
    public let contentType: String
    public let description: String
    public let size: Int
    public let sha256: String
    /// OCR: nil for files that are not scans.
    public let textState: DocumentText.State?
    public let textEngine: String?
    /// Why the last reading failed (it is retried).
    public let textError: String?
    public let textLength: Int?
}

extension DocumentStore {
    /// A book of Phụ lục IV: an agency's incoming documents by arrival number (the follow-up book:
    /// those a leader assigned), or its issued outgoing documents by number, in one year and
    /// optionally a date range, with the total for paging. Secret documents appear only to those
    /// who see them.
    public func register(
        _ book: DocumentBook, agencyId: String, year: Int, from: LocalDate?, to: LocalDate?, limit: Int, offset: Int,
        for principal: Principal
    ) async throws -> (items: [OfficialDocument], total: Int) {
        let direction = book.direction
        let scope = OfficialDocument.scope(agencyId: agencyId, unitCode: try await agencies.get(agencyId).unitCode)
        guard Policy.allows(principal, .handleDocuments), Policy.reaches(principal, scope) else { throw AccessError.forbidden }
        var conditions: [SQLQueryString] = [
            "agency_id = \(bind: agencyId)", "direction = \(bind: direction.rawValue)", "year = \(bind: year)"
        ]
        let instant = direction == .incoming ? "arrival_at" : "updated_at"
        switch direction {
        case .incoming: conditions.append("arrival_number IS NOT NULL")
        case .outgoing: conditions.append("number IS NOT NULL")
        }
        if book == .followUp { conditions.append("lead_id IS NOT NULL") }
        if let from {
            conditions.append(
                direction == .incoming
                    ? "\(unsafeRaw: instant) >= \(bind: VietnamTime.date(from, minutes: 0).millis)" : "issued_day >= \(bind: from.daysSinceEpoch)")
        }
        if let to {
            conditions.append(
                direction == .incoming
                    ? "\(unsafeRaw: instant) < \(bind: VietnamTime.date(to.adding(days: 1), minutes: 0).millis)"
                    : "issued_day <= \(bind: to.daysSinceEpoch)")
        }
        if !Policy.seesSecret(principal, namedIn: []) {
            conditions.append(
                "(secrecy = \(bind: DocumentSecrecy.normal.rawValue) OR created_by_id = \(bind: principal.userId) OR lead_id = \(bind: principal.userId))"
            )
        }
        var whereClause: SQLQueryString = "1 = 1"
        for condition in conditions { whereClause = "\(whereClause) AND \(condition)" }
        let total = try await database.sql.raw("SELECT COUNT(*) AS n FROM documents WHERE \(whereClause)").first()!.decode(column: "n", as: Int.self)
        let order = direction == .incoming ? "arrival_number" : "series, number"
        let rows = try await database.sql.raw(
            """
            SELECT * FROM documents WHERE \(whereClause) ORDER BY \(unsafeRaw: order)
            LIMIT \(literal: max(1, min(5000, limit))) OFFSET \(literal: max(0, offset))
            """
        ).all()
        return (try rows.map(Self.decode), total)
    }
}

extension DocumentStore {
    /// The replies drafted to several incoming documents, in one read (for the follow-up book):
    /// each reply's number and notation once issued, else «Dự thảo».
    public func replies(to ids: [Int]) async throws -> [Int: [String]] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map(String.init).joined(separator: ", ")
        var replies: [Int: [String]] = [:]
        for row in try await database.sql.raw(
            "SELECT * FROM documents WHERE reply_to_id IN (\(unsafeRaw: list)) AND direction = \(bind: DocumentDirection.outgoing.rawValue) ORDER BY id"
        ).all() {
            let reply = try Self.decode(row)
            guard let incoming = reply.replyToId, reply.status != .recalled else { continue }
            replies[incoming, default: []].append(reply.codeNumber == nil ? "Dự thảo" : reply.numberAndNotation ?? "Dự thảo")
        }
        return replies
    }

    /// The recipients' names of several outgoing documents in one read (for a register page).
    public func recipientNames(of ids: [Int]) async throws -> [Int: [String]] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map(String.init).joined(separator: ", ")
        var names: [Int: [String]] = [:]
        for row in try await database.sql.raw(
            "SELECT document_id, organ_name FROM document_recipients WHERE document_id IN (\(unsafeRaw: list)) ORDER BY document_id, position"
        ).all() {
            names[try row.decode(column: "document_id", as: Int.self), default: []].append(try row.decode(column: "organ_name", as: String.self))
        }
        return names
    }
}
