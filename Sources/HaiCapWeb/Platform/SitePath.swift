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
    case adminHome
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
    case oneStop
    case intake
    case dossier(code: String)
    case dossierAction(code: String, action: String)
    case dossierPrint(code: String, form: String)
    case dossierFile(code: String, id: Int)
    case bulkAssign
    case procedures
    case procedure(code: String)
    case submitOnline
    case lookup
    case lookupResult
    case indicators
    case adminProcedures
    case adminProcedureImport
    case adminProcedure(code: String)
    case portalSync
    case portalSyncRetry
    case feedbackForm
    case feedbackReport(id: Int)
    case feedbackReporterAction(id: Int)
    case feedbackMap
    case feedbackStats
    case feedbackQueue
    case feedbackCase(id: Int)
    case feedbackCaseAction(id: Int, action: String)
    case feedbackBulk
    case callIntake
    case adminFeedback
    case adminCategory(code: String)
    case adminRules
    case adminRuleDelete(id: Int)
    case adminOpen311Keys
    case adminOpen311KeyRevoke(id: Int)
    case adminBoundaries
    /// The JSON lists, which also answer `format=csv` (the pages' download links).
    case dossierList
    /// Official documents: the desk, registering an incoming one, drafting an outgoing one, one document.
    case documents
    case documentRegister
    case documentDraft
    case documentEdXML
    case documentRegisters
    case documentPrint(id: Int)
    case documentSignatures(id: Int)
    /// Overdue handling by unit (the follow-up of NĐ 30 Điều 24).
    case documentOverdue
    case document(id: Int)
    case documentAction(id: Int, action: String)
    case feedbackList
    /// Meetings: the calendar, a new meeting, one meeting (its waiting room), a guest's link, the
    /// conclusions' follow-up board, a unit's room.
    case meetings
    case meetingNew
    case meeting(id: Int)
    case meetingAction(id: Int, action: String)
    case meetingGuest(secret: String)
    case meetingConclusions
    case meetingRooms
    /// The bell: an official's notifications, one read, all read.
    case notifications
    case notificationRead(id: Int)
    case notificationsReadAll

    public var href: String {
        switch self {
        case .home: "/"
        case .units: "/don-vi"
        case .unit(let code): "/don-vi/\(Self.escape(code))"
        case .resolver: "/tra-cuu-don-vi-moi"
        case .login: "/dang-nhap"
        case .logout: "/dang-xuat"
        case .agencyStaff(let id): "/co-quan/\(Self.escape(id))/can-bo"
        case .adminHome: "/quan-tri"
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
        case .oneStop: "/mot-cua"
        case .intake: "/mot-cua/tiep-nhan"
        case .dossier(let code): "/mot-cua/ho-so/\(Self.escape(code))"
        case .dossierAction(let code, let action): "/mot-cua/ho-so/\(Self.escape(code))/\(action)"
        case .dossierPrint(let code, let form): "/mot-cua/ho-so/\(Self.escape(code))/in/\(form)"
        case .dossierFile(let code, let id): "/api/v1/dossiers/\(Self.escape(code))/files/\(id)"
        case .bulkAssign: "/mot-cua/phan-cong"
        case .procedures: "/thu-tuc"
        case .procedure(let code): "/thu-tuc/\(Self.escape(code))"
        case .submitOnline: "/nop-ho-so"
        case .lookup: "/tra-cuu-ho-so"
        case .lookupResult: "/tra-cuu-ho-so/ket-qua"
        case .indicators: "/chi-so-766"
        case .adminProcedures: "/quan-tri/thu-tuc"
        case .adminProcedureImport: "/quan-tri/thu-tuc/nhap"
        case .adminProcedure(let code): "/quan-tri/thu-tuc/\(Self.escape(code))"
        case .portalSync: "/quan-tri/dong-bo"
        case .portalSyncRetry: "/quan-tri/dong-bo/thu-lai"
        case .feedbackForm: "/phan-anh"
        case .feedbackReport(let id): "/phan-anh/\(id)"
        case .feedbackReporterAction(let id): "/phan-anh/\(id)/nguoi-gui"
        case .feedbackMap: "/ban-do-phan-anh"
        case .feedbackStats: "/thong-ke-phan-anh"
        case .feedbackQueue: "/xu-ly-phan-anh"
        case .feedbackCase(let id): "/xu-ly-phan-anh/\(id)"
        case .feedbackCaseAction(let id, let action): "/xu-ly-phan-anh/\(id)/\(action)"
        case .feedbackBulk: "/xu-ly-phan-anh/hang-loat"
        case .callIntake: "/tong-dai/tiep-nhan"
        case .adminFeedback: "/quan-tri/phan-anh"
        case .adminCategory(let code): "/quan-tri/phan-anh/linh-vuc/\(Self.escape(code))"
        case .adminRules: "/quan-tri/phan-anh/quy-tac"
        case .adminRuleDelete(let id): "/quan-tri/phan-anh/quy-tac/\(id)/xoa"
        case .adminOpen311Keys: "/quan-tri/open311"
        case .adminOpen311KeyRevoke(let id): "/quan-tri/open311/\(id)/thu-hoi"
        case .adminBoundaries: "/quan-tri/ranh-gioi"
        case .dossierList: "/api/v1/dossiers"
        case .documents: "/van-ban"
        case .documentRegister: "/van-ban/vao-so"
        case .documentDraft: "/van-ban/soan-thao"
        case .documentEdXML: "/van-ban/nhan-edxml"
        case .documentRegisters: "/van-ban/so-dang-ky"
        case .documentPrint(let id): "/van-ban/\(id)/in"
        case .documentSignatures(let id): "/van-ban/\(id)/chu-ky"
        case .documentOverdue: "/van-ban/theo-doi"
        case .document(let id): "/van-ban/\(id)"
        case .documentAction(let id, let action): "/van-ban/\(id)/\(action)"
        case .feedbackList: "/api/v1/feedback"
        case .meetings: "/hop"
        case .meetingNew: "/hop/moi"
        case .meeting(let id): "/hop/\(id)"
        case .meetingAction(let id, let action): "/hop/\(id)/\(action)"
        case .meetingGuest(let secret): "/hop/khach/\(Self.escape(secret))"
        case .meetingConclusions: "/hop/ket-luan"
        case .meetingRooms: "/hop/phong-hop"
        case .notifications: "/thong-bao"
        case .notificationRead(let id): "/thong-bao/\(id)/da-doc"
        case .notificationsReadAll: "/thong-bao/da-doc-tat-ca"
        }
    }

    /// The router pattern of each case (parameters as `{name}`).
    public enum Pattern {
        public static let home = "/"
        public static let notifications = "/thong-bao"
        public static let notificationRead = "/thong-bao/{id}/da-doc"
        public static let notificationsReadAll = "/thong-bao/da-doc-tat-ca"
        public static let units = "/don-vi"
        public static let unit = "/don-vi/{code}"
        public static let resolver = "/tra-cuu-don-vi-moi"
        public static let login = "/dang-nhap"
        public static let logout = "/dang-xuat"
        public static let agencyStaff = "/co-quan/{id}/can-bo"
        public static let adminHome = "/quan-tri"
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
        public static let oneStop = "/mot-cua"
        public static let intake = "/mot-cua/tiep-nhan"
        public static let dossier = "/mot-cua/ho-so/{code}"
        public static let dossierAction = "/mot-cua/ho-so/{code}/{action}"
        public static let dossierPrint = "/mot-cua/ho-so/{code}/in/{form}"
        public static let bulkAssign = "/mot-cua/phan-cong"
        public static let procedures = "/thu-tuc"
        public static let procedure = "/thu-tuc/{code}"
        public static let submitOnline = "/nop-ho-so"
        public static let lookup = "/tra-cuu-ho-so"
        public static let lookupResult = "/tra-cuu-ho-so/ket-qua"
        public static let indicators = "/chi-so-766"
        public static let adminProcedures = "/quan-tri/thu-tuc"
        public static let adminProcedureImport = "/quan-tri/thu-tuc/nhap"
        public static let adminProcedure = "/quan-tri/thu-tuc/{code}"
        public static let portalSync = "/quan-tri/dong-bo"
        public static let portalSyncRetry = "/quan-tri/dong-bo/thu-lai"
        public static let feedbackForm = "/phan-anh"
        public static let feedbackReport = "/phan-anh/{id}"
        public static let feedbackReporterAction = "/phan-anh/{id}/nguoi-gui"
        public static let feedbackMap = "/ban-do-phan-anh"
        public static let feedbackStats = "/thong-ke-phan-anh"
        public static let feedbackQueue = "/xu-ly-phan-anh"
        public static let documents = "/van-ban"
        public static let documentRegister = "/van-ban/vao-so"
        public static let documentDraft = "/van-ban/soan-thao"
        public static let documentEdXML = "/van-ban/nhan-edxml"
        public static let documentRegisters = "/van-ban/so-dang-ky"
        public static let documentPrint = "/van-ban/{id}/in"
        public static let documentSignatures = "/van-ban/{id}/chu-ky"
        public static let documentOverdue = "/van-ban/theo-doi"
        public static let document = "/van-ban/{id}"
        public static let documentAction = "/van-ban/{id}/{action}"
        public static let meetings = "/hop"
        public static let meetingNew = "/hop/moi"
        public static let meeting = "/hop/{id}"
        public static let meetingAction = "/hop/{id}/{action}"
        public static let meetingGuest = "/hop/khach/{secret}"
        public static let meetingConclusions = "/hop/ket-luan"
        public static let meetingRooms = "/hop/phong-hop"
        public static let feedbackCase = "/xu-ly-phan-anh/{id}"
        public static let feedbackCaseAction = "/xu-ly-phan-anh/{id}/{action}"
        public static let feedbackBulk = "/xu-ly-phan-anh/hang-loat"
        public static let callIntake = "/tong-dai/tiep-nhan"
        public static let adminFeedback = "/quan-tri/phan-anh"
        public static let adminCategory = "/quan-tri/phan-anh/linh-vuc/{code}"
        public static let adminRules = "/quan-tri/phan-anh/quy-tac"
        public static let adminRuleDelete = "/quan-tri/phan-anh/quy-tac/{id}/xoa"
        public static let adminOpen311Keys = "/quan-tri/open311"
        public static let adminOpen311KeyRevoke = "/quan-tri/open311/{id}/thu-hoi"
        public static let adminBoundaries = "/quan-tri/ranh-gioi"
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? segment
    }
}
