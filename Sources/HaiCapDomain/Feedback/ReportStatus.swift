/// Where a 1022 report stands. The raw values are what the API and Open311's extensions show.
public enum ReportStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// Received and routed, nobody has taken it yet.
    case new = "moi"
    case inProgress = "dang-xu-ly"
    /// The agency asked the reporter for more information; the answer clock is paused.
    case waitingForInformation = "cho-bo-sung"
    /// Answered publicly; the reporter may rate it or reopen it for a while.
    case answered = "da-tra-loi"
    /// Closed: after an answer, merged into another report, or refused with a reason.
    case closed = "da-dong"

    public var label: String {
        switch self {
        case .new: "Mới tiếp nhận"
        case .inProgress: "Đang xử lý"
        case .waitingForInformation: "Chờ bổ sung thông tin"
        case .answered: "Đã trả lời"
        case .closed: "Đã đóng"
        }
    }

    /// Open311 has two statuses; a report is `open` until it has been answered or closed.
    public var open311: String { isOpen ? "open" : "closed" }

    public var isOpen: Bool { self == .new || self == .inProgress || self == .waitingForInformation }
}

/// How a report came in.
public enum ReportChannel: String, Sendable, Codable, Hashable, CaseIterable {
    case web
    case phone
    case api
    case open311

    public var label: String {
        switch self {
        case .web: "Cổng thông tin"
        case .phone: "Tổng đài 1022"
        case .api: "API"
        case .open311: "Ứng dụng (Open311)"
        }
    }
}
