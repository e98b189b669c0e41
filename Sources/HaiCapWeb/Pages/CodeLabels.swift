import Foundation
import HaiCapDomain
import HaiCapStorage

/// Internal codes (audit actions, states, roles, outbox states) as people read them on pages.
/// The API and the audit chain keep the codes; only pages call these.
enum CodeLabels {
    private static let auditActions: [String: String] = [
        "user.login": "Đăng nhập", "user.logout": "Đăng xuất", "user.create": "Tạo tài khoản", "user.update": "Sửa tài khoản",
        "user.reset_password": "Đặt lại mật khẩu", "user.lock": "Tạm khóa tài khoản",
        "token.create": "Cấp token API", "token.revoke": "Thu hồi token API",
        "agency.create": "Thêm cơ quan", "agency.update": "Sửa cơ quan",
        "calendar.announcement": "Lưu lịch nghỉ năm", "calendar.hours": "Sửa giờ làm việc của cơ quan",
        "procedure.version": "Lưu phiên bản thủ tục", "boundaries.import": "Nạp ranh giới",
        "feedback.submit": "Tiếp nhận phản ánh", "feedback.category.create": "Thêm lĩnh vực phản ánh",
        "feedback.category.update": "Sửa lĩnh vực phản ánh", "feedback.rule.create": "Thêm quy tắc chuyển phản ánh",
        "feedback.rule.delete": "Xóa quy tắc chuyển phản ánh",
        "open311.key.create": "Cấp khóa Open311", "open311.key.revoke": "Thu hồi khóa Open311",
        "dossier.receive": "Tiếp nhận hồ sơ", "dossier.submit": "Nộp hồ sơ trực tuyến"
    ]

    /// The audit filter's choices: each family of actions (the filter matches the code's prefix).
    static let auditGroups: [(prefix: String, label: String)] = [
        ("user.", "Tài khoản, đăng nhập"), ("token.", "Token API"), ("agency.", "Cơ quan"), ("calendar.", "Lịch nghỉ, giờ làm việc"),
        ("procedure.", "Thủ tục hành chính"), ("dossier.", "Hồ sơ một cửa"), ("feedback.", "Phản ánh 1022"),
        ("open311.", "Khóa Open311"), ("boundaries.", "Ranh giới")
    ]

    /// "user.login" → "Đăng nhập"; "dossier.approve" → "Hồ sơ: Phê duyệt".
    static func auditAction(_ code: String) -> String {
        if let label = auditActions[code] { return label }
        if code.hasPrefix("dossier."), let action = DossierAction(rawValue: String(code.dropFirst(8))) { return "Hồ sơ: \(action.label)" }
        if code.hasPrefix("feedback."), let action = ReportAction(rawValue: String(code.dropFirst(9))) { return "Phản ánh: \(action.label)" }
        return code
    }

    private static let targets: [String: String] = [
        "user": "Tài khoản", "token": "Token", "agency": "Cơ quan", "year": "Năm", "procedure": "Thủ tục", "dossier": "Hồ sơ",
        "feedback": "Phản ánh", "feedback_category": "Lĩnh vực phản ánh", "feedback_rule": "Quy tắc chuyển", "open311_key": "Khóa Open311",
        "unit_boundaries": "Ranh giới"
    ]

    static func auditTarget(type: String, id: String) -> String {
        "\(targets[type] ?? type) \(id)"
    }

    /// A state code of any case (dossier, 1022 report, account) → its label.
    static func state(_ code: String) -> String {
        if let status = DossierStatus(rawValue: code) { return status.label }
        if let status = ReportStatus(rawValue: code) { return status.label }
        switch code {
        case "active": return "Hoạt động"
        case "disabled": return "Vô hiệu hóa"
        case "locked": return "Tạm khóa"
        default: return code
        }
    }

    /// The detail of an audit entry with its codes read out: "moi → da-tra-loi", "vai trò officer", "(department)".
    static func auditDetail(_ detail: String) -> String {
        var text = detail
        text = replacing(#"([a-z][a-z0-9-]*) → ([a-z][a-z0-9-]*)"#, in: text) { groups in
            "\(role(groups[1]) ?? state(groups[1])) → \(role(groups[2]) ?? state(groups[2]))"
        }
        text = replacing(#"vai trò ([a-z][a-z0-9-]*)"#, in: text) { groups in "vai trò \(role(groups[1]) ?? groups[1])" }
        text = replacing(#"\(([a-z][a-z-]*)\)"#, in: text) { groups in "(\(AgencyKind(rawValue: groups[1])?.label ?? groups[1]))" }
        text = replacing(#" · ([a-z][a-z-]*)$"#, in: text) { groups in " · \(state(groups[1]))" }
        return text
    }

    static func role(_ code: String) -> String? { Role(rawValue: code)?.label }

    /// What a notification is about (the deadline watch's events).
    static func noticeEvent(_ code: String) -> String {
        switch code {
        case DeadlineWatch.Event.reminder.rawValue: "Sắp đến hạn"
        case DeadlineWatch.Event.overdue.rawValue: "Quá hạn"
        default: "Thông báo"
        }
    }

    /// Portal outbox delivery states.
    static func outboxState(_ code: String) -> String {
        switch code {
        case "pending": "Đang chờ gửi"
        case "delivered": "Đã gửi"
        case "failed": "Lỗi, ngừng thử lại"
        default: code
        }
    }

    private static func replacing(_ pattern: String, in text: String, with transform: ([String]) -> String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        let source = text as NSString
        var result = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            let groups = (0..<match.numberOfRanges).map { index -> String in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : source.substring(with: range)
            }
            result += transform(groups)
            last = match.range.location + match.range.length
        }
        return result + source.substring(from: last)
    }
}
