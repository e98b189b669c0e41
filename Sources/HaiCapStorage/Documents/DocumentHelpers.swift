import Foundation
import HaiCapDomain
import SQLKit

/// Giao việc inside the agency: the lead of an incoming document (or a leader) gives a part to a
/// colleague, who finds it in «Việc của tôi» and reports it done; both are steps of the ledger.
extension DocumentStore {
    /// The colleagues given parts of a document, in the order they were given.
    public func helpers(of id: Int, in session: (any SQLDatabase)? = nil) async throws -> [DocumentHelper] {
        try await (session ?? database.sql).raw("SELECT * FROM document_helpers WHERE document_id = \(bind: id) ORDER BY assigned_at, user_id")
            .all().map { row in
                DocumentHelper(
                    userId: try row.decode(column: "user_id", as: Int.self), name: try row.decode(column: "user_name", as: String.self),
                    instruction: try row.decode(column: "instruction", as: String.self),
                    due: try row.decode(column: "due_at", as: Int64?.self).map(Date.init(millis:)),
                    assignedBy: try row.decode(column: "assigned_by_name", as: String.self),
                    assignedAt: Date(millis: try row.decode(column: "assigned_at", as: Int64.self)),
                    doneAt: try row.decode(column: "done_at", as: Int64?.self).map(Date.init(millis:)),
                    doneNote: try row.decode(column: "done_note", as: String?.self))
            }
    }

    /// Whether `principal` may take `action` on this document beyond the rule table: giving work is
    /// for the lead and the leaders, reporting for a colleague with an open part.
    public static func mayTake(_ action: DocumentAction, on document: OfficialDocument, helpers: [DocumentHelper], by principal: Principal) -> Bool {
        switch action {
        case .delegate: document.leadId == principal.userId || Policy.documentLeaders.contains(principal.role)
        case .report: helpers.contains { $0.userId == principal.userId && $0.isOpen }
        default: true
        }
    }

    /// The actions the page and the API offer `principal` on a document: the rule table's, within
    /// the principal's reach, less those the document itself rules out (`mayTake`).
    public static func offered(_ document: OfficialDocument, helpers: [DocumentHelper], to principal: Principal) -> [DocumentAction] {
        guard Policy.mayAct(principal, document.scope) else { return [] }
        return DocumentWorkflow.allowed(document.direction, in: document.status, for: principal).filter {
            mayTake($0, on: document, helpers: helpers, by: principal)
        }
    }

    func giveWork(
        _ document: OfficialDocument, to helper: Account, instruction: String, due: Date?, by actorName: String, at now: Date,
        in session: any SQLDatabase
    ) async throws {
        try await session.raw(
            """
            INSERT INTO document_helpers (document_id, user_id, user_name, instruction, due_at, assigned_by_name, assigned_at)
            VALUES (\(bind: document.id), \(bind: helper.id), \(bind: helper.fullName), \(bind: instruction), \(bind: due?.millis),
                    \(bind: actorName), \(bind: now.millis))
            ON CONFLICT (document_id, user_id) DO UPDATE SET instruction = EXCLUDED.instruction, due_at = EXCLUDED.due_at,
                assigned_by_name = EXCLUDED.assigned_by_name, assigned_at = EXCLUDED.assigned_at, done_at = NULL, done_note = NULL
            """
        ).run()
    }

    func reportWork(_ document: OfficialDocument, by principal: Principal, note: String, at now: Date, in session: any SQLDatabase) async throws {
        try await session.raw(
            """
            UPDATE document_helpers SET done_at = \(bind: now.millis), done_note = \(bind: note)
            WHERE document_id = \(bind: document.id) AND user_id = \(bind: principal.userId)
            """
        ).run()
    }
}
