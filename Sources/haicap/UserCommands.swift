import ArgumentParser
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Quản lý tài khoản cán bộ.",
        subcommands: [Add.self, List.self, SetRole.self, Disable.self, Enable.self, ResetPassword.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo tài khoản.")
        @OptionGroup var options: CommonOptions
        @Option var username: String
        @Option var password: String
        @Option(help: "admin|leader|officer|specialist|clerk|department|it-support|hcdc|postal") var role: String
        @Option(help: "Mã định danh cơ quan, ví dụ 000.00.00.H29.") var agency: String
        @Option(name: .customLong("full-name")) var fullName: String = ""

        func run() async throws {
            try await withServices(options) { services in
                let account = try await services.accounts.create(
                    NewAccount(username: username, fullName: fullName, password: password, role: role, agencyId: agency),
                    by: nil, at: services.clock.now())
                print("Đã tạo tài khoản \(account.username) (#\(account.id), \(account.role.rawValue), \(account.agencyId)).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê tài khoản.")
        @OptionGroup var options: CommonOptions
        @Option var agency: String?
        func run() async throws {
            try await withServices(options) { services in
                for account in try await services.accounts.list(agencyId: agency, limit: 100_000).items {
                    print("\(account.id)\t\(account.username)\t\(account.role.rawValue)\t\(account.agencyId)\t\(account.state)\t\(account.fullName)")
                }
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Đổi vai trò và/hoặc cơ quan.")
        @OptionGroup var options: CommonOptions
        @Option var username: String
        @Option var role: String?
        @Option var agency: String?
        func run() async throws {
            try await withServices(options) { services in
                guard let account = try await services.accounts.find(username: username) else { throw NotFoundError("user", username) }
                let updated = try await services.accounts.update(
                    account.id, role: role ?? account.role.rawValue, agencyId: agency ?? account.agencyId,
                    disabled: account.isDisabled, by: nil, at: services.clock.now())
                print("\(updated.username): \(updated.role.rawValue), \(updated.agencyId)")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Vô hiệu hóa tài khoản (đăng xuất mọi phiên).")
        @OptionGroup var options: CommonOptions
        @Option var username: String
        func run() async throws { try await setDisabled(options, username, true) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Kích hoạt lại tài khoản.")
        @OptionGroup var options: CommonOptions
        @Option var username: String
        func run() async throws { try await setDisabled(options, username, false) }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Đặt lại mật khẩu và mở khóa.")
        @OptionGroup var options: CommonOptions
        @Option var username: String
        @Option var password: String
        func run() async throws {
            try await withServices(options) { services in
                guard let account = try await services.accounts.find(username: username) else { throw NotFoundError("user", username) }
                try await services.accounts.resetPassword(account.id, to: password, by: nil, at: services.clock.now())
                print("Đã đặt lại mật khẩu cho \(account.username).")
            }
        }
    }
}

private func setDisabled(_ options: CommonOptions, _ username: String, _ disabled: Bool) async throws {
    try await UserCommand.Disable().withServices(options) { services in
        guard let account = try await services.accounts.find(username: username) else { throw NotFoundError("user", username) }
        _ = try await services.accounts.update(
            account.id, role: account.role.rawValue, agencyId: account.agencyId, disabled: disabled,
            by: nil, at: services.clock.now())
        print("\(account.username): \(disabled ? "đã vô hiệu hóa" : "đã kích hoạt")")
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Token API cho hệ thống kết nối.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo token; dòng cuối cùng in ra chính token.")
        @OptionGroup var options: CommonOptions
        @Option var username: String
        @Option var name: String = "cli"
        @Option(help: "Số ngày token còn hiệu lực (1–3650); bỏ trống: đến khi thu hồi.") var expiresDays: Int?
        func run() async throws {
            try await withServices(options) { services in
                let (token, secret) = try await services.tokens.create(
                    forUsername: username, name: name, expiresInDays: expiresDays,
                    by: nil, at: services.clock.now())
                print("Token #\(token.id) cho \(token.username) (\(token.name)); chỉ hiển thị một lần:")
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê token.")
        @OptionGroup var options: CommonOptions
        func run() async throws {
            try await withServices(options) { services in
                for token in try await services.tokens.list() {
                    print("\(token.id)\t\(token.username)\t\(token.name)\t\(token.prefix)…\t\(token.revokedAt == nil ? "active" : "revoked")")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thu hồi token.")
        @OptionGroup var options: CommonOptions
        @Option var id: Int
        func run() async throws {
            try await withServices(options) { services in
                try await services.tokens.revoke(id, by: nil, at: services.clock.now())
                print("Đã thu hồi token #\(id).")
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Nhật ký kiểm toán.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Kiểm tra chuỗi băm; nêu mục đầu tiên bị sửa hoặc xóa.")
        @OptionGroup var options: CommonOptions
        func run() async throws {
            let verdict = try await withServices(options) { try await $0.audit.verify() }
            switch verdict {
            case .intact(let count):
                print("Chuỗi nhật ký nguyên vẹn: \(count) mục.")
            case .broken(let id, let reason):
                print("CHUỖI BỊ PHÁ VỠ tại mục #\(id): \(reason).")
                throw ExitCode(2)
            }
        }
    }
}
