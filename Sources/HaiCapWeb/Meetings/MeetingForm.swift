import Foundation
import HaiCapDomain

/// The scheduling form's fields, read into a draft: the day as dd/MM/yyyy, times as HH:mm, the
/// people one a line ("Họ tên <thư>"). Every problem is reported at once.
struct MeetingForm {
    let fields: FormFields

    /// Labels of the form's fields where they differ from the shared ones.
    static let labels = [
        "title": "Tên cuộc họp", "day": "Ngày họp", "from": "Từ giờ", "to": "Đến giờ", "start": "Giờ bắt đầu", "end": "Giờ kết thúc",
        "units": "Điểm cầu", "participants": "Người dự họp", "recurrence": "Lặp lại", "count": "Số buổi", "overrideReason": "Lý do đặt trùng",
        "agenda": "Chương trình", "chair": "Người chủ trì", "text": "Nội dung kết luận", "owner": "Cơ quan thực hiện",
        "days": "Thời hạn", "minutes": "Biên bản", "status": "Điểm danh", "unit": "Đơn vị", "reason": "Lý do", "mode": "Hình thức"
    ]

    /// A day and two times of the form, as instants; problems under `day`, `from`, `to`.
    static func times(_ fields: FormFields, into check: inout Validator) -> (Date, Date)? {
        let day = VietnamTime.day(fields["day"] ?? "")
        let from = WorkingPeriod.minutes(fields["from"] ?? "")
        let to = WorkingPeriod.minutes(fields["to"] ?? "")
        check.require(day != nil, "day", "Nhập ngày dạng dd/mm/yyyy, ví dụ 15/12/2026.")
        check.require(from != nil, "from", "Nhập giờ dạng HH:mm, ví dụ 08:00.")
        check.require(to != nil, "to", "Nhập giờ dạng HH:mm, ví dụ 09:30.")
        guard let day, let from, let to else { return nil }
        return (VietnamTime.date(day, minutes: from), VietnamTime.date(day, minutes: to))
    }

    func draft(units allUnits: [String], known: (String) -> Bool, now: Date) throws(ValidationError) -> MeetingDraft {
        var check = Validator()
        let times = Self.times(fields, into: &check)
        let mode = MeetingMode(rawValue: fields["mode"] ?? "") ?? .online
        var invitees: [MeetingInvitee] = []
        let lines = (fields["participants"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        check.require(lines.count <= MeetingDraft.maxInvitees, "participants", "Mời tối đa \(MeetingDraft.maxInvitees) người đích danh.")
        for line in lines.prefix(MeetingDraft.maxInvitees) {
            if let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close {
                let name = line[..<open].trimmingCharacters(in: .whitespaces)
                let email = line[line.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
                invitees.append(MeetingInvitee(name: name.isEmpty ? email : name, email: email))
            } else if line.contains("@") {
                invitees.append(MeetingInvitee(name: line, email: line))
            } else {
                check.require(false, "participants", "Dòng «\(line.prefix(60))» thiếu địa chỉ thư trong dấu < >.")
            }
        }
        var recurrence: Recurrence?
        if let repeatRule = fields["repeat"], !repeatRule.isEmpty {
            let count = fields.int("count", default: 0, range: 0...Recurrence.maxOccurrences, into: &check)
            check.require(count >= 2, "count", "Chuỗi họp cần từ 2 đến \(Recurrence.maxOccurrences) buổi.")
            let dayOff = Recurrence.DayOffRule(rawValue: fields["dayOff"] ?? "") ?? .skip
            if count >= 2 {
                do { recurrence = try Recurrence(rrule: "FREQ=\(repeatRule);COUNT=\(count)", dayOff: dayOff) } catch {
                    for problem in error.problems { check.require(false, problem.field, problem.message) }
                }
            }
        }
        let units = fields["allUnits"] == "1" ? allUnits : fields.all("units").filter { !$0.isEmpty }
        let draft = MeetingDraft(
            title: fields["title"] ?? "", agenda: fields["agenda"] ?? "", mode: mode, start: times?.0 ?? now, end: times?.1 ?? now, units: units,
            invitees: invitees, chair: fields["chair"] ?? "", recurrence: recurrence, invite: fields["invite"] == "1",
            allowConflicts: fields["allowConflicts"] == "1", overrideReason: fields["overrideReason"] ?? "")
        try check.check { () throws(ValidationError) in
            if times != nil { try draft.validate(units: known, now: now) }
        }
        return draft
    }
}
