import Foundation

/// A state change of any case (dossier, document, feedback, ticket, account): who, what, when,
/// from → to, and a note. Case histories, notifications and the national-portal outbox read these.
public struct TimelineEvent: Sendable, Equatable {
    public var id: Int
    public var ref: CaseRef
    public var at: Date
    public var actorUserId: Int?
    public var actorName: String
    public var action: String
    public var fromState: String?
    public var toState: String?
    public var note: String
    /// Whether citizens may see this event on a public status page.
    public var isPublic: Bool

    public init(
        id: Int = 0, _ ref: CaseRef, at: Date, actorUserId: Int?, actorName: String,
        action: String, fromState: String?, toState: String?, note: String = "", isPublic: Bool = false
    ) {
        self.id = id
        self.ref = ref
        self.at = at
        self.actorUserId = actorUserId
        self.actorName = actorName
        self.action = action
        self.fromState = fromState
        self.toState = toState
        self.note = note
        self.isPublic = isPublic
    }
}
