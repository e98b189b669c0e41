import Foundation
import HaiCapDomain

/// Demo meetings on the first start: the digital-transformation centre's weekly briefing with
/// every unit (a series whose Mondays off move to the next working day), a department's past
/// meeting with two wards (roll-call, minutes, conclusions, one of them overdue), and a ward's own
/// meeting tomorrow.
public struct DemoMeetings: Sendable {
    let meetings: MeetingStore
    let accounts: AccountStore

    public init(meetings: MeetingStore, accounts: AccountStore) {
        self.meetings = meetings
        self.accounts = accounts
    }

    public func seedIfEmpty(now: Date) async throws -> Int {
        guard try await meetings.database.sql.raw("SELECT id FROM meetings LIMIT 1").first() == nil else { return 0 }
        guard let admin = try await accounts.find(username: "admin"), let department = try await accounts.find(username: "so.xaydung"),
            let leader = try await accounts.find(username: "lanhdao.tandinh"), let clerk = try await accounts.find(username: "vanthu.tandinh"),
            let specialist = try await accounts.find(username: "chuyenvien.tandinh")
        else { return 0 }
        let city = try await accounts.principal(for: admin)
        let building = try await accounts.principal(for: department)
        let ward = try await accounts.principal(for: leader)
        let today = VietnamTime.localDate(of: now)
        let monday = today.adding(days: 1 - today.weekday - 21)
        let allUnits = meetings.reference.units.map(\.code)
        var created = 0

        var briefing = MeetingDraft(
            title: "Giao ban chuyển đổi số hằng tuần với 168 phường, xã, đặc khu",
            agenda: "1. Tình hình vận hành các nền tảng dùng chung.\n2. Hồ sơ trễ hạn, phản ánh 1022 quá hạn.\n3. Kiến nghị của các đơn vị.",
            start: VietnamTime.date(monday, minutes: 14 * 60), end: VietnamTime.date(monday, minutes: 15 * 60 + 30), units: allUnits,
            chair: "Giám đốc Trung tâm Chuyển đổi số", recurrence: try Recurrence(rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=16", dayOff: .move),
            invite: false)
        briefing.invitees = [MeetingInvitee(userId: clerk.id, name: clerk.fullName, email: nil)]
        _ = try await meetings.schedule(briefing, by: city, at: now)
        created += 1

        let past = today.adding(days: -10)
        let pastDay = past.weekday >= 6 ? past.adding(days: 8 - past.weekday) : past
        var review = MeetingDraft(
            title: "Rà soát hồ sơ cấp phép xây dựng chuyển từ quận cũ",
            agenda: "Hồ sơ cấp phép xây dựng còn tồn của Quận 1 cũ; phân công xử lý.", mode: .hybrid,
            start: VietnamTime.date(pastDay, minutes: 9 * 60), end: VietnamTime.date(pastDay, minutes: 10 * 60 + 30),
            units: ["26737", "26743"], chair: "Phó Giám đốc Sở Xây dựng", invite: false)
        review.invitees = [MeetingInvitee(userId: specialist.id, name: specialist.fullName, email: nil)]
        let held = try await meetings.schedule(review, by: building, at: now).meeting
        _ = try await meetings.markAttendance(held.id, unit: "26737", .present, note: "", by: building, at: now)
        _ = try await meetings.markAttendance(held.id, unit: "26743", .late, note: "Đường truyền chậm 10 phút", by: building, at: now)
        _ = try await meetings.saveMinutes(
            held.id, text: "Thống nhất chuyển 37 hồ sơ về UBND phường Tân Định và Bến Thành; Sở hướng dẫn nghiệp vụ trong tuần.",
            approve: false, by: building, at: now)
        _ = try await meetings.saveMinutes(held.id, text: nil, approve: true, by: building, at: now)
        let wardAgency = ward.agencyId
        _ = try await meetings.conclude(
            held.id, text: "Rà soát, phân loại hồ sơ cấp phép xây dựng tồn của Quận 1 cũ trên địa bàn phường.", owner: wardAgency, days: 5,
            by: building, at: now.addingTimeInterval(-7 * 86_400))
        _ = try await meetings.conclude(
            held.id, text: "Ban hành hướng dẫn nghiệp vụ cấp phép xây dựng cho cấp xã.", owner: building.agencyId, days: 10, by: building,
            at: now)
        _ = try await meetings.act(held.id, .close, MeetingActionInput(), by: building, at: now)
        created += 1

        let tomorrow = today.adding(days: 1)
        let wardDay = tomorrow.weekday >= 6 ? tomorrow.adding(days: 8 - tomorrow.weekday) : tomorrow
        _ = try await meetings.schedule(
            MeetingDraft(
                title: "Họp giao ban UBND phường Tân Định", agenda: "Tình hình tiếp nhận hồ sơ tuần qua.", mode: .hybrid,
                start: VietnamTime.date(wardDay, minutes: 8 * 60), end: VietnamTime.date(wardDay, minutes: 9 * 60), units: ["26737"],
                invitees: [MeetingInvitee(userId: specialist.id, name: specialist.fullName, email: nil)], invite: false),
            by: ward, at: now)
        created += 1
        return created
    }
}
