import Foundation
import HaiCapDomain
import SQLKit

/// One message waiting for (or past) delivery to somewhere outside HaiCap.
public struct OutboxMessage: Sendable, Equatable {
    public var id: Int
    /// What kind of message, which picks the deliverer ("portal", and next "edxml", "email").
    public var topic: String
    /// Where it goes, as the deliverer understands it (an endpoint name, an address).
    public var destination: String
    public var ref: CaseRef
    /// The message's place among its case's messages of the same topic, from 1.
    public var seq: Int
    /// Sent along, so a receiver that saw an earlier attempt can ignore the repeat.
    public var idempotencyKey: String
    public var payload: String
    public var state: Outbox.State
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
}

/// The one outbox of every kind: a message is written in the same transaction as the change it
/// reports, delivered in order per case and topic, retried with backoff, and after too many
/// failures set aside (`failed`, the dead letters) until an administrator retries it. Any
/// number of instances may deliver: a claim is a lease taken with `FOR UPDATE SKIP LOCKED` on
/// PostgreSQL (SQLite has a single writer), and a message waits while an earlier one of its
/// case is undelivered, so no two instances ever hold two messages of one case.
public struct Outbox: Sendable {
    public enum State: String, Sendable, Codable {
        case pending, delivered, failed
    }

    let database: Database

    public init(database: Database) { self.database = database }

    /// Backoff doubles from 2 s up to 10 minutes; after this many attempts the message is failed.
    public static let maxAttempts = 12

    /// Unique per topic: the kind, the case and the message's place in its sequence. Dossiers keep
    /// the key they always had (their code and number), which the national portal already knows.
    static func idempotencyKey(_ ref: CaseRef, seq: Int) -> String {
        ref.kind == .dossier ? "\(ref.id):\(seq)" : "\(ref.kind.name):\(ref.id):\(seq)"
    }

    /// Adds a message inside the caller's transaction and returns its sequence number.
    @discardableResult
    public func enqueue(
        topic: String, destination: String, for ref: CaseRef, payload: (Int) throws -> String, at now: Date,
        in session: any SQLDatabase
    ) async throws -> Int {
        let last =
            try await session.raw(
                """
                SELECT MAX(seq) AS s FROM outbox_messages
                WHERE topic = \(bind: topic) AND case_type = \(bind: ref.kind.name) AND case_id = \(bind: ref.id)
                """
            ).first()?.decode(column: "s", as: Int?.self) ?? 0
        let seq = last + 1
        try await session.raw(
            """
            INSERT INTO outbox_messages (topic, destination, case_type, case_id, seq, idempotency_key, payload, state, attempts,
                next_attempt_at, created_at)
            VALUES (\(bind: topic), \(bind: destination), \(bind: ref.kind.name), \(bind: ref.id), \(bind: seq),
                    \(bind: Self.idempotencyKey(ref, seq: seq)), \(bind: try payload(seq)), 'pending', 0, \(bind: now.millis), \(bind: now.millis))
            """
        ).run()
        return seq
    }

    /// Takes up to `limit` due messages of `topic` for `worker` for `lease` seconds: the first
    /// undelivered message of each case and destination, oldest first. Order is kept per case and
    /// destination: the portal sees a dossier's changes in order, while one official's notice
    /// about a case never waits behind another official's.
    public func claim(topic: String, worker: String, now: Date, lease: TimeInterval = 60, limit: Int = 50) async throws -> [OutboxMessage] {
        let skipLocked = database.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await database.sql.raw(
            """
            UPDATE outbox_messages SET claimed_by = \(bind: worker), claimed_until = \(bind: now.addingTimeInterval(lease).millis)
            WHERE id IN (
                SELECT o.id FROM outbox_messages o
                WHERE o.topic = \(bind: topic) AND o.state = 'pending' AND o.next_attempt_at <= \(bind: now.millis)
                  AND (o.claimed_until IS NULL OR o.claimed_until < \(bind: now.millis))
                  AND NOT EXISTS (SELECT 1 FROM outbox_messages p WHERE p.topic = o.topic AND p.case_type = o.case_type
                                  AND p.case_id = o.case_id AND p.destination = o.destination AND p.seq < o.seq
                                  AND p.state <> 'delivered')
                ORDER BY o.id LIMIT \(literal: max(1, limit))\(unsafeRaw: skipLocked))
            RETURNING *
            """
        ).all()
        return try rows.map(Self.decode).sorted { $0.id < $1.id }
    }

    public func markDelivered(_ id: Int, at now: Date) async throws {
        try await database.sql.raw(
            """
            UPDATE outbox_messages SET state = 'delivered', delivered_at = \(bind: now.millis), attempts = attempts + 1,
                last_error = NULL, claimed_by = NULL, claimed_until = NULL
            WHERE id = \(bind: id) AND state <> 'delivered'
            """
        ).run()
    }

