/// One row of a kind's rule table: from which states an action may happen, who may take it, the
/// state it leads to, and what it does to the clock.
public struct CaseRule<State: Hashable & Sendable>: Sendable {
    public let from: Set<State>
    /// Officials' roles that may take the action (administrators always may).
    public let roles: Set<Role>
    /// Whether the citizen behind the case may take it, proving it with the case's secret.
    public let citizen: Bool
    /// nil: the kind decides (back to the state before a pause, or unchanged).
    public let to: State?
    public let clock: ClockEffect
    /// Whether the event is shown on the case's public page.
    public let isPublic: Bool

    public init(
        from: Set<State>, roles: Set<Role>, citizen: Bool = false, to: State?, clock: ClockEffect = .none,
        isPublic: Bool = true
    ) {
        self.from = from
        self.roles = roles
        self.citizen = citizen
        self.to = to
        self.clock = clock
        self.isPublic = isPublic
    }
}

/// Who takes an action: an official, or the citizen behind the case (with its proof).
public enum CaseActor: Sendable, Equatable {
    case official(Principal)
    case citizen

    public var principal: Principal? {
        if case .official(let principal) = self { return principal }
        return nil
    }
}

/// Why the rule table refuses an action, before any kind-specific check.
public enum CaseRefusal: Sendable, Equatable {
    case role
    case state
}

/// A kind's actions and their rule table. `refusal` and `allowed` are the one reading of a rule
/// table: the ledger checks with the first, pages and the API list buttons with the second.
public protocol CaseWorkflow {
    associatedtype State: Hashable & Sendable
    associatedtype Action: Hashable & Sendable & CaseIterable

    static func rule(_ action: Action) -> CaseRule<State>
}

extension CaseWorkflow {
    /// nil when the rule table lets `actor` take `action` in `state`.
    public static func refusal(_ action: Action, in state: State, by actor: CaseActor) -> CaseRefusal? {
        let rule = rule(action)
        switch actor {
        case .citizen: if !rule.citizen { return .role }
        case .official(let principal): if !Policy.takes(principal, rule) { return .role }
        }
        return rule.from.contains(state) ? nil : .state
    }

    /// The actions the rule table offers `actor` in `state`, in declaration order.
    public static func allowed(in state: State, for actor: CaseActor) -> [Action] {
        Action.allCases.filter { refusal($0, in: state, by: actor) == nil }
    }
}
