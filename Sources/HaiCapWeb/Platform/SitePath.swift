import Foundation

/// Every page and API address, in one enum: routes are registered from `pattern` and links are
/// built from `href`, so no address is typed by hand twice.
public enum SitePath: Sendable, Equatable {
    case home
    case units
    case unit(code: String)
    case resolver
    case login
    case logout
    case agencyStaff(id: String)
    case adminAgencies
    case adminAgency(id: String)
    case adminUsers
    case adminUser(id: Int)
    case adminUserPassword(id: Int)
    case adminTokens
    case adminTokenRevoke(id: Int)
    case adminAudit
    case calendar
    case calendarYear(Int)
    case calculator
    case adminAnnouncements(year: Int?)
    case adminAnnouncement(year: Int)

    public var href: String {
        switch self {
        case .home: "/"
        case .units: "/don-vi"
        case .unit(let code): "/don-vi/\(Self.escape(code))"
        case .resolver: "/tra-cuu-don-vi-moi"
        case .login: "/dang-nhap"
        case .logout: "/dang-xuat"
        case .agencyStaff(let id): "/co-quan/\(Self.escape(id))/can-bo"
        case .adminAgencies: "/quan-tri/co-quan"
        case .adminAgency(let id): "/quan-tri/co-quan/\(Self.escape(id))"
        case .adminUsers: "/quan-tri/nguoi-dung"
        case .adminUser(let id): "/quan-tri/nguoi-dung/\(id)"
        case .adminUserPassword(let id): "/quan-tri/nguoi-dung/\(id)/mat-khau"
        case .adminTokens: "/quan-tri/token"
        case .adminTokenRevoke(let id): "/quan-tri/token/\(id)/thu-hoi"
        case .adminAudit: "/quan-tri/nhat-ky"
        case .calendar: "/lich-lam-viec"
        case .calendarYear(let year): "/lich-lam-viec/\(year)"
        case .calculator: "/tinh-han"
        case .adminAnnouncements(let year): "/quan-tri/lich-nghi" + (year.map { "?year=\($0)" } ?? "")
        case .adminAnnouncement(let year): "/quan-tri/lich-nghi/\(year)"
        }
    }

    /// The router pattern of each case (parameters as `{name}`).
    public enum Pattern {
        public static let home = "/"
        public static let units = "/don-vi"
        public static let unit = "/don-vi/{code}"
        public static let resolver = "/tra-cuu-don-vi-moi"
        public static let login = "/dang-nhap"
        public static let logout = "/dang-xuat"
        public static let agencyStaff = "/co-quan/{id}/can-bo"
        public static let adminAgencies = "/quan-tri/co-quan"
        public static let adminAgency = "/quan-tri/co-quan/{id}"
        public static let adminUsers = "/quan-tri/nguoi-dung"
        public static let adminUser = "/quan-tri/nguoi-dung/{id}"
        public static let adminUserPassword = "/quan-tri/nguoi-dung/{id}/mat-khau"
        public static let adminTokens = "/quan-tri/token"
        public static let adminTokenRevoke = "/quan-tri/token/{id}/thu-hoi"
        public static let adminAudit = "/quan-tri/nhat-ky"
        public static let calendar = "/lich-lam-viec"
        public static let calendarYear = "/lich-lam-viec/{year}"
        public static let calculator = "/tinh-han"
        public static let adminAnnouncements = "/quan-tri/lich-nghi"
        public static let adminAnnouncement = "/quan-tri/lich-nghi/{year}"
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? segment
    }
}
