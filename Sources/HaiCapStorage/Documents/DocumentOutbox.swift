import Foundation
import HaiCapDomain
import SQLKit

/// The edXML side of the outbox: issued documents for recipients outside HaiCap, and the status
/// packages HaiCap owes the outside senders of documents it received by edXML. Messages are
/// ordered per document and destination, retried with backoff, and delivered by any instance.
public enum DocumentOutbox {
    public static let topic = "edxml"

    /// What a message asks the deliverer to send (the envelope itself is built at delivery, from
    /// the document as it then is, so the outbox stays small).
    public struct Payload: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case document, status }
        public var kind: Kind
        public var documentId: Int
        /// The recipient's place in the distribution list (a document).
        public var position: Int?
        /// The status code and its description (a status package).
        public var code: String?
        public var description: String?
    }

    static func enqueue(_ payload: Payload, destination: String, at now: Date, in session: any SQLDatabase, database: Database) async throws {
        let text = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        try await Outbox(database: database).enqueue(
            topic: topic, destination: String(destination.prefix(200)), for: CaseRef(.document, String(payload.documentId)), payload: { _ in text },
            at: now, in: session)
    }
}

extension DocumentStore {
    /// Issuing: every outside recipient gets the document through the exchange; the document's
    /// exchange identity is kept so that their status packages find it.
    /// Recalling sends the same way, as a recall (the envelope says so when it is built).
    func queueExternal(_ document: OfficialDocument, at now: Date, in session: any SQLDatabase) async throws {
        guard let issued = document.issuedDate, let code = document.numberAndNotation else { return }
        if document.status == .issued {
            try await setExchangeId(
                document.id, EdXMLEnvelope.documentId(organId: document.agencyId, date: issued, numberAndNotation: code), in: session)
        }
        for (position, recipient) in try await recipients(of: document.id, in: session).enumerated() where !recipient.isInternal {
            try await DocumentOutbox.enqueue(
                .init(kind: .document, documentId: document.id, position: position), destination: recipient.organId ?? recipient.organName, at: now,
                in: session, database: database)
        }
    }

    /// A document received by edXML from outside HaiCap: its sender hears of each step.
    func queueStatus(_ code: ExchangeStatus, of document: OfficialDocument, note: String, at now: Date, in session: any SQLDatabase) async throws {
        guard document.channel == .edxml, let sender = document.fromOrganId else { return }
        try await DocumentOutbox.enqueue(
            .init(kind: .status, documentId: document.id, code: code.rawValue, description: String(note.prefix(500))), destination: sender, at: now,
            in: session, database: database)
    }

    /// The exchange took the document for one outside recipient.
    public func markSent(_ documentId: Int, position: Int, at now: Date) async throws {
        try await database.sql.raw(
            """
            UPDATE document_recipients SET note = \(bind: "Đã gửi qua trục liên thông lúc \(VietnamTime.text(now))."), status_at = \(bind: now.millis)
            WHERE document_id = \(bind: documentId) AND position = \(bind: position)
            """
        ).run()
    }

    /// A status package from an outside recipient: the sender's recipient row and timeline. Returns
    /// the document it concerned; not found when HaiCap sent no such document to that organ.
    public func receive(_ status: EdXMLStatus, by principal: Principal, at now: Date) async throws -> OfficialDocument {
        guard
            let row = try await database.sql.raw(
                """
                SELECT d.id, r.position FROM documents d JOIN document_recipients r ON r.document_id = d.id
                WHERE d.exchange_id = \(bind: status.responseForDocumentId) AND d.direction = \(bind: DocumentDirection.outgoing.rawValue)
                AND r.organ_id = \(bind: status.from.organId) AND r.internal = 0
                """
            ).first()
        else { throw NotFoundError(CaseKind.document.name, status.responseForDocumentId) }
        let id = try row.decode(column: "id", as: Int.self)
        let position = try row.decode(column: "position", as: Int.self)
        let document = try await get(id)
        guard Policy.allows(principal, .handleDocuments), Policy.reaches(principal, document.scope) else {
            throw NotFoundError(CaseKind.document.name, status.responseForDocumentId)
        }
        let note = status.description.isEmpty ? nil : String(status.description.prefix(500))
        try await database.transaction { session in
            try await session.raw(
                """
                UPDATE document_recipients SET status = \(bind: status.code.rawValue), status_at = \(bind: now.millis), note = \(bind: note)
                WHERE document_id = \(bind: id) AND position = \(bind: position)
                """
            ).run()
            try await timeline.append(
                TimelineEvent(
                    CaseRef(.document, String(id)), at: now, actorUserId: nil, actorName: status.from.organName, action: "recipient-status",
                    fromState: nil, toState: status.code.rawValue,
                    note: "\(status.from.organName): \(status.code.label) (\(status.code.rawValue))." + (note.map { " \($0)" } ?? ""),
                    isPublic: false), in: session)
        }
        return document
    }
}
