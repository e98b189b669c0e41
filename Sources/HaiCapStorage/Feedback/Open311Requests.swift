import Foundation
import HaiCapDomain
import SQLKit

/// The reads behind Open311's `GET requests`: a period (default the last 90 days), lists of ids,
/// categories and open/closed, newest first, paged.
public struct Open311Query: Sendable {
    public var ids: [Int] = []
    public var serviceCodes: [String] = []
    public var statuses: [String] = []
    public var start: Date?
    public var end: Date?
    public var page = 1
    /// The spec's default volume: the first 1000 requests of the period.
    public var pageSize = 1000
    public init() {}

    public static let defaultDays = 90
    public static let maxPageSize = 1000
    /// Deeper pages than this scan too much of a public table: narrow the period instead.
    public static let maxOffset = 100_000
}

extension ReportStore {
    /// Reports as the public may see them (no reporter, no extra answers).
    public func open311(_ query: Open311Query, now: Date) async throws -> [Report] {
        var conditions: [SQLQueryString] = []
        if !query.ids.isEmpty {
            conditions.append("id IN (\(binds: query.ids))")
        } else {
            let end = query.end ?? now
            let start = query.start ?? (query.end ?? now).addingTimeInterval(-Double(Open311Query.defaultDays) * 86_400)
            conditions.append("received_at >= \(bind: start.millis) AND received_at <= \(bind: end.millis)")
        }
        // GeoReport: service_request_id overrides every other filter.
        if query.ids.isEmpty {
            if !query.serviceCodes.isEmpty { conditions.append("category_code IN (\(binds: query.serviceCodes))") }
            let wantsOpen = query.statuses.contains("open"), wantsClosed = query.statuses.contains("closed")
            if wantsOpen != wantsClosed { conditions.append("open = \(bind: wantsOpen ? 1 : 0)") }
        }
        var whereClause: SQLQueryString = "1 = 1"
        for condition in conditions { whereClause = "\(whereClause) AND \(condition)" }
        let size = max(1, min(Open311Query.maxPageSize, query.pageSize))
        let offset = (max(1, query.page) - 1) * size
        let rows = try await database.sql.raw(
            """
            SELECT \(unsafeRaw: Self.publicColumns) FROM feedback_reports WHERE \(whereClause) ORDER BY received_at DESC, id DESC
            LIMIT \(literal: size) OFFSET \(literal: offset)
            """
        ).all()
        return try rows.map { try Self.decode($0, publicOnly: true) }
    }
}

/// API keys of Open311 clients (apps that submit reports). Only a digest is stored; the key is
/// shown once, when it is made.
public struct Open311Keys: Sendable {
    public struct Key: Sendable, Codable, Hashable {
        public let id: Int
        public let name: String
        public let prefix: String
        public let createdAt: Date
        public let createdBy: String?
        public let revokedAt: Date?
    }

    let database: Database
    let audit: AuditLog

    public init(database: Database, audit: AuditLog) {
        self.database = database
        self.audit = audit
    }

    /// Returns the key record and the secret itself (shown once).
    public func create(name: String, by actor: Principal?, at now: Date) async throws -> (key: Key, secret: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (2...100).contains(trimmed.count) else { throw ValidationError(field: "name", "Tên ứng dụng từ 2 đến 100 ký tự.") }
        let secret = "o311_" + Secrets.token(bytes: 24)
        let prefix = String(secret.prefix(9))
        let id = try await database.transaction { session in
            let row = try await session.raw(
                """
                INSERT INTO open311_keys (name, key_hash, prefix, created_at, created_by)
                VALUES (\(bind: trimmed), \(bind: SecretDigest.of(secret)), \(bind: prefix), \(bind: now.millis), \(bind: actor?.username))
                RETURNING id
                """
            ).first()
            let id = try row!.decode(column: "id", as: Int.self)
            try await audit.append(AuditEvent("open311.key.create", "open311_key", String(id), trimmed), by: actor, at: now, in: session)
            return id
        }
        return (Key(id: id, name: trimmed, prefix: prefix, createdAt: now, createdBy: actor?.username, revokedAt: nil), secret)
    }

    public func list() async throws -> [Key] {
        try await database.sql.raw("SELECT * FROM open311_keys ORDER BY id").all().map { row in
            Key(
                id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                prefix: try row.decode(column: "prefix", as: String.self),
                createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
                createdBy: try row.decode(column: "created_by", as: String?.self),
                revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Date.init(millis:)))
        }
    }

    public func revoke(_ id: Int, by actor: Principal?, at now: Date) async throws {
        try await database.transaction { session in
            guard try await session.raw("SELECT id FROM open311_keys WHERE id = \(bind: id) AND revoked_at IS NULL").first() != nil else {
                throw NotFoundError("open311_key", String(id))
            }
            try await session.raw("UPDATE open311_keys SET revoked_at = \(bind: now.millis) WHERE id = \(bind: id)").run()
            try await audit.append(AuditEvent("open311.key.revoke", "open311_key", String(id)), by: actor, at: now, in: session)
        }
    }

    /// The id of a live key, or nil.
    public func verify(_ secret: String) async throws -> Int? {
        guard !secret.isEmpty else { return nil }
        let row = try await database.sql.raw(
            """
            SELECT id FROM open311_keys WHERE key_hash = \(bind: SecretDigest.of(secret)) AND revoked_at IS NULL
            """
        ).first()
        return try row?.decode(column: "id", as: Int.self)
    }
}
