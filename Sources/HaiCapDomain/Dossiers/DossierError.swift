/// Why a dossier operation was refused; messages are for the officer or citizen who tried it.
public enum DossierError: HaiCapError, Equatable {
    case notAllowed(action: DossierAction, status: DossierStatus)
    case roleNotAllowed(action: DossierAction, roles: Set<Role>)
    case apologyRequired
    case apologyLimitReached(limit: Int)
    case notOverdue
    case incomplete(missing: [String])
    case procedureNotOffered(procedure: String, channel: Channel)
    case notCompetent(procedure: String, agency: String)
    /// The agency's numbers of the day in one series are used up (docs/dossier-codes.md).
    case dayFull(series: String)

    public var kind: ErrorKind {
        switch self {
        case .roleNotAllowed: .forbidden
        case .dayFull: .unavailable
        case .incomplete, .procedureNotOffered, .notCompetent: .invalid
        default: .conflict
        }
    }

    public var code: String {
        switch self {
        case .notAllowed: "dossier.transition"
        case .roleNotAllowed: "dossier.role"
        case .apologyRequired: "dossier.apology_required"
        case .apologyLimitReached: "dossier.apology_limit"
        case .notOverdue: "dossier.not_overdue"
        case .incomplete: "dossier.incomplete"
        case .procedureNotOffered: "dossier.channel"
        case .notCompetent: "dossier.competence"
        case .dayFull: "dossier.day_full"
        }
    }

    public var message: String {
        switch self {
        case .notAllowed(let action, let status):
            "Không thể «\(action.label)» khi hồ sơ đang ở trạng thái «\(status.label)»."
        case .roleNotAllowed(let action, let roles):
            "Thao tác «\(action.label)» dành cho: \(roles.map(\.label).sorted().joined(separator: ", "))."
        case .apologyRequired:
            "Hồ sơ đã quá hạn: cần lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) trước khi xử lý tiếp."
        case .apologyLimitReached(let limit):
            "Hồ sơ đã được hẹn lại \(limit) lần, là số lần tối đa thủ tục cho phép."
        case .notOverdue:
            "Hồ sơ chưa quá hạn nên không cần phiếu xin lỗi."
        case .incomplete(let missing):
            "Hồ sơ chưa đủ thành phần bắt buộc: \(missing.joined(separator: "; ")). Hãy yêu cầu bổ sung (Mẫu 02)."
        case .procedureNotOffered(let procedure, let channel):
            "Thủ tục \(procedure) không thực hiện qua kênh «\(channel.label)»."
        case .notCompetent(let procedure, let agency):
            "Cơ quan \(agency) không có thẩm quyền tiếp nhận thủ tục \(procedure)."
        case .dayFull(let series):
            series == "online"
                ? "Phường, xã này đã nhận đủ 49.999 hồ sơ trực tuyến trong ngày; vui lòng nộp lại vào ngày mai."
                : "Cơ quan đã dùng hết 49.999 số hồ sơ của ngày hôm nay."
        }
    }
}
