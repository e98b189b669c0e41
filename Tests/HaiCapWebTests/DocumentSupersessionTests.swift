import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import SQLKit
import Testing

/// Recall, update and replace change what the recipients hold, inside HaiCap and through edXML,
/// on both databases (QCVN 102 `BusinessDocType` 1–3; status 13 → 15).
@Suite("Documents: updates, replacements and recalls reach the registered copies")
struct DocumentSupersessionTests {
    @Test("a replacement withdraws each recipient's copy and links it to the new one; an update links and keeps it; the sender hears 15")
    func insideHaiCap() async throws {
        try await TestDatabase.withServices { services in
            let now = DocumentTests.monday
            let specialist = try await DocumentTests.principal(services, "chuyenvien.tandinh")
            let leader = try await DocumentTests.principal(services, "lanhdao.tandinh")
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            let benThanh = try await DocumentTests.principal(services, "lanhdao.benthanh")
            func issue(_ input: OutgoingInput) async throws -> OfficialDocument {
                try await DocumentTests.issue(input, services: services, specialist: specialist, leader: leader, clerk: clerk, at: now)
            }
            let first = try await issue(DocumentTests.letter(to: [benThanh.agencyId], subject: "Về việc tổ chức hội nghị ngày 28/11"))
            let firstCopy = try #require(try await services.documents.recipients(of: first.id).first?.incomingId)

            // Refused before any change: a draft is not issued, and the reason is required.
            var wrong = DocumentTests.letter(to: [benThanh.agencyId])
            wrong.supersedes = .init(id: first.id, kind: .replace, reason: "")
            await #expect(throws: ValidationError.self) { _ = try await services.documents.draftOutgoing(wrong, by: specialist, at: now) }
            let draft = try await services.documents.draftOutgoing(DocumentTests.letter(to: [benThanh.agencyId]), by: specialist, at: now)
            wrong.supersedes = .init(id: draft.id, kind: .replace, reason: "Sai ngày hội nghị")
            await #expect(throws: ValidationError.self) { _ = try await services.documents.draftOutgoing(wrong, by: specialist, at: now) }

            var update = DocumentTests.letter(to: [benThanh.agencyId], subject: "Về việc đính chính địa điểm hội nghị ngày 28/11")
            update.supersedes = .init(id: first.id, kind: .update, reason: "Đính chính địa điểm: hội trường B")
            let updated = try await issue(update)
            let updateCopy = try #require(try await services.documents.recipients(of: updated.id).first?.incomingId)
            let keptCopy = try await services.documents.get(firstCopy)
            #expect(keptCopy.status == .arrived)
            #expect(keptCopy.successorId == updateCopy)
            #expect(try await services.documents.get(updateCopy).supersedesId == firstCopy)
            #expect(try await services.documents.get(updateCopy).supersession == .update)
            #expect(try await services.timeline.events(of: CaseRef(.document, String(firstCopy))).contains { $0.action == "superseded" })
            // An updated document may still be replaced.

            var replacement = DocumentTests.letter(to: [benThanh.agencyId], subject: "Về việc tổ chức hội nghị ngày 05/12 (thay thế)")
            replacement.supersedes = .init(id: first.id, kind: .replace, reason: "Đổi ngày hội nghị")
            let replaced = try await issue(replacement)
            let replacedCopy = try #require(try await services.documents.recipients(of: replaced.id).first?.incomingId)
            let withdrawn = try await services.documents.get(firstCopy)
            #expect(withdrawn.status == .withdrawn)
            #expect(withdrawn.withdrawnReason?.contains(replaced.numberAndNotation ?? "?") == true)
            #expect(withdrawn.withdrawnReason?.contains("Đổi ngày hội nghị") == true)
            #expect(withdrawn.successorId == replacedCopy)
            let newCopy = try await services.documents.get(replacedCopy)
            #expect(newCopy.supersedesId == firstCopy && newCopy.supersession == .replace)
            #expect(try await services.documents.get(first.id).successorId == replaced.id)
            // The withdrawn copy left B's queues; the sender's recipient row says 15.
            let waiting = try await services.documents.list(.init(queue: .toRegister), for: benThanh, now: now).items.map(\.id)
            #expect(!waiting.contains(firstCopy) && waiting.contains(replacedCopy))
            #expect(try await services.documents.recipients(of: first.id).first?.status == .recallAccepted)
            // A replaced document is out of force: it cannot be superseded again.
            var again = DocumentTests.letter(to: [benThanh.agencyId])
            again.supersedes = .init(id: first.id, kind: .update, reason: "Đính chính lần nữa")
            await #expect(throws: ValidationError.self) { _ = try await services.documents.draftOutgoing(again, by: specialist, at: now) }
            // Going out by edXML it is a replacement naming the earlier document.
            let envelope = try await services.documents.envelope(of: try await services.documents.get(replaced.id), at: now)
            #expect(envelope.business == .replace)
            #expect(envelope.businessReason == "Đổi ngày hội nghị")
            #expect(envelope.replaces.first?.hasSuffix(first.numberAndNotation ?? "?") == true)
        }
    }

    @Test(
        "edXML from outside: a replacement withdraws the copy it names, a recall withdraws its document (15 queued to the sender), an unknown recall is 404"
    )
    func fromOutside() async throws {
        try await TestDatabase.withServices { services in
            let now = DocumentTests.monday
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            let original = EdXMLTests.envelope(to: clerk.agencyId, number: "40")
            let first = try #require(try await services.documents.receive(original, by: clerk, at: now).first)
            var replacement = EdXMLTests.envelope(to: clerk.agencyId, number: "41")
            replacement.business = .replace
            replacement.businessReason = "Thay thế do sai số liệu"
            replacement.replaces = [original.documentId]
            // Round trip through the writer and the reader keeps the business block.
            let read = try EdXMLReader.read(EdXMLWriter.write(replacement))
            #expect(read.business == .replace && read.replaces == [original.documentId] && read.businessReason == "Thay thế do sai số liệu")
            let second = try #require(try await services.documents.receive(read, by: clerk, at: now).first)
            let old = try await services.documents.get(first.id)
            #expect(old.status == .withdrawn && old.successorId == second.id)
            #expect(try await services.documents.get(second.id).supersedesId == first.id)

            var recall = EdXMLTests.envelope(to: clerk.agencyId, number: "41")
            recall.business = .recall
            recall.businessReason = "Ban hành nhầm"
            let recalled = try await services.documents.receive(recall, by: clerk, at: now)
            #expect(recalled.map(\.id) == [second.id])
            #expect(recalled.first?.status == .withdrawn)
            #expect(recalled.first?.withdrawnReason?.contains("Ban hành nhầm") == true)
            let statuses = try await services.database.sql.raw(
                "SELECT payload FROM outbox_messages WHERE topic = \(bind: DocumentOutbox.topic) AND case_id = \(bind: String(second.id))"
            ).all().map { try $0.decode(column: "payload", as: String.self) }
            #expect(statuses.contains { $0.contains("\"15\"") })
            var unknown = EdXMLTests.envelope(to: clerk.agencyId, number: "99")
            unknown.business = .recall
            await #expect(throws: NotFoundError.self) { _ = try await services.documents.receive(unknown, by: clerk, at: now) }
        }
    }
}
