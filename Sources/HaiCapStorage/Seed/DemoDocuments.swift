import Foundation
import HaiCapDomain
import SQLKit

/// Demo official documents for a newcomer's first start (demo mode only), through the real paths
/// (numbers, clocks, deliveries, statuses back to the sender), deterministic: letters and decisions
/// sent from wards all over the city and from departments to the demo wards (Tân Định, Bến Thành)
/// and the Department of Construction, registered, refused, assigned, handled or left waiting;
/// paper documents from outside organs; the demo wards' own drafts in every state, some issued to
/// other wards and recalled.
public struct DemoDocuments: Sendable {
    let database: Database
    let documents: DocumentStore
    let accounts: AccountStore
    let agencies: AgencyStore

    public init(database: Database, documents: DocumentStore, accounts: AccountStore, agencies: AgencyStore) {
        self.database = database
        self.documents = documents
        self.accounts = accounts
        self.agencies = agencies
    }

    static let subjects = [
        "Về việc rà soát, cập nhật hộ nghèo, hộ cận nghèo năm 2026",
        "Về việc triển khai kế hoạch phòng, chống sốt xuất huyết mùa mưa",
        "Về việc tổng kết công tác chuyển đổi số năm 2026",
        "Về việc bàn giao hồ sơ, tài liệu của quận, huyện trước sắp xếp",
        "Về việc tăng cường quản lý trật tự xây dựng trên địa bàn",
        "Về việc chuẩn bị các điều kiện tổ chức Tết Nguyên đán Đinh Mùi 2027",
        "Về việc báo cáo tình hình thu ngân sách 11 tháng",
        "Về việc kiện toàn Ban Chỉ đạo chuyển đổi số cấp xã",
        "Về việc cung cấp thông tin phục vụ cập nhật bản đồ ranh giới",
        "Về việc tổ chức hội nghị trực tuyến sơ kết mô hình chính quyền hai cấp",
        "Về việc đôn đốc giải quyết hồ sơ thủ tục hành chính quá hạn",
        "Về việc thực hiện Chỉ thị về bảo đảm an toàn thông tin mạng"
    ]

    static let outsideOrgans: [(id: String?, name: String)] = [
        ("000.00.02.H29", "Sở Nội vụ"), ("000.00.03.H29", "Sở Tài chính"), ("000.00.09.H29", "Công an Thành phố Hồ Chí Minh"),
        (nil, "Bảo hiểm xã hội Thành phố Hồ Chí Minh"), (nil, "Cục Thuế Thành phố Hồ Chí Minh"),
        ("000.00.00.H29", "Ủy ban nhân dân Thành phố Hồ Chí Minh")
    ]

