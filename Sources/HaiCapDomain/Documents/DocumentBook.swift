/// The three books of Phụ lục IV, NĐ 30/2020/NĐ-CP an agency keeps per year: the incoming
/// register (sổ đăng ký văn bản đến), the outgoing register (sổ đăng ký văn bản đi) and the book
/// that follows up the handling of incoming documents (sổ theo dõi giải quyết văn bản đến), which
/// holds the incoming documents a leader assigned.
public enum DocumentBook: String, Sendable, Codable, CaseIterable {
    case incoming = "den"
    case outgoing = "di"
    case followUp = "theo-doi"

    public var direction: DocumentDirection { self == .outgoing ? .outgoing : .incoming }

    public var title: String {
        switch self {
        case .incoming: "Sổ đăng ký văn bản đến"
        case .outgoing: "Sổ đăng ký văn bản đi"
        case .followUp: "Sổ theo dõi giải quyết văn bản đến"
        }
    }

    /// The printed columns, in the book's order (10, 10 and 7).
    public var columns: [String] {
        switch self {
        case .incoming:
            [
                "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng", "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận",
                "Ngày chuyển", "Ký nhận", "Ghi chú"
            ]
        case .outgoing:
            [
                "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký", "Nơi nhận văn bản",
                "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú"
            ]
        case .followUp:
            [
                "Số đến", "Tên loại, số, ký hiệu, ngày tháng, tác giả và trích yếu nội dung", "Đơn vị hoặc người giải quyết",
                "Thời hạn giải quyết", "Tiến độ giải quyết", "Số, ký hiệu văn bản trả lời", "Ghi chú"
            ]
        }
    }
}
