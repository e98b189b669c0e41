import Foundation
import HaiCapDomain
import SQLKit

extension DocumentStore {
    /// An issued outgoing document as an edXML envelope: its header, its recipients, the text as a
    /// UTF-8 attachment and its stored files.
    public func envelope(_ id: Int, for principal: Principal, at now: Date) async throws -> EdXMLEnvelope {
        try await envelope(of: try await get(id, for: principal), at: now)
    }

    /// The envelope as the exchange sends it: to every recipient, or to the one at `position`; a
    /// recalled document goes as a recall (`BusinessDocType` 1).
    public func envelope(of document: OfficialDocument, only position: Int? = nil, at now: Date) async throws -> EdXMLEnvelope {
        let id = document.id
        guard document.direction == .outgoing, let issued = document.issuedDate, let code = document.numberAndNotation else {
            throw DocumentError.notExchangeable
        }
        var recipients = try await recipients(of: id)
        if let position {
            guard recipients.indices.contains(position) else { throw NotFoundError("recipient", String(position)) }
            recipients = [recipients[position]]
        }
        var attachments: [EdXMLEnvelope.Attachment] = []
        if let body = document.body, !body.isEmpty {
            attachments.append(
                EdXMLEnvelope.Attachment(
                    contentId: "cid:1", contentType: "text/plain", description: "Toàn văn", name: "van-ban-\(id).txt", data: Data(body.utf8)))
        }
        for file in try await files(of: id) {
            attachments.append(
                EdXMLEnvelope.Attachment(
                    contentId: "cid:\(attachments.count + 1)", contentType: file.contentType, description: file.description, name: file.name,
                    data: try await fileData(file.id, of: id)))
        }
        var envelope = EdXMLEnvelope(
            from: .init(organId: document.agencyId, organName: document.agencyName),
            to: recipients.map { .init(organId: $0.organId ?? "", organName: $0.organName) },
            documentId: EdXMLEnvelope.documentId(organId: document.agencyId, date: issued, numberAndNotation: code),
            codeNumber: document.codeNumber ?? "", codeNotation: document.codeNotation ?? "", place: "Thành phố Hồ Chí Minh",
            promulgationDate: issued, typeCode: document.normative ? 1 : 2, typeName: document.type.label, subject: document.subject,
            content: "", signerCompetence: "", signerPosition: document.signerPosition ?? "", signerName: document.signerName ?? "",
            toPlaces: recipients.map(\.organName), priority: document.urgency.priority, steeringType: 0,
            business: document.status == .recalled ? .recall : document.supersession?.business ?? .new,
            traces: [.init(organId: document.agencyId, timestamp: VietnamTime.iso(now))], attachments: attachments)
        if document.status == .recalled {
            envelope.businessReason = try await recallReason(of: id)
        } else if let earlierId = document.supersedesId, let earlier = try? await get(earlierId), let date = earlier.issuedDate,
            let earlierCode = earlier.numberAndNotation
        {
            envelope.businessReason = document.supersedeReason ?? ""
            envelope.replaces = [EdXMLEnvelope.documentId(organId: earlier.agencyId, date: date, numberAndNotation: earlierCode)]
        }
        return envelope
    }

    /// The reason the leader gave when recalling (the recall's timeline note).
    func recallReason(of id: Int) async throws -> String {
        try await database.sql.raw(
            """
            SELECT note FROM timeline_events WHERE case_type = \(bind: CaseKind.document.name) AND case_id = \(bind: String(id))
            AND action = \(bind: DocumentAction.recall.rawValue) ORDER BY id DESC LIMIT 1
            """
        ).first()?.decode(column: "note", as: String?.self) ?? ""
    }
}

extension DocumentStore {
    /// The status package HaiCap owes the outside sender of a document it received by edXML.
    public func statusPackage(of documentId: Int, code: ExchangeStatus, description: String, at now: Date) async throws -> EdXMLStatus {
        let document = try await get(documentId)
        let exchangeId = try await database.sql.raw("SELECT exchange_id FROM documents WHERE id = \(bind: documentId)").first()?
            .decode(column: "exchange_id", as: String?.self)
        return EdXMLStatus(
            from: .init(organId: document.agencyId, organName: document.agencyName), responseForDocumentId: exchangeId ?? "",
            responseForOrganId: document.fromOrganId ?? "", code: code, description: description, timestamp: VietnamTime.iso(now))
    }
}
