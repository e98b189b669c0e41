/// Case access: scope (which cases a principal reaches) and the role rules the workflows and
/// stores ask about. Nothing outside `Access` compares roles.
extension Policy {
    /// Roles that work on 1022 reports of their agency (operators and administrators: every report).
    public static let feedbackHandlers: Set<Role> = [.admin, .operator1022, .leader, .officer, .specialist, .clerk, .department]
    /// Roles that see and route every 1022 report, and speak for reporters on the phone.
    public static let feedbackCoordinators: Set<Role> = [.admin, .operator1022]

    /// Whether `principal` sees the case at all.
    public static func reaches(_ principal: Principal, _ scope: CaseScope) -> Bool {
        switch scope.wholeCity {
        case .cityOfficials: if principal.seesWholeCity { return true }
        case .roles(let roles): if roles.contains(principal.role) { return true }
        }
        if let agency = scope.agencyId, agency == principal.agencyId { return true }
        if let unit = principal.unitCode, scope.unitCode == unit { return true }
        return false
    }

    /// Whether `principal` may act on a case it reaches: a city department sees the whole city's
    /// dossiers but acts only on what was handed to it.
    public static func mayAct(_ principal: Principal, _ scope: CaseScope) -> Bool {
        guard reaches(principal, scope) else { return false }
        if principal.role == .department { return scope.handedTo == principal.agencyId }
        return true
    }

    /// The SQL twin of `reaches`, for a kind whose whole-city readers are `wholeCity`.
    public static func filter(_ principal: Principal, _ wholeCity: CaseScope.WholeCity) -> ScopeFilter {
        switch wholeCity {
        case .cityOfficials: if principal.seesWholeCity { return .everything }
        case .roles(let roles): if roles.contains(principal.role) { return .everything }
        }
        return .limited(agencyId: principal.agencyId, unitCode: principal.unitCode)
    }

    /// Whether a rule table's roles include the principal (administrators take every action).
    public static func takes<State>(_ principal: Principal, _ rule: CaseRule<State>) -> Bool {
        principal.role == .admin || rule.roles.contains(principal.role)
    }

    /// Who may be given a dossier to examine, or take it themself: specialists and leaders.
    public static func examinesDossiers(_ role: Role) -> Bool { role == .specialist || role == .leader }

    /// Operators and administrators send a 1022 report to any agency; an agency only hands a
    /// report outside its competence back to the operators.
    public static func routesAnywhere(_ principal: Principal) -> Bool { feedbackCoordinators.contains(principal.role) }

    /// Postal staff hand in dossiers for the desk to check; they never decide on them.
    public static func submitsByPost(_ principal: Principal) -> Bool { principal.role == .postal }

    /// Who hears of an overdue case of their agency (and of one due soon that nobody holds).
    public static let escalationRoles: Set<Role> = [.leader]
}

/// Official documents: who registers and issues, who directs and signs, who handles, and who sees
/// a secret document.
extension Policy {
    /// Everyone who works on documents of their agency.
    public static let documentHandlers: Set<Role> = [.admin, .leader, .clerk, .specialist, .officer, .department]
    /// Văn thư: registers incoming documents, numbers and issues outgoing ones. A city department's
    /// staff hold one role for all of it.
    public static let documentClerks: Set<Role> = [.admin, .clerk, .leader, .department]
    /// Directs incoming documents, signs and recalls outgoing ones.
    public static let documentLeaders: Set<Role> = [.admin, .leader, .department]
    /// Reviews drafts (a head of unit is a leader of the unit's agency here).
    public static let documentReviewers: Set<Role> = [.admin, .leader, .department]

    /// A secret document is seen by the people it names (who registered or drafted it, the lead,
    /// the assignee), the agency's leaders and clerks; an ordinary one by everyone who reaches the
    /// case. A city department's staff share one role, so there only the people named see it.
    public static func seesSecret(_ principal: Principal, namedIn people: [Int?]) -> Bool {
        if [.admin, .leader, .clerk].contains(principal.role) { return true }
        return people.contains(principal.userId)
    }
}
