import Foundation
import HaiCapDomain
import SQLKit

/// Officials' accounts. Every change is one transaction with its audit entry and, for changes of
/// state (created, disabled, re-enabled), a timeline event on the account.
public struct AccountStore: Sendable {
    let database: Database
    let hasher: any PasswordHasher
    let audit: AuditLog
    let timeline: Timeline
    let agencies: AgencyStore
    /// A hash of nothing useful, made with the configured work factor and verified when the name is
    /// unknown, so that an unknown name costs the same bcrypt time as a known one.
    let dummyHash: String

    public init(database: Database, hasher: any PasswordHasher) {
        self.database = database
        self.hasher = hasher
        self.dummyHash = hasher.hash(Secrets.token())
        self.audit = AuditLog(database: database)
        self.timeline = Timeline(database: database)
        self.agencies = AgencyStore(database: database)
    }

    public func create(_ new: NewAccount, by actor: Principal?, at now: Date) async throws -> Account {
        let valid = try new.validated()
        let agency = try await agencyForForm(new.agencyId)
        if try await find(username: valid.username) != nil { throw AccountError.usernameTaken(valid.username) }
        let hash = hasher.hash(new.password)
        let id: Int
        do {
            id = try await insert(valid: valid, hash: hash, agency: agency, by: actor, at: now)
        } catch {
            // Another request took the name between the check above and this insert: the unique
            // index refused it. Say so, rather than report a database error.
            if try await find(username: valid.username) != nil { throw AccountError.usernameTaken(valid.username) }
            throw error
        }
        return try await get(id)
    }

    private func insert(
        valid: (username: String, fullName: String, role: Role), hash: String, agency: Agency,
        by actor: Principal?, at now: Date
    ) async throws -> Int {
        try await database.transaction { session in
            let row = try await session.raw(
                """
                INSERT INTO users (username, full_name, full_name_folded, password_hash, role, agency_id, created_at)
                VALUES (\(bind: valid.username), \(bind: valid.fullName), \(bind: VietnameseText.fold(valid.fullName)),
                        \(bind: hash), \(bind: valid.role.rawValue), \(bind: agency.id), \(bind: now.millis))
                RETURNING id
                """
            ).first()
            let id = try row!.decode(column: "id", as: Int.self)
            try await audit.append(
                AuditEvent(
                    "user.create", "user", String(id),
                    "\(valid.username), vai trò \(valid.role.rawValue), cơ quan \(agency.id)"),
                by: actor, at: now, in: session)
            try await timeline.append(
                TimelineEvent(
                    CaseRef(.user, id), at: now, actorUserId: actor?.userId,
                    actorName: actor?.username ?? "system", action: "create",
                    fromState: nil, toState: "active"), in: session)
            return id
        }
    }

    private func agencyForForm(_ id: String) async throws -> Agency {
        do { return try await agencies.get(id) } catch is NotFoundError {
            throw ValidationError(field: "agency", "Không có cơ quan mã \(id).")
        }
    }

    public func get(_ id: Int) async throws -> Account {
        guard let row = try await database.sql.raw("SELECT * FROM users WHERE id = \(bind: id)").first() else {
            throw NotFoundError("user", String(id))
        }
        return try Self.account(from: row)
    }

    public func find(username: String) async throws -> Account? {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        return try await database.sql.raw("SELECT * FROM users WHERE username = \(bind: name)").first().map(Self.account(from:))
    }

    public func list(query: String? = nil, agencyId: String? = nil, limit: Int = 200, offset: Int = 0) async throws -> (items: [Account], total: Int)
    {
        func apply(_ builder: some SQLPredicateBuilder) {
            let needle = VietnameseText.fold(query ?? "")
            if !needle.isEmpty {
                builder.where { $0.where("full_name_folded", .like, "%\(needle)%").orWhere("username", .like, "%\(needle)%") }
            }
            if let agencyId, !agencyId.isEmpty { builder.where("agency_id", .equal, agencyId) }
        }
        let select = database.sql.select().column("*").from("users")
        apply(select)
        let rows = try await select.orderBy("username").limit(limit).offset(offset).all()
        let count = database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
        apply(count)
        return (try rows.map(Self.account(from:)), try await count.first()?.decode(column: "n", as: Int.self) ?? 0)
    }

    /// Changes role, agency and enabled state together; the caller cannot lock itself out.
    public func update(_ id: Int, role: String, agencyId: String, disabled: Bool, by actor: Principal?, at now: Date) async throws -> Account {
        let current = try await get(id)
        guard let newRole = Role(rawValue: role) else {
            throw ValidationError(field: "role", "Vai trò không hợp lệ.")
        }
        let agency = try await agencyForForm(agencyId)
        if actor?.userId == id, disabled || newRole != current.role { throw AccountError.cannotChangeSelf }
        try await database.transaction { session in
            try await session.update("users").set("role", to: newRole.rawValue).set("agency_id", to: agency.id)
                .set("disabled", to: disabled ? 1 : 0).where("id", .equal, id).run()
            if disabled { try await session.delete(from: "sessions").where("user_id", .equal, id).run() }
            try await audit.append(
                AuditEvent(
                    "user.update", "user", String(id),
                    "vai trò \(current.role.rawValue) → \(newRole.rawValue); cơ quan \(current.agencyId) → \(agency.id); \(current.state) → \(disabled ? "disabled" : "active")"
                ),
                by: actor, at: now, in: session)
            if current.isDisabled != disabled {
                try await timeline.append(
                    TimelineEvent(
                        CaseRef(.user, id), at: now, actorUserId: actor?.userId,
                        actorName: actor?.username ?? "system", action: disabled ? "disable" : "enable",
                        fromState: current.state, toState: disabled ? "disabled" : "active"), in: session)
            }
        }
        return try await get(id)
    }

