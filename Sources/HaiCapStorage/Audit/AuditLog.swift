import Foundation
import HaiCapDomain
import SQLKit

/// The append-only, hash-chained audit log. Every write of every use case appends here, inside the
/// same transaction as the write, so a write and its audit entry commit or fail together.
public struct AuditLog: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Appends one entry after the current head of the chain. Callers pass their open transaction.
    public func append(_ event: AuditEvent, by actor: Principal?, at: Date, in session: any SQLDatabase) async throws {
        try await database.lock(LockKeys.auditChain, in: session)
        let head = try await session.raw("SELECT hash FROM audit_head WHERE id = 1").first()
        let previous = try head?.decode(column: "hash", as: String.self) ?? AuditEntry.genesisHash
        var entry = AuditEntry(
            at: Date(millis: at.millis), userId: actor?.userId, username: actor?.username ?? "system",
            agencyId: actor?.agencyId, action: event.action, targetType: event.targetType,
            targetId: event.targetId, detail: event.detail, previousHash: previous)
        entry.hash = Self.hash(entry)
        try await session.raw(
            """
            INSERT INTO audit_log (at, user_id, username, agency_id, action, target_type, target_id, detail, prev_hash, hash)
            VALUES (\(bind: entry.at.millis), \(bind: entry.userId), \(bind: entry.username), \(bind: entry.agencyId),
                    \(bind: entry.action), \(bind: entry.targetType), \(bind: entry.targetId), \(bind: entry.detail),
                    \(bind: entry.previousHash), \(bind: entry.hash))
            """
        ).run()
        // The stored head moves with the chain, in the same transaction: `verify` compares the two.
        try await session.raw("UPDATE audit_head SET entries = entries + 1, hash = \(bind: entry.hash) WHERE id = 1").run()
    }

    static func hash(_ entry: AuditEntry) -> String {
        SecretDigest.of(entry.canonicalText)
    }

    public struct Filter: Sendable {
        public var username: String?
        public var agencyId: String?
        public var action: String?
        public var from: Date?
        public var to: Date?
        public var limit: Int
        public var offset: Int
        public init(
            username: String? = nil, agencyId: String? = nil, action: String? = nil, from: Date? = nil,
            to: Date? = nil, limit: Int = 100, offset: Int = 0
        ) {
            self.username = username
            self.agencyId = agencyId
            self.action = action
            self.from = from
            self.to = to
            self.limit = limit
            self.offset = offset
        }
    }

    /// Newest first, filtered by user, agency, action prefix and time range.
    public func list(_ filter: Filter) async throws -> (items: [AuditEntry], total: Int) {
        func apply(_ builder: some SQLPredicateBuilder) {
            if let username = filter.username, !username.isEmpty { builder.where("username", .equal, username) }
            if let agency = filter.agencyId, !agency.isEmpty { builder.where("agency_id", .equal, agency) }
            if let action = filter.action, !action.isEmpty { builder.where("action", .like, action + "%") }
            if let from = filter.from { builder.where("at", .greaterThanOrEqual, from.millis) }
            if let to = filter.to { builder.where("at", .lessThan, to.millis) }
        }
        let select = database.sql.select().column("*").from("audit_log")
        apply(select)
        let rows = try await select.orderBy("id", .descending).limit(filter.limit).offset(filter.offset).all()
        let count = database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_log")
        apply(count)
        let total = try await count.first()?.decode(column: "n", as: Int.self) ?? 0
        return (try rows.map(Self.entry(from:)), total)
    }

    static func entry(from row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            id: try row.decode(column: "id", as: Int.self),
            at: Date(millis: try row.decode(column: "at", as: Int64.self)),
            userId: try row.decode(column: "user_id", as: Int?.self),
            username: try row.decode(column: "username", as: String.self),
            agencyId: try row.decode(column: "agency_id", as: String?.self),
            action: try row.decode(column: "action", as: String.self),
            targetType: try row.decode(column: "target_type", as: String.self),
            targetId: try row.decode(column: "target_id", as: String.self),
            detail: try row.decode(column: "detail", as: String.self),
            previousHash: try row.decode(column: "prev_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }

    /// Walks the whole chain in order and names the first entry that was altered, or whose
    /// predecessor was removed, and checks the stored head, which catches the removal of the newest
    /// entries (or of all of them). The head is read first: entries appended while the walk runs
    /// (the server keeps writing) come after it and are checked as links only. Reads in pages so a
    /// long log does not sit in memory.
    public func verify() async throws -> AuditVerdict {
        guard let head = try await database.sql.raw("SELECT entries, hash FROM audit_head WHERE id = 1").first() else {
            return .broken(entryId: 0, reason: "mất bản ghi đầu chuỗi (số mục và mã băm cuối)")
        }
        let headCount = try head.decode(column: "entries", as: Int.self)
        let headHash = try head.decode(column: "hash", as: String.self)
        var previous = AuditEntry.genesisHash
        var lastId = 0
        var count = 0
        while true {
            let rows = try await database.sql.raw(
                "SELECT * FROM audit_log WHERE id > \(bind: lastId) ORDER BY id LIMIT 1000"
            ).all()
            if rows.isEmpty { break }
            for row in rows {
                let entry = try Self.entry(from: row)
                if entry.previousHash != previous {
                    return .broken(entryId: entry.id, reason: "liên kết với mục trước không khớp: mục trước đã bị xóa hoặc sửa")
                }
                if Self.hash(entry) != entry.hash {
                    return .broken(entryId: entry.id, reason: "nội dung đã bị sửa sau khi ghi")
                }
                previous = entry.hash
                lastId = entry.id
                count += 1
                if count == headCount, entry.hash != headHash {
                    return .broken(entryId: entry.id, reason: "mục thứ \(count) không khớp mã băm ghi ở đầu chuỗi")
                }
            }
        }
        if count < headCount {
            return .broken(entryId: lastId, reason: "chuỗi có \(count) mục nhưng đầu chuỗi ghi \(headCount) mục: các mục mới nhất đã bị xóa")
        }
        return .intact(entries: count)
    }
}
