import Foundation

/// What anyone holding a dossier's code and secret may see (tra cứu): no contact details, no
/// official's name, the public events only. Rendered at every transition and stored with the
/// dossier, so the busiest public query reads one column; `overdue` depends on the moment of
/// reading and is added then.
public struct PublicDossierView: Codable, Sendable, Equatable {
    public struct Event: Codable, Sendable, Equatable {
        public var at: String
        public var action: String
        public var note: String
        public init(at: String, action: String, note: String) {
            self.at = at
            self.action = action
            self.note = note
        }
    }

    public var code: String
    public var procedure: String
    public var status: String
    public var statusLabel: String
    public var portalStatus: Int
    public var submittedAt: String
    public var receivedAt: String?
    public var due: String?
    public var paused: Bool
    public var missingItems: [String]
    public var returnedAt: String?
    public var timeline: [Event]

    public init(_ dossier: Dossier, events: [Event]) {
        code = dossier.code
        procedure = dossier.procedureName
        status = dossier.status.rawValue
        statusLabel = dossier.status.label
        portalStatus = dossier.status.portalCode
        submittedAt = VietnamTime.iso(dossier.submittedAt)
        receivedAt = dossier.receivedAt.map(VietnamTime.iso)
        due = dossier.due.map(VietnamTime.iso)
        paused = dossier.status.isWaitingForApplicant
        missingItems = dossier.outstandingItems
        returnedAt = dossier.returnedAt.map(VietnamTime.iso)
        timeline = events
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The JSON object as stored and served (without `overdue`).
    public func json() throws -> String { String(decoding: try Self.encoder.encode(self), as: UTF8.self) }

    /// The stored object with `overdue` added as its last member.
    public static func serving(_ stored: String, overdue: Bool) -> String {
        guard stored.hasSuffix("}") else { return stored }
        return String(stored.dropLast()) + ",\"overdue\":\(overdue)}"
    }
}
