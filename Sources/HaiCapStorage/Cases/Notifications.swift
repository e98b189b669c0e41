import Foundation
import HaiCapDomain
import SQLKit

/// What staff see under the bell: notices delivered from the outbox, newest first, each marked
/// read by its owner.
public struct Notifications: Sendable {
    public struct Item: Sendable, Equatable {
        public var id: Int
        public var ref: CaseRef
        public var event: String
        public var title: String
        public var body: String
        public var createdAt: Date
        public var readAt: Date?
    }

    let database: Database

    public init(database: Database) { self.database = database }

    /// Lands one outbox message; a message delivered twice (a lease that ran out) lands once.
    public func deliver(_ message: OutboxMessage, at now: Date) async throws {
        let notice = try Notice.decode(message.payload)
        try await database.sql.raw(
            """
            INSERT INTO notifications (message_id, user_id, case_type, case_id, event, title, body, created_at)
            VALUES (\(bind: message.id), \(bind: notice.userId), \(bind: notice.caseType), \(bind: notice.caseId), \(bind: notice.event),
                    \(bind: notice.title), \(bind: notice.body), \(bind: now.millis))
            ON CONFLICT (message_id) DO NOTHING
            """
        ).run()
    }

    public func unreadCount(userId: Int) async throws -> Int {
        try await database.sql.raw("SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: userId) AND read_at IS NULL")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// One page of the user's notifications, newest first; `unreadOnly` leaves out the read ones.
    public func list(userId: Int, unreadOnly: Bool = false, limit: Int, offset: Int) async throws -> (items: [Item], total: Int) {
        let unread: SQLQueryString = unreadOnly ? " AND read_at IS NULL" : ""
        let total =
            try await database.sql.raw("SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: userId)\(unread)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await database.sql.raw(
            """
            SELECT * FROM notifications WHERE user_id = \(bind: userId)\(unread) ORDER BY id DESC
            LIMIT \(literal: max(1, min(limit, 200))) OFFSET \(literal: max(0, offset))
            """
        ).all()
        return (try rows.map(Self.decode), total)
    }

    /// One of the user's notifications; another user's id is not found.
    public func item(_ id: Int, userId: Int) async throws -> Item {
        guard let row = try await database.sql.raw("SELECT * FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: userId)").first() else {
            throw NotFoundError("notification", String(id))
        }
        return try Self.decode(row)
    }

    /// Marks one of the user's notifications read; another user's id is not found.
    /// Read twice, it keeps the first reading's time.
    @discardableResult
    public func markRead(_ id: Int, userId: Int, at now: Date) async throws -> Item {
        // The user's own only: another user's id matches no row here and is not found below.
        try await database.sql.raw(
            """
            UPDATE notifications SET read_at = \(bind: now.millis) WHERE id = \(bind: id) AND user_id = \(bind: userId) AND read_at IS NULL
            """
        ).run()
        return try await item(id, userId: userId)
    }

    @discardableResult
    public func markAllRead(userId: Int, at now: Date) async throws -> Int {
        let count = try await unreadCount(userId: userId)
        try await database.sql.raw(
            """
            UPDATE notifications SET read_at = \(bind: now.millis) WHERE user_id = \(bind: userId) AND read_at IS NULL
            """
        ).run()
        return count
    }

    static func decode(_ row: any SQLRow) throws -> Item {
        let kind = CaseKind.stored(try row.decode(column: "case_type", as: String.self))
        return Item(
            id: try row.decode(column: "id", as: Int.self), ref: CaseRef(kind, try row.decode(column: "case_id", as: String.self)),
            event: try row.decode(column: "event", as: String.self), title: try row.decode(column: "title", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            readAt: try row.decode(column: "read_at", as: Int64?.self).map(Date.init(millis:)))
    }
}
