import Foundation
import HaiCapDomain
import HaiCapStorage

struct AccountDTO: Encodable {
    let id: Int
    let username: String
    let fullName: String
    let role: String
    let agency: String
    let disabled: Bool
    let lockedUntil: Date?
    let createdAt: Date

    init(_ account: Account) {
        id = account.id
        username = account.username
        fullName = account.fullName
        role = account.role.rawValue
        agency = account.agencyId
        disabled = account.isDisabled
        lockedUntil = account.lockedUntil
        createdAt = account.createdAt
    }
}

struct TokenDTO: Encodable {
    let id: Int
    let username: String
    let name: String
    let prefix: String
    let createdAt: Date
    let lastUsedAt: Date?
    let revokedAt: Date?
    let expiresAt: Date?

    init(_ token: APIToken) {
        id = token.id
        username = token.username
        name = token.name
        prefix = token.prefix
        createdAt = token.createdAt
        lastUsedAt = token.lastUsedAt
        revokedAt = token.revokedAt
        expiresAt = token.expiresAt
    }
}

struct AuditDTO: Encodable {
    let id: Int
    let at: Date
    let username: String
    let agency: String?
    let action: String
    let targetType: String
    let targetId: String
    let detail: String
    let hash: String

    init(_ entry: AuditEntry) {
        id = entry.id
        at = entry.at
        username = entry.username
        agency = entry.agencyId
        action = entry.action
        targetType = entry.targetType
        targetId = entry.targetId
        detail = entry.detail
        hash = entry.hash
    }
}

/// JSON request bodies of the admin API.
struct NewUserBody: Decodable {
    let username: String
    let fullName: String?
    let password: String
    let role: String
    let agency: String
}

struct UserPatchBody: Decodable {
    let role: String?
    let agency: String?
    let disabled: Bool?
}

struct PasswordBody: Decodable {
    let password: String
}

struct NewTokenBody: Decodable {
    let username: String
    let name: String?
    /// 1–3650; absent: the token works until revoked.
    let expiresInDays: Int?
}

struct NewAgencyBody: Decodable {
    let id: String
    let name: String
    let kind: String
    let unit: String?
    let idIsOfficial: Bool?
}

struct AgencyPatchBody: Decodable {
    let id: String?
    let name: String?
}

enum VietnamDisplay {
    /// "14:30 24/11/2026" in Vietnam time, as every page prints an instant; empty for no date.
    static func dateTime(_ date: Date?) -> String {
        DossierViews.time(date)
    }
}