    /// One more failed attempt: the next one waits twice as long; the last one sets it aside.
    public func markFailed(_ id: Int, error: String, at now: Date) async throws {
        guard let row = try await database.sql.raw("SELECT attempts FROM outbox_messages WHERE id = \(bind: id)").first() else { return }
        let attempts = try row.decode(column: "attempts", as: Int.self) + 1
        let delay = min(600_000, 2_000 << min(attempts - 1, 20))
        let state: State = attempts >= Self.maxAttempts ? .failed : .pending
        try await database.sql.raw(
            """
            UPDATE outbox_messages SET attempts = \(bind: attempts), last_error = \(bind: String(error.prefix(500))),
                next_attempt_at = \(bind: now.millis + Int64(delay)), state = \(bind: state.rawValue), claimed_by = NULL, claimed_until = NULL
            WHERE id = \(bind: id) AND state <> 'delivered'
            """
        ).run()
    }

    /// Puts a topic's failed messages back in line (an administrator's "retry").
    @discardableResult
    public func retryFailed(topic: String, at now: Date) async throws -> Int {
        let count =
            try await database.sql.raw(
                """
                SELECT COUNT(*) AS n FROM outbox_messages WHERE topic = \(bind: topic) AND state = 'failed'
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        try await database.sql.raw(
            """
            UPDATE outbox_messages SET state = 'pending', attempts = 0, next_attempt_at = \(bind: now.millis)
            WHERE topic = \(bind: topic) AND state = 'failed'
            """
        ).run()
        return count
    }

    /// Undelivered messages first (failed, then pending), then the latest delivered ones.
    public func recent(topic: String, limit: Int = 100) async throws -> [OutboxMessage] {
        try await database.sql.raw(
            """
            SELECT * FROM outbox_messages WHERE topic = \(bind: topic)
            ORDER BY CASE state WHEN 'failed' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, id DESC LIMIT \(literal: max(1, limit))
            """
        ).all().map(Self.decode)
    }

    public func messages(of ref: CaseRef, topic: String) async throws -> [OutboxMessage] {
        try await database.sql.raw(
            """
            SELECT * FROM outbox_messages WHERE topic = \(bind: topic) AND case_type = \(bind: ref.kind.name) AND case_id = \(bind: ref.id)
            ORDER BY seq
            """
        ).all().map(Self.decode)
    }

    public struct Summary: Sendable, Codable, Equatable {
        public var pending: Int
        public var failed: Int
        public var delivered: Int
        /// Delivered within `onTimeMinutes` of the change, in % of every message.
        public var onTimeRate: Double?
        public var onTimeMinutes: Int
        public var oldestPendingAt: Date?
    }

    public func summary(topic: String, onTimeMinutes: Int) async throws -> Summary {
        let row = try await database.sql.raw(
            """
            SELECT
              SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,
              SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed,
              SUM(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END) AS delivered,
              SUM(CASE WHEN state = 'delivered' AND delivered_at - created_at <= \(bind: Int64(onTimeMinutes) * 60_000) THEN 1 ELSE 0 END) AS on_time,
              MIN(CASE WHEN state <> 'delivered' THEN created_at END) AS oldest
            FROM outbox_messages WHERE topic = \(bind: topic)
            """
        ).first()
        func int(_ column: String) throws -> Int { try row?.decode(column: column, as: Int?.self) ?? 0 }
        let all = try int("delivered") + int("pending") + int("failed")
        return Summary(
            pending: try int("pending"), failed: try int("failed"), delivered: try int("delivered"),
            onTimeRate: all == 0 ? nil : (Double(try int("on_time")) * 1000 / Double(all)).rounded() / 10,
            onTimeMinutes: onTimeMinutes,
            oldestPendingAt: try row?.decode(column: "oldest", as: Int64?.self).map(Date.init(millis:)))
    }

    static func decode(_ row: any SQLRow) throws -> OutboxMessage {
        let kind = CaseKind.stored(try row.decode(column: "case_type", as: String.self))
        return OutboxMessage(
            id: try row.decode(column: "id", as: Int.self), topic: try row.decode(column: "topic", as: String.self),
            destination: try row.decode(column: "destination", as: String.self),
            ref: CaseRef(kind, try row.decode(column: "case_id", as: String.self)), seq: try row.decode(column: "seq", as: Int.self),
            idempotencyKey: try row.decode(column: "idempotency_key", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            state: State(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: Date(millis: try row.decode(column: "next_attempt_at", as: Int64.self)),
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            deliveredAt: try row.decode(column: "delivered_at", as: Int64?.self).map(Date.init(millis:)))
    }
}
