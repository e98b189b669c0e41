/// What kind of failure an error is; the web layer maps each kind to an HTTP status in one place.
public enum ErrorKind: String, Sendable {
    case invalid, unauthorized, forbidden, notFound, conflict, locked, tooLarge, unavailable, tooManyRequests
}

/// Every error the domain and storage layers throw on purpose. `message` is Vietnamese, for people.
public protocol HaiCapError: Error, Sendable {
    var kind: ErrorKind { get }
    /// A stable machine-readable code, e.g. `unit.not_found`.
    var code: String { get }
    var message: String { get }
}

/// One field of a form or JSON body that is wrong, and why.
public struct FieldProblem: Sendable, Equatable, Codable {
    public let field: String
    public let message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Input that fails validation: every problem is listed at once, so the user fixes them in one go.
public struct ValidationError: HaiCapError, Equatable {
    public let problems: [FieldProblem]
    public var kind: ErrorKind { .invalid }
    public var code: String { "validation" }
    public var message: String {
        "Dữ liệu không hợp lệ: " + problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
    public init(_ problems: [FieldProblem]) { self.problems = problems }
    public init(field: String, _ message: String) { self.problems = [FieldProblem(field: field, message: message)] }
}

/// Collects problems while a form is checked, then throws them together.
public struct Validator: Sendable {
    public private(set) var problems: [FieldProblem] = []
    public init() {}
    public mutating func require(_ condition: Bool, _ field: String, _ message: String) {
        if !condition { problems.append(FieldProblem(field: field, message: message)) }
    }
    public func check() throws(ValidationError) {
        if !problems.isEmpty { throw ValidationError(problems) }
    }

    /// The problems found so far together with those `rules` report, then thrown if any: every
    /// problem at once, a field already refused for its form not reported again (as missing).
    public func check(with rules: () throws(ValidationError) -> Void) throws(ValidationError) {
        var problems = self.problems
        do {
            try rules()
        } catch {
            let named = Set(problems.map(\.field))
            problems += error.problems.filter { !named.contains($0.field) }
        }
        if !problems.isEmpty { throw ValidationError(problems) }
    }
}

/// A record that does not exist (or that the caller may not know exists).
public struct NotFoundError: HaiCapError {
    public let what: String
    public let key: String
    public var kind: ErrorKind { .notFound }
    public var code: String { "\(what).not_found" }
    public var message: String { "Không tìm thấy \(Self.label(what)) «\(key)»." }
    public init(_ what: String, _ key: String) {
        self.what = what
        self.key = key
    }
    static func label(_ what: String) -> String {
        switch what {
        case "unit": "đơn vị hành chính"
        case "agency": "cơ quan"
        case "user": "người dùng"
        case "token": "mã truy cập"
        case "page": "trang"
        case "procedure": "thủ tục hành chính"
        case "report": "phản ánh"
        case "photo": "ảnh"
        case "routing_rule": "quy tắc điều phối"
        case "open311_key": "khoá API Open311"
        case "category": "lĩnh vực phản ánh"
        case "notification": "thông báo"
        case "meeting_room": "phòng họp"
        case "conference": "phòng họp trực tuyến"
        // Each case kind brings its own noun, so a new kind adds no line here.
        default: CaseKind.named(what)?.label ?? what
        }
    }
}

/// Access denied or not logged in.
public enum AccessError: HaiCapError {
    case notAuthenticated
    case forbidden
    case csrfMismatch

    public var kind: ErrorKind {
        switch self {
        case .notAuthenticated: .unauthorized
        case .forbidden, .csrfMismatch: .forbidden
        }
    }
    public var code: String {
        switch self {
        case .notAuthenticated: "auth.required"
        case .forbidden: "auth.forbidden"
        case .csrfMismatch: "auth.csrf"
        }
    }
    public var message: String {
        switch self {
        case .notAuthenticated: "Bạn cần đăng nhập để dùng chức năng này."
        case .forbidden: "Bạn không có quyền thực hiện thao tác này."
        case .csrfMismatch: "Phiên biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại."
        }
    }
}
