import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Testing

/// The follow-up of incoming documents by unit and lead, on both databases. A document still
/// waiting for direction runs the clock of being passed on the same day, so it is overdue too.
@Suite("Documents: follow-up of overdue handling by unit")
struct DocumentFollowUpTests {
    @Test("waiting, handling, overdue and due today per agency and lead; completions of the year with the late ones; another ward sees none of it")
    func followUp() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let monday = DocumentTests.monday
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            let leader = try await DocumentTests.principal(services, "lanhdao.tandinh")
            let specialist = try await DocumentTests.principal(services, "chuyenvien.tandinh")
            let other = try await DocumentTests.principal(services, "lanhdao.benthanh")
            var ids: [Int] = []
            for number in ["301", "302", "303", "304"] {
                ids.append(try await services.documents.registerIncoming(DocumentTests.incoming(number: number), by: clerk, at: monday).id)
            }
            // Two due today (0 working days), one in ten days, one left waiting for direction.
            for (id, days) in [(ids[0], 0), (ids[1], 0), (ids[2], 10)] {
                _ = try await services.documents.act(
                    id, .assign, DocumentActionInput(leadId: specialist.userId, instruction: "Xử lý", days: days), by: leader, at: monday)
            }
            // One of today's is finished on Wednesday: late.
            let wednesday = VietnamTime.date(2026, 11, 25, 10, 0)
            _ = try await services.documents.act(ids[0], .complete, DocumentActionInput(note: "Đã xong"), by: specialist, at: wednesday)

            let atMonday = try await services.documents.followUp(year: 2026, for: leader, now: VietnamTime.date(2026, 11, 23, 10, 0))
            let ward = try #require(atMonday.agencies.first { $0.key == clerk.agencyId })
            // Today's assignment and the one waiting for direction (to be passed on the same day).
            #expect(ward.dueToday == 2 && ward.overdue == 0)
            let later = try await services.documents.followUp(year: 2026, for: leader, now: VietnamTime.date(2026, 11, 26, 10, 0))
            let row = try #require(later.agencies.first { $0.key == clerk.agencyId })
            #expect(row.waiting == 1)
            #expect(row.handling == 2)
            #expect(row.overdue == 2)
            #expect(row.done == 1 && row.doneLate == 1)
            #expect(row.onTimeRate == 0)
            let lead = try #require(later.leads.first { $0.key == String(specialist.userId) })
            #expect(lead.name == specialist.fullName && lead.overdue == 1 && lead.handling == 2)
            // Ordered by overdue first.
            #expect(later.agencies.first?.overdue == later.agencies.map(\.overdue).max())
            let elsewhere = try await services.documents.followUp(year: 2026, for: other, now: wednesday)
            #expect(elsewhere.agencies.allSatisfy { $0.key != clerk.agencyId })
        }
    }
}

/// Giao việc inside the agency, on both databases.
@Suite("Documents: work given to colleagues inside the agency")
struct DocumentHelperTests {
    @Test(
        "the lead gives a part to a colleague, who finds it in «Việc của tôi» and reports it; others may not; the part's deadline stays within the document's"
    )
    func delegate() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let monday = DocumentTests.monday
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            let leader = try await DocumentTests.principal(services, "lanhdao.tandinh")
            let lead = try await DocumentTests.principal(services, "chuyenvien.tandinh")
            // The ward's committee has a leader, a specialist and a clerk: the clerk is the colleague.
            let colleague = clerk
            let document = try await services.documents.registerIncoming(DocumentTests.incoming(number: "501"), by: clerk, at: monday)
            _ = try await services.documents.act(
                document.id, .assign, DocumentActionInput(leadId: lead.userId, instruction: "Chủ trì", days: 5), by: leader, at: monday)

