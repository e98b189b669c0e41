import Foundation
import HaiCapDomain
import SQLKit

extension DossierStore {
    /// Writes the dossier's new state to the national-portal outbox, in the same transaction as
    /// the change, numbered per dossier so the deliverer keeps each dossier's messages in order.
    func enqueuePortal(_ dossier: Dossier, procedure: Procedure, actorName: String, note: String, at now: Date,
                       in session: any SQLDatabase) async throws {
        let last = try await session.raw("SELECT MAX(seq) AS s FROM portal_outbox WHERE dossier_code = \(bind: dossier.code)")
            .first()?.decode(column: "s", as: Int?.self) ?? 0
        let seq = last + 1
        let step = PortalDossier.Step(NguoiXuLy: actorName, ThoiDiemXuLy: PortalDossier.stamp(now), NoiDungXuLy: note,
                                      TrangThai: dossier.status.portalCode)
        let envelope = PortalEnvelope(isUpdating: seq > 1, idempotencyKey: "\(dossier.code):\(seq)",
                                      data: [PortalDossier(dossier: dossier, procedure: procedure, step: step)])
        let payload = String(decoding: try PortalOutbox.encoder.encode(envelope), as: UTF8.self)
        try await session.raw("""
            INSERT INTO portal_outbox (dossier_code, seq, portal_status, payload, state, attempts, next_attempt_at, created_at)
            VALUES (\(bind: dossier.code), \(bind: seq), \(bind: dossier.status.portalCode), \(bind: payload), 'pending', 0,
                    \(bind: now.millis), \(bind: now.millis))
            """).run()
    }
}

/// The national-portal outbox: what is waiting, claiming the next messages, and their results.
public struct PortalOutbox: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    public struct Entry: Sendable, Codable, Equatable {
        public var id: Int
        public var dossierCode: String
        public var seq: Int
        public var portalStatus: Int
        public var payload: String
        public var state: String
        public var attempts: Int
        public var nextAttemptAt: Date
        public var lastError: String?
        public var createdAt: Date
        public var deliveredAt: Date?
    }

    static func decode(_ row: any SQLRow) throws -> Entry {
        Entry(id: try row.decode(column: "id", as: Int.self), dossierCode: try row.decode(column: "dossier_code", as: String.self),
              seq: try row.decode(column: "seq", as: Int.self), portalStatus: try row.decode(column: "portal_status", as: Int.self),
              payload: try row.decode(column: "payload", as: String.self), state: try row.decode(column: "state", as: String.self),
              attempts: try row.decode(column: "attempts", as: Int.self),
              nextAttemptAt: Date(millis: try row.decode(column: "next_attempt_at", as: Int64.self)),
              lastError: try row.decode(column: "last_error", as: String?.self),
              createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
              deliveredAt: try row.decode(column: "delivered_at", as: Int64?.self).map(Date.init(millis:)))
    }

    /// Due messages that are first in line for their dossier: a message waits while an earlier
    /// one of the same dossier is undelivered, so the portal never sees states out of order.
    public func due(now: Date, limit: Int = 50) async throws -> [Entry] {
        try await database.sql.raw("""
            SELECT o.* FROM portal_outbox o
            WHERE o.state = 'pending' AND o.next_attempt_at <= \(bind: now.millis)
              AND NOT EXISTS (SELECT 1 FROM portal_outbox p WHERE p.dossier_code = o.dossier_code AND p.seq < o.seq AND p.state <> 'delivered')
            ORDER BY o.id LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }

    public func markDelivered(_ id: Int, at now: Date) async throws {
        try await database.sql.raw("""
            UPDATE portal_outbox SET state = 'delivered', delivered_at = \(bind: now.millis), attempts = attempts + 1, last_error = NULL
            WHERE id = \(bind: id) AND state <> 'delivered'
            """).run()
    }

    /// Backoff doubles from 2 s up to 10 min; after `maxAttempts` the message is marked failed
    /// (shown on the sync page, retried only when an administrator asks).
    public func markFailed(_ id: Int, error: String, at now: Date, maxAttempts: Int = 12) async throws {
        guard let row = try await database.sql.raw("SELECT attempts FROM portal_outbox WHERE id = \(bind: id)").first() else { return }
        let attempts = try row.decode(column: "attempts", as: Int.self) + 1
        let delay = min(600_000, 2_000 << min(attempts - 1, 20))
        let state = attempts >= maxAttempts ? "failed" : "pending"
        try await database.sql.raw("""
            UPDATE portal_outbox SET attempts = \(bind: attempts), last_error = \(bind: String(error.prefix(500))),
                next_attempt_at = \(bind: now.millis + Int64(delay)), state = \(bind: state)
            WHERE id = \(bind: id) AND state <> 'delivered'
            """).run()
    }

    /// Puts failed messages back in line (an administrator's "retry").
    @discardableResult
    public func retryFailed(at now: Date) async throws -> Int {
        let count = try await database.sql.raw("SELECT COUNT(*) AS n FROM portal_outbox WHERE state = 'failed'").first()?
            .decode(column: "n", as: Int.self) ?? 0
        try await database.sql.raw("""
            UPDATE portal_outbox SET state = 'pending', attempts = 0, next_attempt_at = \(bind: now.millis) WHERE state = 'failed'
            """).run()
        return count
    }

    public struct Summary: Sendable, Codable, Equatable {
        public var pending: Int
        public var failed: Int
        public var delivered: Int
        /// Delivered within `onTimeMinutes` of the change (the DOSSIER_SYNC indicator), in %.
        public var onTimeRate: Double?
        public var onTimeMinutes: Int
        public var oldestPendingAt: Date?
    }

    public func summary(onTimeMinutes: Int) async throws -> Summary {
        let row = try await database.sql.raw("""
            SELECT
              SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,
              SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed,
              SUM(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END) AS delivered,
              SUM(CASE WHEN state = 'delivered' AND delivered_at - created_at <= \(bind: Int64(onTimeMinutes) * 60_000) THEN 1 ELSE 0 END) AS on_time,
              MIN(CASE WHEN state <> 'delivered' THEN created_at END) AS oldest
            FROM portal_outbox
            """).first()
        let delivered = try row?.decode(column: "delivered", as: Int?.self) ?? 0
        let onTime = try row?.decode(column: "on_time", as: Int?.self) ?? 0
        let all = delivered + (try row?.decode(column: "pending", as: Int?.self) ?? 0) + (try row?.decode(column: "failed", as: Int?.self) ?? 0)
        return Summary(pending: try row?.decode(column: "pending", as: Int?.self) ?? 0,
                       failed: try row?.decode(column: "failed", as: Int?.self) ?? 0,
                       delivered: delivered, onTimeRate: all == 0 ? nil : (Double(onTime) * 1000 / Double(all)).rounded() / 10,
                       onTimeMinutes: onTimeMinutes,
                       oldestPendingAt: try row?.decode(column: "oldest", as: Int64?.self).map(Date.init(millis:)))
    }

    /// Undelivered messages first (failed, then pending), then the latest delivered ones.
    public func recent(limit: Int = 100) async throws -> [Entry] {
        try await database.sql.raw("""
            SELECT * FROM portal_outbox
            ORDER BY CASE state WHEN 'failed' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, id DESC LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }

    public func entries(dossierCode: String) async throws -> [Entry] {
        try await database.sql.raw("SELECT * FROM portal_outbox WHERE dossier_code = \(bind: dossierCode) ORDER BY seq").all().map(Self.decode)
    }
}
