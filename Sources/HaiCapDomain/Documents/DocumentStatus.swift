/// Where a document stands. Incoming and outgoing documents share one table and one kind, with
/// their own states; the raw values are what the API and the database store.
public enum DocumentStatus: String, Sendable, Codable, CaseIterable {
    // Incoming (văn bản đến)
    /// Arrived electronically from another agency; the clerk has not registered it (edXML status 01).
    case arrived = "da-den"
    /// Registered with its arrival number, waiting for the leader's direction (03).
    case registered = "da-vao-so"
    /// Directed: a lead and a deadline (04).
    case assigned = "da-phan-cong"
    /// Being handled (05).
    case inProgress = "dang-xu-ly"
    /// Handled (06).
    case done = "hoan-thanh"
    /// Refused at arrival, with a reason (02).
    case refused = "tu-choi"
    /// Recalled by its sender: out of every queue, kept with the reason.
    case withdrawn = "bi-thu-hoi"
    // Outgoing (văn bản đi)
    case draft = "du-thao"
    /// In the review circuit (specialist → head of unit → leader).
    case inReview = "dang-trinh"
    /// Signed by the competent leader, waiting for the clerk to number and issue it.
    case signed = "da-ky"
    /// Numbered, issued and sent to its recipients.
    case issued = "da-ban-hanh"
    /// Recalled after issue (edXML 13).
    case recalled = "da-thu-hoi"

    public var label: String {
        switch self {
        case .arrived: "Đã đến, chờ vào sổ"
        case .registered: "Đã vào sổ, chờ phân công"
        case .assigned: "Đã phân công"
        case .inProgress: "Đang xử lý"
        case .done: "Hoàn thành"
        case .refused: "Từ chối tiếp nhận"
        case .withdrawn: "Bị thu hồi"
        case .draft: "Dự thảo"
        case .inReview: "Đang trình duyệt"
        case .signed: "Đã ký, chờ phát hành"
        case .issued: "Đã phát hành"
        case .recalled: "Đã thu hồi"
        }
    }

    /// Still someone's work (in the queues, with a running clock where it has one).
    public var isOpen: Bool {
        switch self {
        case .arrived, .registered, .assigned, .inProgress, .draft, .inReview, .signed: true
        case .done, .refused, .withdrawn, .issued, .recalled: false
        }
    }

    public static let incoming: [DocumentStatus] = [.arrived, .registered, .assigned, .inProgress, .done, .refused, .withdrawn]
    public static let outgoing: [DocumentStatus] = [.draft, .inReview, .signed, .issued, .recalled]
}

/// Incoming or outgoing.
public enum DocumentDirection: String, Sendable, Codable, CaseIterable {
    case incoming = "den"
    case outgoing = "di"

    public var label: String { self == .incoming ? "Văn bản đến" : "Văn bản đi" }
}

/// The QCVN 102 status codes a recipient reports back to the sender of an electronic document.
public enum ExchangeStatus: String, Sendable, Codable, CaseIterable {
    case arrived = "01"
    case refused = "02"
    case accepted = "03"
    case assigned = "04"
    case inProgress = "05"
    case done = "06"
    case recallRequested = "13"
    case recallAccepted = "15"
    case recallRefused = "16"

    public var label: String {
        switch self {
        case .arrived: "Đã đến"
        case .refused: "Từ chối tiếp nhận"
        case .accepted: "Đã tiếp nhận"
        case .assigned: "Đã phân công"
        case .inProgress: "Đang xử lý"
        case .done: "Hoàn thành"
        case .recallRequested: "Đề nghị lấy lại"
        case .recallAccepted: "Đồng ý lấy lại"
        case .recallRefused: "Từ chối lấy lại"
        }
    }
}
