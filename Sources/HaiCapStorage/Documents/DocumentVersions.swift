import Foundation
import HaiCapDomain
import SQLKit

/// Versions of a draft: a revision keeps the subject and text it replaces, numbered from 1, with who
/// replaced them, when and why (`saved_by_name`, `saved_at`, `note`); the row holds the current one.
extension DocumentStore {
    public func versions(of id: Int) async throws -> [DocumentVersion] {
        try await database.sql.raw("SELECT * FROM document_versions WHERE document_id = \(bind: id) ORDER BY number").all().map { row in
            DocumentVersion(
                number: try row.decode(column: "number", as: Int.self), subject: try row.decode(column: "subject", as: String.self),
                body: try row.decode(column: "body", as: String.self), savedBy: try row.decode(column: "saved_by_name", as: String.self),
                savedAt: Date(millis: try row.decode(column: "saved_at", as: Int64.self)), note: try row.decode(column: "note", as: String.self))
        }
    }

    /// Keeps the draft as it was (`before`) and writes the new text.
    func keepVersion(
        _ before: OfficialDocument, replacedBy: String, at now: Date, note: String, revised: OfficialDocument, in session: any SQLDatabase
    ) async throws {
        let last =
            try await session.raw("SELECT COALESCE(MAX(number), 0) AS n FROM document_versions WHERE document_id = \(bind: before.id)").first()!
            .decode(column: "n", as: Int.self)
        try await session.raw(
            """
            INSERT INTO document_versions (document_id, number, subject, body, saved_by_name, saved_at, note)
            VALUES (\(bind: before.id), \(bind: last + 1), \(bind: before.subject), \(bind: before.body ?? ""), \(bind: replacedBy),
                    \(bind: now.millis), \(bind: note))
            """
        ).run()
        try await session.raw(
            "UPDATE documents SET subject = \(bind: revised.subject), body = \(bind: revised.body) WHERE id = \(bind: before.id)"
        ).run()
    }
}
