/// Things a route can require. Every route declares one; `Policy.allows` is the only place that decides.
public enum Permission: String, Sendable, CaseIterable {
    /// Anyone, logged in or not: the directory, the resolver, citizens' services.
    case everyone
    /// Any logged-in official.
    case signedIn
    /// Manage agencies, users and API tokens; read the audit log.
    case administer
    /// See the officials of an agency (the agency's leaders, and city-level administrators).
    case viewAgencyStaff
    /// Work on one-stop dossiers: every role that receives, reviews, approves, signs, returns or
    /// carries them (ward scope still applies per dossier).
    case handleDossiers
    /// Receive dossiers at the counter or by post: desk officers, postal staff, leaders, administrators.
    case receiveDossiers
    /// Work on 1022 reports: ward and department officials (their agency's reports), operators
    /// and administrators (every report).
    case handleFeedback
    /// Enter a report taken by phone, and forward reports between agencies: operators, administrators.
    case takeCalls
    /// Work on official documents of one's agency: register, direct, handle, draft, sign, issue.
    case handleDocuments
    /// See and join the meetings one is invited to, mark one's unit's roll-call line, report on
    /// conclusions given to one's agency: every official (meeting scope per meeting).
    case attendMeetings
    /// Schedule meetings: leaders, clerks, city departments' staff, administrators.
    case organiseMeetings
}

public enum Policy {
    /// Whether a principal (nil = anonymous) holds a permission at all.
    public static func allows(_ principal: Principal?, _ permission: Permission) -> Bool {
        switch permission {
        case .everyone: return true
        case .signedIn: return principal != nil
        case .administer: return principal?.role == .admin
        case .viewAgencyStaff: return principal.map { $0.role == .admin || $0.role == .leader } ?? false
        case .handleDossiers:
            return principal.map { [.admin, .leader, .officer, .specialist, .clerk, .department, .postal].contains($0.role) } ?? false
        case .receiveDossiers:
            return principal.map { [.admin, .leader, .officer, .postal].contains($0.role) } ?? false
        case .handleFeedback:
            return principal.map { feedbackHandlers.contains($0.role) } ?? false
        case .takeCalls:
            return principal.map { feedbackCoordinators.contains($0.role) } ?? false
        case .handleDocuments:
            return principal.map { documentHandlers.contains($0.role) } ?? false
        case .attendMeetings:
            return principal.map { meetingStaff.contains($0.role) } ?? false
        case .organiseMeetings:
            return principal.map { meetingOrganisers.contains($0.role) } ?? false
        }
    }

    /// Agency scope: a ward official reaches only the agencies of that ward; city roles reach all.
    public static func reaches(_ principal: Principal, agency: Agency) -> Bool {
        if principal.seesWholeCity { return true }
        return agency.unitCode == principal.unitCode
    }

    /// Both checks at once, throwing the typed error the web layer maps to 401 or 403.
    public static func require(_ principal: Principal?, _ permission: Permission, agency: Agency? = nil) throws(AccessError) {
        guard allows(principal, permission) else {
            throw principal == nil ? AccessError.notAuthenticated : AccessError.forbidden
        }
        if let agency, let principal, !reaches(principal, agency: agency) { throw AccessError.forbidden }
    }
}
