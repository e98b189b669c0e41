import Foundation
import HaiCapDomain
import SQLKit

/// The generic case timeline: every state change of every kind of case.
public struct Timeline: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func append(_ event: TimelineEvent, in session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO timeline_events (case_type, case_id, at, actor_user_id, actor_name, action, from_state, to_state, note, is_public)
            VALUES (\(bind: event.ref.kind.name), \(bind: event.ref.id), \(bind: event.at.millis), \(bind: event.actorUserId),
                    \(bind: event.actorName), \(bind: event.action), \(bind: event.fromState), \(bind: event.toState),
                    \(bind: event.note), \(bind: event.isPublic ? 1 : 0))
            """
        ).run()
    }

    /// Oldest first, as a history reads.
    public func events(of ref: CaseRef, publicOnly: Bool = false) async throws -> [TimelineEvent] {
        try await events(ref.kind, ids: [ref.id], publicOnly: publicOnly)
    }

    /// The events of several cases in one read (a page of a list), oldest first within each case.
    public func events(_ kind: CaseKind, ids caseIds: [String], publicOnly: Bool = false) async throws -> [TimelineEvent] {
        guard !caseIds.isEmpty else { return [] }
        let rows = try await database.sql.raw(
            """
            SELECT * FROM timeline_events WHERE case_type = \(bind: kind.name) AND case_id IN (\(binds: caseIds))
            \(unsafeRaw: publicOnly ? "AND is_public = 1" : "") ORDER BY case_id, id
            """
        ).all()
        return try rows.map { row in
            TimelineEvent(
                id: try row.decode(column: "id", as: Int.self), CaseRef(kind, try row.decode(column: "case_id", as: String.self)),
                at: Date(millis: try row.decode(column: "at", as: Int64.self)),
                actorUserId: try row.decode(column: "actor_user_id", as: Int?.self),
                actorName: try row.decode(column: "actor_name", as: String.self),
                action: try row.decode(column: "action", as: String.self),
                fromState: try row.decode(column: "from_state", as: String?.self),
                toState: try row.decode(column: "to_state", as: String?.self),
                note: try row.decode(column: "note", as: String.self),
                isPublic: try row.decode(column: "is_public", as: Int.self) == 1)
        }
    }
}