    /// Creates about `count` documents when there are none yet; returns how many rows exist after.
    @discardableResult
    public func seedIfEmpty(count: Int, now: Date) async throws -> Int {
        let existing = try await database.sql.raw("SELECT COUNT(*) AS n FROM documents").first()?.decode(column: "n", as: Int.self) ?? 0
        guard count > 0, existing == 0 else { return 0 }
        func principal(_ username: String) async throws -> Principal? {
            guard let account = try await accounts.find(username: username) else { return nil }
            return try await accounts.principal(for: account)
        }
        guard let tanDinhClerk = try await principal("vanthu.tandinh"), let tanDinhLeader = try await principal("lanhdao.tandinh"),
            let tanDinhSpecialist = try await principal("chuyenvien.tandinh"), let benThanhClerk = try await principal("vanthu.benthanh"),
            let benThanhLeader = try await principal("lanhdao.benthanh"), let benThanhSpecialist = try await principal("chuyenvien.benthanh"),
            let construction = try await principal("so.xaydung")
        else { return 0 }
        // The desks that act on what they receive: (clerk, leader, handler).
        let desks = [
            (tanDinhClerk, tanDinhLeader, tanDinhSpecialist), (benThanhClerk, benThanhLeader, benThanhSpecialist),
            (construction, construction, construction)
        ]
        let wards = try await agencies.list(kind: .unitPeoplesCommittee, limit: 500).items
            .filter { $0.id != tanDinhClerk.agencyId && $0.id != benThanhClerk.agencyId }
        var random = SeededGenerator(seed: 30_2020)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        /// A working-hours instant `days` back from now (weekdays only, 08:00–16:00).
        func past(_ days: Int) -> Date {
            var day = VietnamTime.localDate(of: now).adding(days: -days)
            while day.isWeekend { day = day.adding(days: -1) }
            return min(now, VietnamTime.date(day, minutes: 8 * 60 + Int(random.next() % (8 * 60))))
        }
        func input(_ day: Int) -> DocumentActionInput { DocumentActionInput(note: "Đã triển khai, đang tổng hợp số liệu (\(day)).") }

        var made = 0
        for index in 0..<max(1, count / 4) {
            let age = 40 - (index * 40) / max(1, count / 4)
            let (clerk, leader, handler) = desks[index % desks.count]
            let subject = pick(Self.subjects)
            // 1. A letter from another ward or a department, delivered inside HaiCap and acted on.
            let sender = pick(wards)
            let senderClerk = Principal(
                userId: 0, username: "demo.vanthu", fullName: "Văn thư \(sender.name)", role: .clerk, agencyId: sender.id,
                agencyName: sender.name, unitCode: sender.unitCode)
            let senderLeader = Principal(
                userId: 0, username: "demo.lanhdao", fullName: "Chủ tịch \(sender.name)", role: .leader, agencyId: sender.id,
                agencyName: sender.name, unitCode: sender.unitCode)
            let sentAt = past(age)
            var letter = try await documents.draftOutgoing(
                OutgoingInput(
                    type: index % 5 == 0 ? .keHoach : .congVan, subject: subject,
                    body: "Căn cứ chỉ đạo của Ủy ban nhân dân Thành phố, đề nghị các đơn vị thực hiện và báo cáo kết quả.",
                    draftingUnit: "VP", urgency: index % 9 == 0 ? .urgent : .normal, recipients: [OutgoingInput.Recipient(organId: clerk.agencyId)]),
                by: senderLeader, at: sentAt)
            letter = try await documents.act(letter.id, .submit, DocumentActionInput(), by: senderLeader, at: sentAt)
            letter = try await documents.act(letter.id, .sign, DocumentActionInput(note: "Chủ tịch"), by: senderLeader, at: sentAt)
            letter = try await documents.act(letter.id, .issue, DocumentActionInput(), by: senderClerk, at: sentAt)
            made += 2
            if let copy = try await documents.recipients(of: letter.id).first?.incomingId {
                let stage = random.next() % 10
                let handled = min(now, sentAt.addingTimeInterval(3600))
                if stage == 0 {
                    _ = try await documents.act(
                        copy, .refuse, DocumentActionInput(note: "Gửi nhầm nơi nhận, đề nghị gửi lại đúng đơn vị."), by: clerk, at: handled)
                } else if stage >= 3 {
                    _ = try await documents.act(copy, .register, DocumentActionInput(), by: clerk, at: handled)
                    if stage >= 5 {
                        _ = try await documents.act(
                            copy, .assign,
                            DocumentActionInput(
                                leadId: handler.userId, support: "Công an phường", instruction: "Chủ trì, tham mưu trả lời.", days: 5 + Int(stage)),
                            by: leader, at: handled)
                        if stage >= 7 {
                            _ = try await documents.act(copy, .progress, input(index), by: handler, at: min(now, handled.addingTimeInterval(86_400)))
                        }
                        if stage >= 8 {
                            _ = try await documents.act(
                                copy, .complete, DocumentActionInput(note: "Đã báo cáo theo yêu cầu."), by: handler,
                                at: min(now, handled.addingTimeInterval(2 * 86_400)))
                        }
                    }
                }
            }
            // 2. A paper document from an organ outside HaiCap, registered by the clerk.
            let organ = pick(Self.outsideOrgans)
            let arrived = past(max(0, age - 1))
            let paper = try await documents.registerIncoming(
                IncomingInput(
                    fromOrganId: organ.id, fromOrganName: organ.name, codeNumber: String(100 + index), codeNotation: "VP",
                    issuedDate: VietnamTime.localDate(of: arrived).adding(days: -2), type: index % 4 == 0 ? .quyetDinh : .congVan,
                    subject: pick(Self.subjects),
                    signerName: "Nguyễn Văn Ký", urgency: index % 11 == 0 ? .flash : index % 7 == 0 ? .veryUrgent : .normal,
                    secrecy: index % 13 == 0 ? .confidential : .normal, pages: 1 + Int(random.next() % 6), channel: .paper, confirmDuplicate: true),
                by: clerk, at: arrived)
            made += 1
            if chance(70) {
                _ = try await documents.act(
                    paper.id, .assign,
                    DocumentActionInput(leadId: handler.userId, instruction: "Nghiên cứu, đề xuất.", days: 3 + Int(random.next() % 10)),
                    by: leader, at: min(now, arrived.addingTimeInterval(1800)))
                if chance(50) {
                    _ = try await documents.act(
                        paper.id, .complete, DocumentActionInput(note: "Đã xử lý."), by: handler, at: min(now, arrived.addingTimeInterval(3 * 86_400))
                    )
                }
            }
            // 3. The demo desks' own outgoing documents, in every state; some go to other wards.
            guard index % desks.count != 2 else { continue }
            let draftAt = past(max(0, age - 2))
            let recipient = pick(wards)
            var own = try await documents.draftOutgoing(
                OutgoingInput(
                    type: index % 6 == 0 ? .quyetDinh : index % 6 == 1 ? .baoCao : .congVan, subject: pick(Self.subjects),
                    body: "Ủy ban nhân dân phường báo cáo, đề nghị như sau:\n1. Kết quả thực hiện.\n2. Kiến nghị, đề xuất.", draftingUnit: "VP",
                    recipients: [
                        OutgoingInput.Recipient(organId: recipient.id), OutgoingInput.Recipient(organId: nil, organName: "Báo Sài Gòn Giải Phóng")
                    ]),
                by: handler, at: draftAt)
            made += 1
            switch random.next() % 6 {
            case 0: break
            case 1: own = try await documents.act(own.id, .submit, DocumentActionInput(), by: handler, at: draftAt)
            case 2:
                own = try await documents.act(own.id, .submit, DocumentActionInput(), by: handler, at: draftAt)
                own = try await documents.act(own.id, .sign, DocumentActionInput(note: "Chủ tịch"), by: leader, at: draftAt)
            default:
                own = try await documents.act(own.id, .submit, DocumentActionInput(), by: handler, at: draftAt)
                own = try await documents.act(own.id, .sign, DocumentActionInput(note: "Chủ tịch"), by: leader, at: draftAt)
                own = try await documents.act(own.id, .issue, DocumentActionInput(), by: clerk, at: draftAt)
                made += 1
                if index % 17 == 0 {
                    _ = try await documents.act(
                        own.id, .recall, DocumentActionInput(note: "Ban hành nhầm số liệu, sẽ ban hành văn bản thay thế."), by: leader, at: draftAt)
                }
            }
        }
        return made
    }
}
