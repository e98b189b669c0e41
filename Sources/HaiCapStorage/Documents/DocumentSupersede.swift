import Foundation
import HaiCapDomain
import SQLKit

/// Updates and replacements (edXML `BusinessDocType` 2 and 3) really change what the recipients
/// hold: issuing a replacement withdraws each HaiCap recipient's copy of the earlier document with
/// the reason and links it to the new copy; an update links them and notes it, leaving the earlier
/// copy in force. The earlier outgoing document is linked to its successor.
extension DocumentTransition {
    func supersede(with document: OfficialDocument, at now: Date, in session: any SQLDatabase) async throws {
        guard let earlierId = document.supersedesId, let kind = document.supersession else { return }
        let code = document.numberAndNotation ?? "mã \(document.id)"
        let reason = document.supersedeReason ?? ""
        try await store.setSuccessor(earlierId, document.id, in: session)
        try await store.note(
            earlierId, action: "superseded",
            note: "\(kind == .replace ? "Được thay thế" : "Được cập nhật, đính chính") bởi văn bản số \(code). \(reason)",
            by: actorName, at: now, in: session)
        let copies = try await store.recipients(of: document.id, in: session)
        for recipient in try await store.recipients(of: earlierId, in: session) {
            guard let earlierCopy = recipient.incomingId else { continue }
            let current = try await store.get(earlierCopy, in: session)
            guard current.status != .withdrawn, current.status != .refused else { continue }
            let newCopy = copies.first { $0.organId == recipient.organId && $0.incomingId != nil }?.incomingId
            if let newCopy {
                try await store.setSuccessor(earlierCopy, newCopy, in: session)
                try await store.setSupersedes(newCopy, earlierCopy, kind: kind, reason: reason, in: session)
            }
            switch kind {
            case .replace:
                let withdrawal = DocumentTransition(
                    store: store, target: .withdrawn(earlierCopy, reason: "Được thay thế bởi văn bản số \(code). \(reason)"), actor: actor,
                    actorName: actorName)
                _ = try await store.ledger.record(
                    withdrawal, by: actor, actorName: actorName, calendar: try calendar(of: current.agencyId), at: now, in: session)
            case .update:
                try await store.note(
                    earlierCopy, action: "superseded", note: "Được cập nhật, đính chính bởi văn bản số \(code). \(reason)", by: actorName, at: now,
                    in: session)
            }
        }
    }
}

extension DocumentStore {
    func setSuccessor(_ id: Int, _ successor: Int, in session: any SQLDatabase) async throws {
        try await session.raw("UPDATE documents SET successor_id = \(bind: successor) WHERE id = \(bind: id)").run()
    }

    func setSupersedes(_ id: Int, _ earlier: Int, kind: DocumentSupersession, reason: String, in session: any SQLDatabase) async throws {
        try await session.raw(
            """
            UPDATE documents SET supersedes_id = \(bind: earlier), supersession = \(bind: kind.rawValue), supersede_reason = \(bind: reason)
            WHERE id = \(bind: id)
            """
        ).run()
    }

    /// A line on a document's timeline that changes nothing else (the ledger records changes).
    func note(_ id: Int, action: String, note: String, by actorName: String, at now: Date, in session: any SQLDatabase) async throws {
        try await timeline.append(
            TimelineEvent(
                CaseRef(.document, String(id)), at: now, actorUserId: nil, actorName: actorName, action: action, fromState: nil, toState: nil,
                note: String(note.prefix(2000)), isPublic: false), in: session)
    }

    /// An edXML recall, update or replacement from outside HaiCap, for the documents of `agencyId`
    /// received under the exchange identities it names: a recall or a replacement withdraws them
    /// (their sender hears 15), an update links and notes them. Returns the documents it changed.
    func applyOutsideBusiness(
        _ envelope: EdXMLEnvelope, agencyId: String, newId: Int?, by principal: Principal, calendar: WorkCalendar, at now: Date,
        in session: any SQLDatabase
    ) async throws -> [Int] {
        let reason = envelope.businessReason.isEmpty ? "" : " Lý do: \(String(envelope.businessReason.prefix(500)))"
        let targets = envelope.business == .recall ? [envelope.documentId] : envelope.replaces
        var changed: [Int] = []
        for exchangeId in targets where !exchangeId.isEmpty {
            let held = try await session.raw(
                """
                SELECT id FROM documents WHERE agency_id = \(bind: agencyId) AND exchange_id = \(bind: exchangeId)
                AND status NOT IN (\(bind: DocumentStatus.withdrawn.rawValue), \(bind: DocumentStatus.refused.rawValue))
                """
            ).all().map { try $0.decode(column: "id", as: Int.self) }.filter { $0 != newId }
            for id in held {
                let code = "\(envelope.codeNumber)/\(envelope.codeNotation)"
                if let newId {
                    try await setSuccessor(id, newId, in: session)
                    if let kind: DocumentSupersession = envelope.business == .replace ? .replace : envelope.business == .update ? .update : nil {
                        try await setSupersedes(newId, id, kind: kind, reason: envelope.businessReason, in: session)
                    }
                }
                switch envelope.business {
                case .recall, .replace:
                    let note =
                        envelope.business == .recall ? "Cơ quan gửi thu hồi văn bản.\(reason)" : "Được thay thế bởi văn bản số \(code).\(reason)"
                    let withdrawal = DocumentTransition(
                        store: self, target: .withdrawn(id, reason: note), actor: principal, actorName: envelope.from.organName)
                    _ = try await ledger.record(
                        withdrawal, by: principal, actorName: envelope.from.organName, calendar: calendar, at: now, in: session)
                case .update:
                    try await self.note(
                        id, action: "superseded", note: "Được cập nhật, đính chính bởi văn bản số \(code).\(reason)", by: envelope.from.organName,
                        at: now, in: session)
                case .new:
                    break
                }
                changed.append(id)
            }
        }
        return changed
    }
}
