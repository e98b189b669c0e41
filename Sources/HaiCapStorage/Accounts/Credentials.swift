import Crypto
import Foundation
import HaiCapDomain
import SQLKit

/// SHA-256 as lowercase hex. Secrets are stored only as digests (a leaked database does not leak
/// live tokens), and the audit chain links entries by the same digest.
enum SecretDigest {
    static func of(_ secret: String) -> String { of(data: Data(secret.utf8)) }

    static func of(data: Data) -> String {
        // By hand: String(format:) per byte costs microseconds on Linux, and every lookup and audit entry hashes.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// A machine's API token as administrators see it (never the secret).
public struct APIToken: Sendable, Equatable, Codable {
    public let id: Int
    public let userId: Int
    public let username: String
    public let name: String
    /// The first characters of the secret, to tell tokens apart.
    public let prefix: String
    public let createdAt: Date
    public let lastUsedAt: Date?
    public let revokedAt: Date?
    /// After this the token stops working; nil: until revoked.
    public let expiresAt: Date?
}

/// API tokens: created, listed and revoked by administrators; presented as `Authorization: Bearer …`.
public struct TokenStore: Sendable {
    let database: Database
    let accounts: AccountStore
    let audit: AuditLog

    public init(database: Database, accounts: AccountStore) {
        self.database = database
        self.accounts = accounts
        self.audit = AuditLog(database: database)
    }

    /// Tokens live at most ten years; most connections should be given far less.
    public static let maxLifetimeDays = 3650

    /// Returns the token record and the secret, which is shown once and never stored.
    public func create(
        forUsername username: String, name: String, expiresInDays: Int? = nil, by actor: Principal?,
        at now: Date
    ) async throws -> (APIToken, String) {
        if let days = expiresInDays, !(1...Self.maxLifetimeDays).contains(days) {
            throw ValidationError(field: "expiresInDays", "Thời hạn của token phải từ 1 đến \(Self.maxLifetimeDays) ngày.")
        }
        guard let account = try await accounts.find(username: username) else { throw NotFoundError("user", username) }
        let expiresAt = expiresInDays.map { now.addingTimeInterval(Double($0) * 86_400).millis }
        let label = name.trimmingCharacters(in: .whitespaces).isEmpty ? "api" : name.trimmingCharacters(in: .whitespaces)
        let secret = "hc_" + Secrets.token()
        let id = try await database.transaction { session in
            let row = try await session.raw(
                """
                INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at)
                VALUES (\(bind: account.id), \(bind: label), \(bind: SecretDigest.of(secret)), \(bind: String(secret.prefix(9))),
                        \(bind: now.millis), \(bind: expiresAt))
                RETURNING id
                """
            ).first()
            let id = try row!.decode(column: "id", as: Int.self)
            try await audit.append(
                AuditEvent("token.create", "token", String(id), "cho \(account.username): \(label)"),
                by: actor, at: now, in: session)
            return id
        }
        return (try await get(id), secret)
    }

    public func get(_ id: Int) async throws -> APIToken {
        guard
            let row = try await database.sql.raw(
                """
                SELECT t.*, u.username FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = \(bind: id)
                """
            ).first()
        else { throw NotFoundError("token", String(id)) }
        return try Self.token(from: row)
    }

    public func list() async throws -> [APIToken] {
        try await database.sql.raw(
            """
            SELECT t.*, u.username FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id DESC
            """
        ).all().map(Self.token(from:))
    }

    public func revoke(_ id: Int, by actor: Principal?, at now: Date) async throws {
        let token = try await get(id)
        guard token.revokedAt == nil else { return }
        try await database.transaction { session in
            try await session.update("api_tokens").set("revoked_at", to: now.millis).where("id", .equal, id).run()
            try await audit.append(
                AuditEvent("token.revoke", "token", String(id), "của \(token.username): \(token.name)"),
                by: actor, at: now, in: session)
        }
    }

    /// The official a live token acts for; nil for unknown, revoked, or disabled users' tokens.
    public func principal(forSecret secret: String, at now: Date) async throws -> Principal? {
        guard
            let row = try await database.sql.raw(
                """
                SELECT id, user_id FROM api_tokens WHERE token_hash = \(bind: SecretDigest.of(secret)) AND revoked_at IS NULL
                    AND (expires_at IS NULL OR expires_at > \(bind: now.millis))
                """
            ).first()
        else { return nil }
        let account = try await accounts.get(try row.decode(column: "user_id", as: Int.self))
        guard !account.isDisabled else { return nil }
        try await database.sql.update("api_tokens").set("last_used_at", to: now.millis)
            .where("id", .equal, try row.decode(column: "id", as: Int.self)).run()
        return try await accounts.principal(for: account)
    }

    static func token(from row: any SQLRow) throws -> APIToken {
        APIToken(
            id: try row.decode(column: "id", as: Int.self), userId: try row.decode(column: "user_id", as: Int.self),
            username: try row.decode(column: "username", as: String.self), name: try row.decode(column: "name", as: String.self),
            prefix: try row.decode(column: "prefix", as: String.self),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            lastUsedAt: try row.decode(column: "last_used_at", as: Int64?.self).map(Date.init(millis:)),
            revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Date.init(millis:)),
            expiresAt: try row.decode(column: "expires_at", as: Int64?.self).map(Date.init(millis:)))
    }
}

/// Browser sessions, kept in the database so that any instance can serve any request.
public struct SessionStore: Sendable {
    let database: Database
    let accounts: AccountStore
    public let lifetime: TimeInterval

    public init(database: Database, accounts: AccountStore, lifetime: TimeInterval = 8 * 3600) {
        self.database = database
        self.accounts = accounts
        self.lifetime = lifetime
    }

    /// Starts a session (a login, recorded in the audit log) and returns its secret for the cookie.
    public func create(userId: Int, at now: Date) async throws -> String {
        let secret = Secrets.token()
        let principal = try await accounts.principal(for: try await accounts.get(userId))
        let audit = AuditLog(database: database)
        try await database.transaction { session in
            try await session.raw(
                """
                INSERT INTO sessions (id_hash, user_id, created_at, expires_at)
                VALUES (\(bind: SecretDigest.of(secret)), \(bind: userId), \(bind: now.millis), \(bind: now.addingTimeInterval(self.lifetime).millis))
                """
            ).run()
            try await audit.append(AuditEvent("user.login", "user", String(userId)), by: principal, at: now, in: session)
        }
        return secret
    }

    public func principal(forSecret secret: String, at now: Date) async throws -> Principal? {
        guard
            let row = try await database.sql.raw(
                """
                SELECT user_id FROM sessions WHERE id_hash = \(bind: SecretDigest.of(secret)) AND expires_at > \(bind: now.millis)
                """
            ).first()
        else { return nil }
        let account = try await accounts.get(try row.decode(column: "user_id", as: Int.self))
        guard !account.isDisabled else { return nil }
        return try await accounts.principal(for: account)
    }

    /// Ends a session (a logout, recorded in the audit log when the session existed).
    public func delete(secret: String, by principal: Principal?, at now: Date) async throws {
        let audit = AuditLog(database: database)
        try await database.transaction { session in
            let rows = try await session.raw("DELETE FROM sessions WHERE id_hash = \(bind: SecretDigest.of(secret)) RETURNING user_id").all()
            if let row = rows.first {
                let userId = try row.decode(column: "user_id", as: Int.self)
                try await audit.append(AuditEvent("user.logout", "user", String(userId)), by: principal, at: now, in: session)
            }
        }
    }
}
