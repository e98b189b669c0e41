import Foundation

/// An official's account as administrators see it (never the password hash).
public struct Account: Sendable, Equatable, Codable {
    public var id: Int
    public var username: String
    public var fullName: String
    public var role: Role
    public var agencyId: String
    public var isDisabled: Bool
    public var failedLogins: Int
    public var lockedUntil: Date?
    public var createdAt: Date

    public init(
        id: Int, username: String, fullName: String, role: Role, agencyId: String, isDisabled: Bool,
        failedLogins: Int, lockedUntil: Date?, createdAt: Date
    ) {
        self.id = id
        self.username = username
        self.fullName = fullName
        self.role = role
        self.agencyId = agencyId
        self.isDisabled = isDisabled
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
    }

    public var state: String { isDisabled ? "disabled" : "active" }
}

/// Login lock-out: after `maxFailures` wrong passwords in a row the account is locked for `lockMinutes`.
public struct LockoutRule: Sendable {
    public var maxFailures: Int
    public var lockMinutes: Int
    public init(maxFailures: Int = 5, lockMinutes: Int = 15) {
        self.maxFailures = maxFailures
        self.lockMinutes = lockMinutes
    }

}

/// Rules for new accounts, checked the same way by the web form, the API and the CLI.
public struct NewAccount: Sendable {
    public var username: String
    public var fullName: String
    public var password: String
    public var role: String
    public var agencyId: String

    public init(username: String, fullName: String, password: String, role: String, agencyId: String) {
        self.username = username
        self.fullName = fullName
        self.password = password
        self.role = role
        self.agencyId = agencyId
    }

    public func validated() throws(ValidationError) -> (username: String, fullName: String, role: Role) {
        var check = Validator()
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        check.require(name.count >= 3 && name.count <= 64, "username", "Tên đăng nhập phải dài 3–64 ký tự.")
        check.require(
            name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) },
            "username", "Tên đăng nhập chỉ gồm chữ không dấu, số và . _ -")
        check.require(PasswordRule.isAcceptable(password), "password", PasswordRule.message)
        let role = Role(rawValue: self.role)
        check.require(role != nil, "role", "Vai trò không hợp lệ; dùng một trong: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        check.require(!agencyId.isEmpty, "agency", "Chưa chọn cơ quan.")
        try check.check()
        let full = VietnameseText.nfc(fullName.trimmingCharacters(in: .whitespaces))
        return (name, full.isEmpty ? name : full, role!)
    }
}

/// OWASP ASVS 4.0 §2.1: at least 12 characters, long passphrases allowed; letters and digits both.
public enum PasswordRule {
    public static let minimumLength = 12
    public static let maximumLength = 128
    public static let message = "Mật khẩu phải có từ 12 đến 128 ký tự, gồm cả chữ và số."
    public static func isAcceptable(_ password: String) -> Bool {
        (minimumLength...maximumLength).contains(password.count) && password.contains(where: \.isLetter)
            && password.contains(where: \.isNumber)
    }
}

/// Password hashing, implemented with bcrypt by the web layer; Storage only stores the result.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) -> String
    func verify(_ password: String, hash: String) -> Bool
}

/// Account-level failures of login and administration.
public enum AccountError: HaiCapError, Equatable {
    /// Unknown name, wrong password or locked account: one answer for all three.
    case badCredentials
    case disabled
    case usernameTaken(String)
    case cannotChangeSelf

    public var kind: ErrorKind {
        switch self {
        case .badCredentials: .unauthorized
        case .disabled: .forbidden
        case .usernameTaken: .conflict
        case .cannotChangeSelf: .conflict
        }
    }
    public var code: String {
        switch self {
        case .badCredentials: "login.failed"
        case .disabled: "login.disabled"
        case .usernameTaken: "user.exists"
        case .cannotChangeSelf: "user.self"
        }
    }
    public var message: String {
        switch self {
        case .badCredentials:
            "Tên đăng nhập hoặc mật khẩu không đúng. Sau 5 lần nhập sai liên tiếp, tài khoản tạm khóa 15 phút."
        case .disabled: "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống."
        case .usernameTaken(let name): "Tên đăng nhập «\(name)» đã có người dùng."
        case .cannotChangeSelf: "Không thể tự vô hiệu hóa hoặc hạ quyền tài khoản đang đăng nhập."
        }
    }
}
