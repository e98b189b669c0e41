import Foundation

/// One write, as the append-only audit log keeps it. The hash chain covers every field but `id`.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int
    public var at: Date
    public var userId: Int?
    public var username: String
    public var agencyId: String?
    /// Dotted verb, e.g. `user.create`, `agency.update`, `token.revoke`.
    public var action: String
    public var targetType: String
    public var targetId: String
    public var detail: String
    public var previousHash: String
    public var hash: String

    public init(
        id: Int = 0, at: Date, userId: Int?, username: String, agencyId: String?, action: String,
        targetType: String, targetId: String, detail: String, previousHash: String = "", hash: String = ""
    ) {
        self.id = id
        self.at = at
        self.userId = userId
        self.username = username
        self.agencyId = agencyId
        self.action = action
        self.targetType = targetType
        self.targetId = targetId
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The exact bytes that are hashed: fields joined by a unit separator, time in whole milliseconds
    /// so that both databases round-trip it exactly.
    public var canonicalText: String {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        return [
            previousHash, String(millis), userId.map(String.init) ?? "", username, agencyId ?? "",
            action, targetType, targetId, detail
        ].joined(separator: "\u{1F}")
    }

    /// The hash of the chain's first entry's predecessor.
    public static let genesisHash = String(repeating: "0", count: 64)
}

/// What `audit verify` reports.
public enum AuditVerdict: Sendable, Equatable {
    case intact(entries: Int)
    /// The first entry whose stored hash or link does not match; `reason` is for people.
    case broken(entryId: Int, reason: String)
}

/// A single write that the audit log will record, described by the use case that made it.
public struct AuditEvent: Sendable {
    public let action: String
    public let targetType: String
    public let targetId: String
    public let detail: String
    public init(_ action: String, _ targetType: String, _ targetId: String, _ detail: String = "") {
        self.action = action
        self.targetType = targetType
        self.targetId = targetId
        self.detail = detail
    }
}

extension AuditEvent {
    /// A case's transition: `{kind}.{action}` on the case.
    public init(_ ref: CaseRef, action: String, detail: String) {
        self.init("\(ref.kind.name).\(action)", ref.kind.name, ref.id, detail)
    }
}
