import Foundation
import HaiCapDomain
import SQLKit

extension DocumentStore {
    /// An issued outgoing document as an edXML envelope: its header, its recipients, the text as a
    /// UTF-8 attachment and its stored files.
    public func envelope(_ id: Int, for principal: Principal, at now: Date) async throws -> EdXMLEnvelope {
        let document = try await get(id, for: principal)
        guard document.direction == .outgoing, let issued = document.issuedDate, let code = document.numberAndNotation else {
            throw DocumentError.notExchangeable
        }
        let recipients = try await recipients(of: id)
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
        return EdXMLEnvelope(
            from: .init(organId: document.agencyId, organName: document.agencyName),
            to: recipients.map { .init(organId: $0.organId ?? "", organName: $0.organName) },
            documentId: EdXMLEnvelope.documentId(organId: document.agencyId, date: issued, numberAndNotation: code),
            codeNumber: document.codeNumber ?? "", codeNotation: document.codeNotation ?? "", place: "Thành phố Hồ Chí Minh",
            promulgationDate: issued, typeCode: document.normative ? 1 : 2, typeName: document.type.label, subject: document.subject,
            content: "", signerCompetence: "", signerPosition: document.signerPosition ?? "", signerName: document.signerName ?? "",
            toPlaces: recipients.map(\.organName), priority: document.urgency.priority, steeringType: 0, business: .new,
            traces: [.init(organId: document.agencyId, timestamp: VietnamTime.iso(now))], attachments: attachments)
    }
}
