import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import SQLKit
import Testing

@Suite("Accounts, lock-out, tokens and sessions")
struct AccountStoreTests {
    static let ward = "001.01.90.H29"

    @Test("create validates, refuses a taken username, audits and records the account's timeline")
    func create() async throws {
        try await TestDatabase.withServices(demo: false) { services in
            let now = services.clock.now()
            let account = try await services.accounts.create(
                NewAccount(username: "Nguyen.An", fullName: "Nguyễn An", password: "matkhau1234545", role: "officer", agencyId: Self.ward),
                by: nil, at: now)
            #expect(account.username == "nguyen.an" && account.role == .officer && !account.isDisabled)
            await #expect(throws: AccountError.usernameTaken("nguyen.an")) {
                _ = try await services.accounts.create(
                    NewAccount(
                        username: "nguyen.an", fullName: "", password: "matkhau1234545",
                        role: "officer", agencyId: Self.ward), by: nil, at: now)
            }
            await #expect(throws: ValidationError.self) {
                _ = try await services.accounts.create(
                    NewAccount(
                        username: "b", fullName: "", password: "x", role: "boss",
                        agencyId: "999.99.99.H99"), by: nil, at: now)
            }
            #expect(try await services.accounts.list().total == 1)
            let events = try await services.timeline.events(of: CaseRef(.user, account.id))
            #expect(events.map(\.toState) == ["active"])
            #expect(try await services.audit.list(.init(action: "user.create")).total == 1)
            let stored = try await services.database.sql.raw("SELECT password_hash FROM users").first()
            #expect(try stored?.decode(column: "password_hash", as: String.self).hasPrefix("$2") == true)
        }
    }

    @Test("16 concurrent creates of one username: exactly one account, every other request told the name is taken")
    func concurrentCreates() async throws {
        try await TestDatabase.withServices(demo: false) { (services: AppServices) async throws in
            let now = services.clock.now()
            // The shipped procedure catalogue is already in the log.
            let seeded = try await services.audit.list(.init()).total
            let outcomes = await withTaskGroup(of: String.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        do {
                            _ = try await services.accounts.create(
                                NewAccount(
                                    username: "trung.ten", fullName: "", password: "matkhau1234545",
                                    role: "officer", agencyId: Self.ward), by: nil, at: now)
                            return "created"
                        } catch AccountError.usernameTaken {
                            return "taken"
                        } catch {
                            return "other: \(error)"
                        }
                    }
                }
                var all: [String] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == "created" }.count == 1)
            #expect(outcomes.filter { $0 == "taken" }.count == 15, "\(outcomes.filter { $0.hasPrefix("other") })")
            #expect(try await services.accounts.list().total == 1)
            #expect(try await services.audit.verify() == .intact(entries: seeded + 1))
        }
    }

    @Test("five wrong passwords lock the account; the right password is refused until the lock ends or a reset")
    func lockout() async throws {
        let clock = FixedClock(Date(timeIntervalSince1970: 1_763_863_200))
        try await TestDatabase.withServices(demo: false, clock: clock) { services in
            let account = try await services.accounts.create(
                NewAccount(username: "khoa", fullName: "", password: "dungroi12345", role: "officer", agencyId: Self.ward), by: nil, at: clock.now())
            let rule = LockoutRule(maxFailures: 5, lockMinutes: 15)
            for _ in 1...4 {
                await #expect(throws: AccountError.badCredentials) {
                    _ = try await services.accounts.authenticate(username: "khoa", password: "sai", rule: rule, at: clock.now())
                }
            }
            await #expect(throws: AccountError.badCredentials) {
                _ = try await services.accounts.authenticate(username: "khoa", password: "sai", rule: rule, at: clock.now())
            }
            // Locked: the right password gets the same answer as a wrong one, or as an unknown name.
            await #expect(throws: AccountError.badCredentials) {
                _ = try await services.accounts.authenticate(username: "khoa", password: "dungroi12345", rule: rule, at: clock.now())
            }
            await #expect(throws: AccountError.badCredentials) {
                _ = try await services.accounts.authenticate(username: "khong-co-ai", password: "dungroi12345", rule: rule, at: clock.now())
            }
            clock.advance(by: 901)
            #expect(
                try await services.accounts.authenticate(username: "khoa", password: "dungroi12345", rule: rule, at: clock.now()).id == account.id)
            #expect(try await services.audit.list(.init(action: "user.lock")).total == 1)
        }
    }

    @Test("40 concurrent wrong passwords lock the account: the right password that follows is refused")
    func lockoutUnderConcurrency() async throws {
        let clock = FixedClock(Date(timeIntervalSince1970: 1_763_863_200))
        try await TestDatabase.withServices(demo: false, clock: clock) { services in
            _ = try await services.accounts.create(
                NewAccount(username: "song", fullName: "", password: "dungroi12345", role: "officer", agencyId: Self.ward), by: nil, at: clock.now())
            let rule = LockoutRule(maxFailures: 5, lockMinutes: 15)
            let accounts = services.accounts
            let now = clock.now()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<40 {
                    group.addTask { _ = try? await accounts.authenticate(username: "song", password: "sai-mat-khau-1", rule: rule, at: now) }
                }
            }
            await #expect(throws: AccountError.badCredentials) {
                _ = try await services.accounts.authenticate(username: "song", password: "dungroi12345", rule: rule, at: now)
            }
            #expect(try await services.audit.list(.init(action: "user.lock")).total >= 1)
            clock.advance(by: 901)
            #expect(
                try await services.accounts.authenticate(username: "song", password: "dungroi12345", rule: rule, at: clock.now()).username == "song")
        }
    }

    @Test("a disabled account cannot log in, and its sessions and tokens stop working")
    func disabled() async throws {
        try await TestDatabase.withServices(demo: false) { services in
            let now = services.clock.now()
            let account = try await services.accounts.create(
                NewAccount(username: "tam", fullName: "", password: "matkhau1234545", role: "clerk", agencyId: Self.ward), by: nil, at: now)
            let session = try await services.sessions.create(userId: account.id, at: now)
            let (_, secret) = try await services.tokens.create(forUsername: "tam", name: "test", by: nil, at: now)
            #expect(try await services.sessions.principal(forSecret: session, at: now)?.username == "tam")
            #expect(try await services.tokens.principal(forSecret: secret, at: now)?.unitCode != nil)
            _ = try await services.accounts.update(account.id, role: "clerk", agencyId: Self.ward, disabled: true, by: nil, at: now)
            await #expect(throws: AccountError.disabled) {
                _ = try await services.accounts.authenticate(username: "tam", password: "matkhau1234545", rule: .init(), at: now)
            }
            #expect(try await services.sessions.principal(forSecret: session, at: now) == nil)
            #expect(try await services.tokens.principal(forSecret: secret, at: now) == nil)
            let states = try await services.timeline.events(of: CaseRef(.user, account.id)).map(\.toState)
            #expect(states == ["active", "disabled"])
        }
    }

    @Test("tokens are stored as digests only; revoked tokens stop working")
    func tokens() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let now = services.clock.now()
            let (token, secret) = try await services.tokens.create(forUsername: "admin", name: "cổng DVCQG", by: nil, at: now)
            let rows = try await services.database.sql.raw("SELECT token_hash FROM api_tokens").all()
            #expect(rows.count == 1)
            #expect(try rows[0].decode(column: "token_hash", as: String.self) != secret)
            #expect(try await services.tokens.principal(forSecret: secret, at: now)?.role == .admin)
            try await services.tokens.revoke(token.id, by: nil, at: now)
            #expect(try await services.tokens.principal(forSecret: secret, at: now) == nil)
            #expect(try await services.tokens.principal(forSecret: "hc_guess", at: now) == nil)
        }
    }

    @Test("sessions expire")
    func sessionExpiry() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let now = services.clock.now()
            let admin = try #require(try await services.accounts.find(username: "admin"))
            let secret = try await services.sessions.create(userId: admin.id, at: now)
            #expect(try await services.sessions.principal(forSecret: secret, at: now.addingTimeInterval(3600)) != nil)
            #expect(try await services.sessions.principal(forSecret: secret, at: now.addingTimeInterval(9 * 3600)) == nil)
        }
    }

    @Test("administrators add agencies; a taken or malformed identifier and an unknown unit are refused")
    func agencyCreate() async throws {
        try await TestDatabase.withServices(demo: false) { services in
            let now = services.clock.now()
            let units = Set(services.reference.unitsByCode.keys)
            let created = try await services.agencies.create(
                Agency(id: "000.00.10.H29", name: "Sở Giáo dục và Đào tạo", kind: .department, unitCode: nil, idIsOfficial: false),
                by: nil, at: now, knownUnits: units)
            #expect(created.name == "Sở Giáo dục và Đào tạo")
            #expect(try await services.agencies.list(query: "giao duc").items.map(\.id) == ["000.00.10.H29"])
            await #expect(throws: ValidationError.self) {
                _ = try await services.agencies.create(
                    Agency(id: "000.00.10.H29", name: "Trùng", kind: .department, unitCode: nil, idIsOfficial: false),
                    by: nil, at: now, knownUnits: units)
            }
            do {
                _ = try await services.agencies.create(
                    Agency(id: "10.H29", name: "", kind: .department, unitCode: "00000", idIsOfficial: false),
                    by: nil, at: now, knownUnits: units)
                Issue.record("bad agency accepted")
            } catch let error as ValidationError {
                #expect(Set(error.problems.map(\.field)) == ["id", "name", "unit"])
            }
            #expect(try await services.audit.list(.init(action: "agency.create")).total == 1)
        }
    }

    @Test("an agency's identifier can be corrected; its users follow")
    func agencyCorrection() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let now = services.clock.now()
            let officer = try #require(try await services.accounts.find(username: "motcua.tandinh"))
            let updated = try await services.agencies.update(
                officer.agencyId, newId: "000.50.30.H29", name: "Trung tâm PVHCC Phường Tân Định",
                by: nil, at: now)
            #expect(updated.id == "000.50.30.H29")
            #expect(try await services.accounts.get(officer.id).agencyId == "000.50.30.H29")
            await #expect(throws: ValidationError.self) {
                _ = try await services.agencies.update("000.50.30.H29", newId: "bad id", name: "", by: nil, at: now)
            }
            await #expect(throws: ValidationError.self) {
                _ = try await services.agencies.update("000.50.30.H29", newId: "000.00.00.H29", name: "x", by: nil, at: now)
            }
        }
    }
}