    /// Sets a new password, clears any lock-out and ends the user's sessions.
    public func resetPassword(_ id: Int, to password: String, by actor: Principal?, at now: Date) async throws {
        guard PasswordRule.isAcceptable(password) else { throw ValidationError(field: "password", PasswordRule.message) }
        _ = try await get(id)
        let hash = hasher.hash(password)
        try await database.transaction { session in
            try await session.update("users").set("password_hash", to: hash).set("failed_logins", to: 0)
                .set("locked_until", to: SQLLiteral.null).where("id", .equal, id).run()
            try await session.delete(from: "sessions").where("user_id", .equal, id).run()
            try await audit.append(AuditEvent("user.reset_password", "user", String(id)), by: actor, at: now, in: session)
        }
    }

    /// Checks a password, counting failures towards the lock-out; the same message whether the user
    /// exists or not, so that a login form does not reveal usernames.
    /// Checks a login. Unknown names, wrong passwords and locked accounts all get the same answer
    /// after the same bcrypt work, so the answer says nothing about which names exist.
    ///
    /// Failures are counted by one conditional UPDATE, never read-then-written: concurrent wrong
    /// passwords each add one (the row lock serialises them on PostgreSQL, the single connection on
    /// SQLite), the one that reaches `rule.maxFailures` sets the lock, and a right password only
    /// succeeds if its own reset finds the account unlocked at that moment.
    public func authenticate(username: String, password: String, rule: LockoutRule, at now: Date) async throws -> Account {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard name.count <= 64, password.count <= PasswordRule.maximumLength,
            let row = try await database.sql.raw("SELECT * FROM users WHERE username = \(bind: name)").first()
        else {
            _ = hasher.verify(password, hash: dummyHash)
            throw AccountError.badCredentials
        }
        let account = try Self.account(from: row)
        let matches = hasher.verify(password, hash: try row.decode(column: "password_hash", as: String.self))
        guard matches else {
            try await countFailure(account, rule: rule, at: now)
            throw AccountError.badCredentials
        }
        let unlocked = try await database.sql.raw(
            """
            UPDATE users SET failed_logins = 0, locked_until = NULL
            WHERE id = \(bind: account.id) AND (locked_until IS NULL OR locked_until <= \(bind: now.millis))
            RETURNING id
            """
        ).first()
        guard unlocked != nil else { throw AccountError.badCredentials }
        if account.isDisabled { throw AccountError.disabled }
        return account
    }

    /// One more failure, atomically; the failure that reaches the limit locks the account (and is audited).
    private func countFailure(_ account: Account, rule: LockoutRule, at now: Date) async throws {
        let lockUntil = now.addingTimeInterval(Double(rule.lockMinutes) * 60).millis
        try await database.transaction { session in
            let row = try await session.raw(
                """
                UPDATE users SET
                    failed_logins = CASE WHEN failed_logins + 1 >= \(bind: rule.maxFailures) THEN 0 ELSE failed_logins + 1 END,
                    locked_until = CASE WHEN failed_logins + 1 >= \(bind: rule.maxFailures) THEN \(bind: lockUntil) ELSE NULL END
                WHERE id = \(bind: account.id) AND (locked_until IS NULL OR locked_until <= \(bind: now.millis))
                RETURNING locked_until
                """
            ).first()
            if let row, try row.decode(column: "locked_until", as: Int64?.self) != nil {
                try await audit.append(
                    AuditEvent("user.lock", "user", String(account.id), "khóa do nhập sai mật khẩu \(rule.maxFailures) lần"),
                    by: nil, at: now, in: session)
            }
        }
    }

    public func principal(for account: Account) async throws -> Principal {
        let agency = try await agencies.get(account.agencyId)
        return Principal(
            userId: account.id, username: account.username, fullName: account.fullName, role: account.role,
            agencyId: account.agencyId, agencyName: agency.name, unitCode: agency.unitCode)
    }

    static func account(from row: any SQLRow) throws -> Account {
        Account(
            id: try row.decode(column: "id", as: Int.self),
            username: try row.decode(column: "username", as: String.self),
            fullName: try row.decode(column: "full_name", as: String.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .officer,
            agencyId: try row.decode(column: "agency_id", as: String.self),
            isDisabled: try row.decode(column: "disabled", as: Int.self) == 1,
            failedLogins: try row.decode(column: "failed_logins", as: Int.self),
            lockedUntil: try row.decode(column: "locked_until", as: Int64?.self).map(Date.init(millis:)),
            createdAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)))
    }
}
