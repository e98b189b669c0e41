import Foundation

/// Someone invited by name: an official of HaiCap (by user id) or a guest (by e-mail).
public struct MeetingInvitee: Sendable, Equatable {
    public var userId: Int?
    public var name: String
    public var email: String?

    public init(userId: Int? = nil, name: String, email: String?) {
        self.userId = userId
        self.name = name
        self.email = email
    }
}

/// A meeting as the organiser asks for it, before the rooms and conflicts are looked at.
public struct MeetingDraft: Sendable, Equatable {
    public var title: String
    public var agenda: String
    public var mode: MeetingMode
    public var start: Date
    public var end: Date
    /// Unit codes; each takes part from its điểm cầu (its UBND's room unless `rooms` names another).
    public var units: [String]
    public var rooms: [String: Int]
    public var invitees: [MeetingInvitee]
    public var chair: String
    public var hostUserId: Int?
    public var secretaryUserId: Int?
    public var recurrence: Recurrence?
    public var invite: Bool
    /// Book rooms already taken anyway; needs `overrideReason`, which the audit keeps.
    public var allowConflicts: Bool
    public var overrideReason: String

    public init(
        title: String, agenda: String = "", mode: MeetingMode = .online, start: Date, end: Date, units: [String],
        rooms: [String: Int] = [:], invitees: [MeetingInvitee] = [], chair: String = "", hostUserId: Int? = nil,
        secretaryUserId: Int? = nil, recurrence: Recurrence? = nil, invite: Bool = true, allowConflicts: Bool = false,
        overrideReason: String = ""
    ) {
        self.title = title
        self.agenda = agenda
        self.mode = mode
        self.start = start
        self.end = end
        self.units = units
        self.rooms = rooms
        self.invitees = invitees
        self.chair = chair
        self.hostUserId = hostUserId
        self.secretaryUserId = secretaryUserId
        self.recurrence = recurrence
        self.invite = invite
        self.allowConflicts = allowConflicts
        self.overrideReason = overrideReason
    }

    /// A meeting lasts at least 15 minutes and at most 12 hours.
    public static let lengths: ClosedRange<TimeInterval> = 15 * 60...12 * 3600
    /// At most every unit of the city and 300 people by name.
    public static let maxInvitees = 300

    /// Checks what needs no database: every problem at once.
    public func validate(units known: (String) -> Bool, now: Date) throws(ValidationError) {
        var check = Validator()
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        check.require(!title.isEmpty, "title", "Nhập tên cuộc họp.")
        check.require(title.count <= 300, "title", "Tên cuộc họp dài tối đa 300 ký tự.")
        check.require(agenda.count <= 10_000, "agenda", "Chương trình họp dài tối đa 10.000 ký tự.")
        check.require(chair.count <= 200, "chair", "Tên người chủ trì dài tối đa 200 ký tự.")
        if end <= start {
            check.require(false, "end", "Giờ kết thúc phải sau giờ bắt đầu.")
        } else {
            check.require(Self.lengths.contains(end.timeIntervalSince(start)), "end", "Cuộc họp dài từ 15 phút đến 12 giờ.")
        }
        check.require(start > now - 86_400 * 366 && start < now + 86_400 * 366 * 2, "start", "Ngày họp phải trong vòng hai năm tới.")
        let unknown = units.filter { !known($0) }
        check.require(unknown.isEmpty, "units", "Không có đơn vị mã \(unknown.prefix(5).joined(separator: ", ")).")
        check.require(Set(units).count == units.count, "units", "Một đơn vị được mời hai lần.")
        check.require(units.count <= 200, "units", "Mời tối đa 200 điểm cầu.")
        check.require(invitees.count <= Self.maxInvitees, "participants", "Mời tối đa \(Self.maxInvitees) người đích danh.")
        check.require(!units.isEmpty || !invitees.isEmpty, "units", "Mời ít nhất một đơn vị hoặc một người.")
        let badMail = invitees.compactMap(\.email).filter { !EmailAddress.isValid($0) }
        check.require(badMail.isEmpty, "participants", "Địa chỉ thư không hợp lệ: \(badMail.prefix(3).joined(separator: ", ")).")
        let nameless = invitees.filter { $0.name.trimmingCharacters(in: .whitespaces).isEmpty || $0.name.count > 200 }
        check.require(nameless.isEmpty, "participants", "Ghi họ tên (tối đa 200 ký tự) cho mỗi người được mời.")
        let unreachable = invitees.filter { $0.userId == nil && $0.email == nil }
        check.require(unreachable.isEmpty, "participants", "Khách mời cần có địa chỉ thư.")
        if allowConflicts {
            check.require(
                !overrideReason.trimmingCharacters(in: .whitespaces).isEmpty, "overrideReason", "Ghi lý do họp trùng phòng đã đặt.")
        }
        check.require(overrideReason.count <= 500, "overrideReason", "Lý do dài tối đa 500 ký tự.")
        try check.check()
    }
}

/// Addresses people type: one `@`, a dotted domain, no spaces or brackets, at most 254 characters.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace || "<>()[],;:\"\\".contains($0) }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && $0.count <= 63 }
            && labels.last!.count >= 2 && labels.last!.allSatisfy(\.isLetter)
    }
}
