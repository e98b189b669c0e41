/// Roles, with the ids the CLI and the API use.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin
    case leader
    case officer
    case specialist
    case clerk
    case department
    case itSupport = "it-support"
    case hcdc
    case postal
    /// Takes 1022 calls, classifies and forwards reports; sees every report in the city.
    case operator1022 = "operator-1022"

    public var label: String {
        switch self {
        case .admin: "Quản trị hệ thống"
        case .leader: "Lãnh đạo"
        case .officer: "Cán bộ một cửa"
        case .specialist: "Chuyên viên"
        case .clerk: "Văn thư"
        case .department: "Cán bộ sở, ngành"
        case .itSupport: "Hỗ trợ kỹ thuật CNTT"
        case .hcdc: "Cán bộ HCDC"
        case .postal: "Nhân viên bưu chính"
        case .operator1022: "Điện thoại viên Tổng đài 1022"
        }
    }
}
