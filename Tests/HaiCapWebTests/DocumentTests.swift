import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import SQLKit
import Testing

/// Official documents on both databases: numbering without gaps, exchange between two wards and a
/// department with the sender seeing every status, recall, duplicates, deadlines on the shared
/// clock, and who sees what.
@Suite("Official documents: registers, exchange, deadlines, scope")
struct DocumentTests {
    static let monday = VietnamTime.date(2026, 11, 23, 9, 0)

    static func principal(_ services: AppServices, _ username: String) async throws -> Principal {
        try await services.accounts.principal(for: try #require(try await services.accounts.find(username: username)))
    }

    static func letter(
        to recipients: [String], type: DocumentType = .congVan, unit: String? = "VP", subject: String = "Về việc rà soát hộ nghèo năm 2026"
    )
        -> OutgoingInput
    {
        OutgoingInput(
            type: type, subject: subject, body: "Kính gửi các cơ quan.\nĐề nghị rà soát và báo cáo trước ngày 15/12/2026.",
            draftingUnit: unit, recipients: recipients.map { OutgoingInput.Recipient(organId: $0) })
    }

    static func incoming(number: String = "125", organ: String = "Sở Nội vụ", urgency: DocumentUrgency = .normal) -> IncomingInput {
        IncomingInput(
            fromOrganId: "000.00.02.H29", fromOrganName: organ, codeNumber: number, codeNotation: "SNV-CCVC",
            issuedDate: LocalDate(year: 2026, month: 11, day: 20), type: .congVan, subject: "Về việc tuyển dụng công chức cấp xã năm 2026",
            signerName: "Nguyễn Văn Nội", urgency: urgency)
    }

    /// Drafted by the specialist, signed by the leader, issued by the clerk.
    static func issue(
        _ input: OutgoingInput, services: AppServices, specialist: Principal, leader: Principal, clerk: Principal, at now: Date
    ) async throws -> OfficialDocument {
        let draft = try await services.documents.draftOutgoing(input, by: specialist, at: now)
        _ = try await services.documents.act(draft.id, .submit, DocumentActionInput(), by: specialist, at: now)
        _ = try await services.documents.act(draft.id, .sign, DocumentActionInput(note: "Chủ tịch"), by: leader, at: now)
        return try await services.documents.act(draft.id, .issue, DocumentActionInput(), by: clerk, at: now)
    }

    @Test("numbers: 16 concurrent issues take 01…16 with no gap or repeat; the series restarts on 1 January; notations per NĐ 30")
    func numbering() async throws {
        try await TestDatabase.withServices { services in
            let specialist = try await Self.principal(services, "chuyenvien.tandinh")
            let leader = try await Self.principal(services, "lanhdao.tandinh")
            let clerk = try await Self.principal(services, "vanthu.tandinh")
            var signed: [Int] = []
            for index in 0..<16 {
                let draft = try await services.documents.draftOutgoing(
                    Self.letter(to: ["000.00.02.H29"], type: index % 2 == 0 ? .congVan : .quyetDinh, subject: "Văn bản thử số \(index)"),
                    by: specialist, at: Self.monday)
                _ = try await services.documents.act(draft.id, .submit, DocumentActionInput(), by: specialist, at: Self.monday)
                _ = try await services.documents.act(draft.id, .sign, DocumentActionInput(), by: leader, at: Self.monday)
                signed.append(draft.id)
            }
            let issued = try await withThrowingTaskGroup(of: OfficialDocument.self) { group in
                for id in signed {
                    group.addTask { try await services.documents.act(id, .issue, DocumentActionInput(), by: clerk, at: Self.monday) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let numbers = issued.compactMap { $0.codeNumber.flatMap { Int($0) } }.sorted()
            #expect(numbers == Array(1...16))
            #expect(Set(issued.compactMap(\.numberAndNotation)).count == 16)
            let decision = try #require(issued.first { $0.type == .quyetDinh })
            #expect(decision.codeNotation == "QĐ-UBND")
            let letter = try #require(issued.first { $0.type == .congVan && $0.codeNumber == "01" || $0.type == .congVan })
            #expect(letter.codeNotation == "UBND-VP")
            #expect(issued.allSatisfy { ($0.codeNumber ?? "").count >= 2 })

            // 31 December, then 2 January: the next year starts again at 01.
            let lastDay = VietnamTime.date(2026, 12, 31, 10, 0)
            let newYear = VietnamTime.date(2027, 1, 4, 10, 0)
            let december = try await Self.issue(
                Self.letter(to: ["000.00.02.H29"]), services: services, specialist: specialist, leader: leader, clerk: clerk, at: lastDay)
            let january = try await Self.issue(
                Self.letter(to: ["000.00.02.H29"]), services: services, specialist: specialist, leader: leader, clerk: clerk, at: newYear)
            #expect(december.codeNumber == "17")
            #expect(january.codeNumber == "01")
            #expect(january.issuedDate == LocalDate(year: 2027, month: 1, day: 4))
        }
    }

    @Test(
        "a letter from ward A reaches ward B and a department; B registers, assigns, handles; A sees 01 → 03 → 04 → 05 → 06; a recall withdraws the copies"
    )
    func exchange() async throws {
        try await TestDatabase.withServices { services in
            let specialistA = try await Self.principal(services, "chuyenvien.tandinh")
            let leaderA = try await Self.principal(services, "lanhdao.tandinh")
            let clerkA = try await Self.principal(services, "vanthu.tandinh")
            let clerkB = try await Self.principal(services, "vanthu.benthanh")
            let leaderB = try await Self.principal(services, "lanhdao.benthanh")
            let specialistB = try await Self.principal(services, "chuyenvien.benthanh")
            let department = try await Self.principal(services, "so.xaydung")
            let sent = try await Self.issue(
                Self.letter(to: [leaderB.agencyId, department.agencyId]), services: services, specialist: specialistA, leader: leaderA,
                clerk: clerkA, at: Self.monday)
            #expect(sent.status == .issued)
            var recipients = try await services.documents.recipients(of: sent.id)
            #expect(recipients.map(\.status) == [.arrived, .arrived])
            let copyId = try #require(recipients[0].incomingId)

            // B's desk: it arrived by itself, the clerk registers it, the leader assigns it.
            let waiting = try await services.documents.list(.init(queue: .toRegister), for: clerkB, now: Self.monday)
            #expect(waiting.items.map(\.id) == [copyId])
            let later = Self.monday.addingTimeInterval(3600)
            let registered = try await services.documents.act(copyId, .register, DocumentActionInput(), by: clerkB, at: later)
            #expect(registered.arrivalNumber == 1)
            #expect(registered.fromOrganName == sent.agencyName)
            #expect(registered.numberAndNotation == sent.numberAndNotation)
            let assigned = try await services.documents.act(
                copyId, .assign, DocumentActionInput(leadId: specialistB.userId, support: "Công an phường", instruction: "Rà soát, báo cáo", days: 5),
                by: leaderB, at: later)
            let calendar = try await services.calendars.calendar(agencyId: leaderB.agencyId)
            #expect(assigned.due == calendar.addWorkingDays(5, to: later))
            #expect(assigned.leadName == specialistB.fullName)
            let mine = try await services.documents.list(.init(queue: .mine), for: specialistB, now: later)
            #expect(mine.items.map(\.id) == [copyId])
            _ = try await services.documents.act(copyId, .progress, DocumentActionInput(note: "Đang rà soát 12 khu phố"), by: specialistB, at: later)
            let done = try await services.documents.act(copyId, .complete, DocumentActionInput(note: "Đã báo cáo"), by: specialistB, at: later)
            #expect(done.status == .done)

            recipients = try await services.documents.recipients(of: sent.id)
            #expect(recipients.map(\.status) == [.done, .arrived])
            let reported = try await services.timeline.events(of: CaseRef(.document, String(sent.id))).filter { $0.action == "recipient-status" }
                .filter { $0.note.hasPrefix(leaderB.agencyName) }.compactMap(\.toState)
            #expect(reported == ["01", "03", "04", "05", "06"])

            // The department has not registered its copy yet; the recall withdraws it (and B's, already done).
            _ = try await services.documents.act(sent.id, .recall, DocumentActionInput(note: "Ban hành nhầm nơi nhận"), by: leaderA, at: later)
            let departmentCopy = try await services.documents.get(try #require(recipients[1].incomingId))
            #expect(departmentCopy.status == .withdrawn)
            #expect(departmentCopy.withdrawnReason?.contains("Ban hành nhầm nơi nhận") == true)
            #expect(try await services.documents.list(.init(queue: .toRegister), for: department, now: later).total == 0)
            #expect(try await services.documents.get(copyId).status == .withdrawn)
            #expect(try await services.documents.get(sent.id).status == .recalled)
        }
    }

    @Test("a likely duplicate (same sender, number and notation) is refused with its number unless the clerk confirms")
    func duplicates() async throws {
        try await TestDatabase.withServices { services in
            let clerk = try await Self.principal(services, "vanthu.tandinh")
            let first = try await services.documents.registerIncoming(Self.incoming(), by: clerk, at: Self.monday)
            #expect(first.arrivalNumber == 1)
            await #expect(throws: DocumentError.likelyDuplicate(ids: [first.id])) {
                _ = try await services.documents.registerIncoming(Self.incoming(organ: "SỞ NỘI VỤ"), by: clerk, at: Self.monday)
            }
            var confirmed = Self.incoming()
            confirmed.confirmDuplicate = true
            let second = try await services.documents.registerIncoming(confirmed, by: clerk, at: Self.monday)
            #expect(second.arrivalNumber == 2)
            // Every problem of a bad form at once, nothing written.
            let bad = IncomingInput(fromOrganName: "", codeNumber: "", codeNotation: "", issuedDate: nil, type: nil, subject: "")
            do {
                _ = try await services.documents.registerIncoming(bad, by: clerk, at: Self.monday)
                Issue.record("a form without fields was registered")
            } catch let error as ValidationError {
                #expect(Set(error.problems.map(\.field)) == ["from.organName", "codeNumber", "issuedDate", "type", "subject"])
            }
            #expect(try await services.documents.list(.init(), for: clerk, now: Self.monday).total == 2)
        }
    }

    @Test("deadlines on the shared clock: Friday-afternoon urgent and flash documents, a normal one after the cut-off, ten working days across Tết")
    func deadlines() async throws {
        try await TestDatabase.withServices { services in
            let clerk = try await Self.principal(services, "vanthu.tandinh")
            let leader = try await Self.principal(services, "lanhdao.tandinh")
            let specialist = try await Self.principal(services, "chuyenvien.tandinh")
            let calendar = try await services.calendars.calendar(agencyId: clerk.agencyId)
            let friday = VietnamTime.date(2026, 11, 27, 16, 30)
            let urgent = try await services.documents.registerIncoming(Self.incoming(number: "1", urgency: .urgent), by: clerk, at: friday)
            let flash = try await services.documents.registerIncoming(Self.incoming(number: "2", urgency: .flash), by: clerk, at: friday)
            let normal = try await services.documents.registerIncoming(Self.incoming(number: "3"), by: clerk, at: friday)
            // Khẩn: the next office hour, which is Monday morning; hỏa tốc: within the hour, that evening.
            let urgentDue = try #require(urgent.due)
            #expect(urgentDue == calendar.addWorkingMinutes(60, to: friday))
            #expect(VietnamTime.localDate(of: urgentDue) == LocalDate(year: 2026, month: 11, day: 30))
            #expect(flash.due == VietnamTime.date(2026, 11, 27, 17, 30))
            // Registered after the 15:00 cut-off: passed on by the close of the next working day.
            #expect(normal.due == calendar.addWorkingDays(0, to: friday))
            #expect(VietnamTime.localDate(of: try #require(normal.due)) == LocalDate(year: 2026, month: 11, day: 30))
            #expect(
                try await services.documents.list(.init(queue: .overdue), for: clerk, now: VietnamTime.date(2026, 11, 27, 18, 0)).items.map(\.id) == [
                    flash.id
                ])

            // Ten working days from 2 February 2027 run across Tết Đinh Mùi (6–10 February off, and more).
            let beforeTet = VietnamTime.date(2027, 2, 2, 9, 0)
            let assigned = try await services.documents.act(
                normal.id, .assign, DocumentActionInput(leadId: specialist.userId, days: 10), by: leader, at: beforeTet)
            let due = try #require(assigned.due)
            #expect(due == calendar.addWorkingDays(10, to: beforeTet))
            #expect(due > VietnamTime.date(2027, 2, 16, 17, 0))
        }
    }

    @Test("ward B's staff never see ward A's documents; a secret document only its people, the leader and the clerk")
    func scope() async throws {
        try await TestDatabase.withServices { services in
            let clerkA = try await Self.principal(services, "vanthu.tandinh")
            let leaderA = try await Self.principal(services, "lanhdao.tandinh")
            let specialistA = try await Self.principal(services, "chuyenvien.tandinh")
            let clerkB = try await Self.principal(services, "vanthu.benthanh")
            let ordinary = try await services.documents.registerIncoming(Self.incoming(number: "7"), by: clerkA, at: Self.monday)
            var secretInput = Self.incoming(number: "8")
            secretInput.secrecy = .confidential
            let secret = try await services.documents.registerIncoming(secretInput, by: clerkA, at: Self.monday)

            await #expect(throws: NotFoundError.self) { _ = try await services.documents.get(ordinary.id, for: clerkB) }
            await #expect(throws: NotFoundError.self) {
                _ = try await services.documents.act(ordinary.id, .comment, DocumentActionInput(note: "xem"), by: clerkB, at: Self.monday)
            }
            #expect(try await services.documents.list(.init(), for: clerkB, now: Self.monday).total == 0)

            #expect(try await services.documents.list(.init(), for: specialistA, now: Self.monday).items.map(\.id) == [ordinary.id])
            await #expect(throws: NotFoundError.self) { _ = try await services.documents.get(secret.id, for: specialistA) }
            #expect(try await services.documents.get(secret.id, for: leaderA).id == secret.id)
            _ = try await services.documents.act(
                secret.id, .assign, DocumentActionInput(leadId: specialistA.userId, days: 3), by: leaderA, at: Self.monday)
            #expect(try await services.documents.get(secret.id, for: specialistA).leadId == specialistA.userId)
            #expect(try await services.documents.list(.init(), for: specialistA, now: Self.monday).total == 2)
            // A specialist cannot register or direct.
            await #expect(throws: AccessError.self) {
                _ = try await services.documents.registerIncoming(Self.incoming(number: "9"), by: specialistA, at: Self.monday)
            }
        }
    }
}
