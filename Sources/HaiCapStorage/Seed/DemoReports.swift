import Foundation
import HaiCapDomain
import SQLKit

/// Demo 1022 reports for a newcomer's first start (demo mode only): reports over the past two
/// months around the units' centres, a few at sea or without a place, pushed through the real
/// intake and action paths (routing, clocks, timeline, answers, ratings). Deterministic.
public struct DemoReports: Sendable {
    let database: Database
    let reports: ReportStore
    let accounts: AccountStore
    let reference: ReferenceData

    public init(database: Database, reports: ReportStore, accounts: AccountStore, reference: ReferenceData) {
        self.database = database
        self.reports = reports
        self.accounts = accounts
        self.reference = reference
    }

    static let texts: [String: [String]] = [
        "ha-tang": [
            "Ổ gà lớn giữa đường, xe máy dễ té ngã vào ban đêm", "Nắp cống bị vỡ, nguy hiểm cho người đi bộ", "Vỉa hè sụt lún sau đợt mưa lớn"
        ],
        "chieu-sang": ["Cả dãy đèn đường không sáng từ ba hôm nay", "Đèn đường sáng cả ban ngày, lãng phí điện"],
        "ve-sinh-moi-truong": ["Rác tồn đọng nhiều ngày ở đầu hẻm, bốc mùi hôi", "Có người đổ trộm xà bần ven kênh vào ban đêm"],
        "cay-xanh": ["Cây xanh nghiêng sát nhà dân, sợ ngã khi mưa bão", "Nhánh cây gãy treo lơ lửng trên đường"],
        "trat-tu-do-thi": [
            "Quán ăn lấn chiếm hết vỉa hè, người đi bộ phải xuống lòng đường", "Công trình xây dựng không che chắn, vật liệu rơi xuống đường"
        ],
        "ngap-nuoc": ["Mưa 30 phút là đường ngập sâu, xe chết máy hàng loạt", "Cống thoát nước bị nghẹt rác, nước không rút"],
        "giao-thong": ["Đèn tín hiệu giao thông ở ngã tư bị hỏng", "Kẹt xe kéo dài giờ cao điểm do phân luồng chưa hợp lý"],
        "cap-nuoc": ["Khu phố mất nước từ sáng chưa có lại", "Nước máy có màu vàng đục"],
        "dien": ["Dây điện võng thấp sát mặt đường", "Trụ điện nghiêng sau khi bị xe tông"],
        "thu-tuc-hanh-chinh": ["Hồ sơ chứng thực bị trễ hẹn mà không được thông báo lý do"]
    ]

    /// Creates `count` reports when there are none yet; returns how many were created.
    @discardableResult
    public func seedIfEmpty(count: Int, now: Date) async throws -> Int {
        let existing = try await database.sql.raw("SELECT COUNT(*) AS n FROM feedback_reports").first()?.decode(column: "n", as: Int.self) ?? 0
        guard count > 0, existing == 0, let admin = try await accounts.find(username: "admin") else { return 0 }
        let official = try await accounts.principal(for: admin)
        var random = SeededGenerator(seed: 1022)
        let categories = Self.texts.keys.sorted()
        let units = reference.units
        var created = 0
        for index in 0..<count {
            func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
            let category = pick(categories)
            let age = Double(random.next() % (60 * 24 * 60)) * 60  // up to 60 days, by minute
            let at = now.addingTimeInterval(-age)
            var lat: String?, lon: String?, address: String?
            switch index % 25 {
            case 0: lat = "10.30"; lon = "106.95"  // at sea: the operators' queue
            case 1: address = "Phường Bến Nghé, Quận 1"  // an old address, read by the resolver
            default:
                // Tân Định (the demo staff's ward) gets a third of the reports; the rest spread over the city.
                let unit = index % 3 == 0 ? (reference.unitsByCode["26737"] ?? pick(units)) : pick(units)
                let jitter = { (Double(random.next() % 600) - 300) / 111_000 }
                lat = String(unit.latitude + jitter())
                lon = String(unit.longitude + jitter())
            }
            let anonymous = index % 4 == 0
            let draft = ReportDraft(
                categoryCode: category, description: pick(Self.texts[category]!), lat: lat, lon: lon, address: address,
                name: anonymous ? nil : "\(pick(DemoDossiers.familyNames)) \(pick(DemoDossiers.middleNames)) \(pick(DemoDossiers.givenNames))",
                phone: anonymous ? nil : "09\(10_000_000 + Int(random.next() % 89_999_999))", anonymous: anonymous,
                attributes: category == "ha-tang" ? ["muc-do": [index % 2 == 0 ? "nguy-hiem" : "binh-thuong"]] : [:],
                channel: index % 3 == 0 ? .phone : (index % 7 == 0 ? .open311 : .web))
            let submitted = try await reports.submit(draft, by: draft.channel == .phone ? official : nil, at: at)
            created += 1
            let id = submitted.report.id
            let days = age / 86_400
            // Older reports are further along: most answered (some late), some rated or reopened.
            if submitted.report.agencyId == AgencyScheme.operators1022Id { continue }
            if days > 2 {
                // Wards without demo staff keep the report unassigned.
                _ = try? await reports.act(id, .assign, ReportActionInput(assigneeId: nil), by: .official(official), at: at.addingTimeInterval(3_600))
            }
            if days > 4, index % 9 == 0 {
                _ = try await reports.act(
                    id, .requestInformation, ReportActionInput(note: "Đề nghị cung cấp số nhà hoặc hình ảnh cụ thể."),
                    by: .official(official), at: at.addingTimeInterval(7_200))
                continue
            }
            if days > 6, index % 5 != 0 {
                let late = index % 11 == 0 ? 9.0 : 3.0
                let answeredAt = at.addingTimeInterval(late * 86_400)
                _ = try await reports.act(
                    id, .answer, ReportActionInput(note: "Đơn vị đã kiểm tra và khắc phục xong. Cảm ơn người dân đã phản ánh."),
                    by: .official(official), at: answeredAt)
                if index % 2 == 0 {
                    _ = try await reports.act(
                        id, .rate, ReportActionInput(rating: index % 6 == 0 ? 2 : 5), by: .reporter(token: submitted.token),
                        at: answeredAt.addingTimeInterval(86_400))
                }
            }
        }
        return created
    }
}