            var give = DocumentActionInput(note: "Tổng hợp số liệu khu phố 1 đến 5", days: 3)
            give.helperId = colleague.userId
            // The clerk is neither the lead nor a leader.
            await #expect(throws: AccessError.self) { _ = try await services.documents.act(document.id, .delegate, give, by: clerk, at: monday) }
            var tooLate = give
            tooLate.days = 30
            await #expect(throws: ValidationError.self) {
                _ = try await services.documents.act(document.id, .delegate, tooLate, by: lead, at: monday)
            }
            _ = try await services.documents.act(document.id, .delegate, give, by: lead, at: monday)
            let helpers = try await services.documents.helpers(of: document.id)
            #expect(helpers.map(\.userId) == [colleague.userId])
            let calendar = try await services.calendars.calendar(agencyId: clerk.agencyId)
            #expect(helpers.first?.due == calendar.addWorkingDays(3, to: monday))
            #expect(try await services.documents.list(.init(queue: .mine), for: colleague, now: monday).items.map(\.id) == [document.id])

            // Only the colleague with an open part reports it, once.
            await #expect(throws: AccessError.self) {
                _ = try await services.documents.act(document.id, .report, DocumentActionInput(note: "Đã tổng hợp xong"), by: lead, at: monday)
            }
            _ = try await services.documents.act(
                document.id, .report, DocumentActionInput(note: "Đã tổng hợp xong 5 khu phố"), by: colleague, at: monday)
            #expect(try await services.documents.helpers(of: document.id).first?.doneNote == "Đã tổng hợp xong 5 khu phố")
            #expect(try await services.documents.list(.init(queue: .mine), for: colleague, now: monday).items.isEmpty)
            await #expect(throws: AccessError.self) {
                _ = try await services.documents.act(document.id, .report, DocumentActionInput(note: "Lần nữa"), by: colleague, at: monday)
            }
            let steps = try await services.timeline.events(of: CaseRef(.document, String(document.id))).map(\.action)
            #expect(steps.contains("delegate") && steps.contains("report"))

            // A secret document stays with its lead.
            var secret = DocumentTests.incoming(number: "502")
            secret.secrecy = .secret
            let hidden = try await services.documents.registerIncoming(secret, by: clerk, at: monday)
            _ = try await services.documents.act(
                hidden.id, .assign, DocumentActionInput(leadId: lead.userId, instruction: "Chủ trì", days: 5), by: leader, at: monday)
            await #expect(throws: ValidationError.self) { _ = try await services.documents.act(hidden.id, .delegate, give, by: lead, at: monday) }
        }
    }
}

/// Versions of a draft, on both databases.
@Suite("Documents: versions of a draft")
struct DocumentVersionTests {
    @Test("each revision keeps the text it replaces; an unchanged or submitted draft is not revised; search follows the new subject")
    func revise() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let now = DocumentTests.monday
            let specialist = try await DocumentTests.principal(services, "chuyenvien.tandinh")
            let draft = try await services.documents.draftOutgoing(
                DocumentTests.letter(to: ["000.00.02.H29"], subject: "Về việc kiểm tra nhà trọ"), by: specialist, at: now)
            var input = DocumentActionInput(note: "Thêm thời hạn báo cáo")
            input.subject = "Về việc kiểm tra an toàn phòng cháy tại nhà trọ"
            input.body = "Đề nghị các khu phố kiểm tra và báo cáo trước ngày 10/12/2026."
            _ = try await services.documents.act(draft.id, .revise, input, by: specialist, at: now.addingTimeInterval(60))
            input.body = "Đề nghị các khu phố kiểm tra và báo cáo trước ngày 05/12/2026."
            input.note = "Rút ngắn thời hạn"
            let revised = try await services.documents.act(draft.id, .revise, input, by: specialist, at: now.addingTimeInterval(120))
            #expect(revised.subject == "Về việc kiểm tra an toàn phòng cháy tại nhà trọ")
            #expect(revised.body == "Đề nghị các khu phố kiểm tra và báo cáo trước ngày 05/12/2026.")
            let versions = try await services.documents.versions(of: draft.id)
            #expect(versions.map(\.number) == [1, 2])
            #expect(versions[0].subject == "Về việc kiểm tra nhà trọ")
            #expect(versions[0].body == DocumentTests.letter(to: []).body)
            #expect(versions[1].body == "Đề nghị các khu phố kiểm tra và báo cáo trước ngày 10/12/2026.")
            #expect(versions[1].note.contains("Rút ngắn thời hạn"))
            await #expect(throws: ValidationError.self) {
                _ = try await services.documents.act(draft.id, .revise, input, by: specialist, at: now.addingTimeInterval(180))
            }
            #expect(try await services.documents.search("an toàn phòng cháy nhà trọ", for: specialist).hits.map(\.document.id) == [draft.id])
            _ = try await services.documents.act(draft.id, .submit, DocumentActionInput(), by: specialist, at: now.addingTimeInterval(240))
            input.body = "Khác"
            await #expect(throws: DocumentError.self) {
                _ = try await services.documents.act(draft.id, .revise, input, by: specialist, at: now.addingTimeInterval(300))
            }
        }
    }
}
