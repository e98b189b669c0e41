/// Where a case sits, as far as access is concerned: the agency holding it, the ward it belongs
/// to, the agency it has been handed to (a consultation, a transfer), and who sees the whole kind.
public struct CaseScope: Sendable, Equatable {
    /// Who reaches every case of a kind, whatever its ward or agency.
    public enum WholeCity: Sendable, Equatable {
        /// Every official of a city-level agency, and administrators (dossiers).
        case cityOfficials
        /// These roles only (1022 reports: operators and administrators).
        case roles(Set<Role>)
    }

    public var agencyId: String?
    public var unitCode: String?
    public var handedTo: String?
    public var wholeCity: WholeCity

    public init(agencyId: String?, unitCode: String?, handedTo: String? = nil, wholeCity: WholeCity) {
        self.agencyId = agencyId
        self.unitCode = unitCode
        self.handedTo = handedTo
        self.wholeCity = wholeCity
    }
}

/// The SQL twin of `Policy.reaches` for list queries: which rows a principal may see. Storage
/// renders it with the kind's columns (`CaseSQL.scope`).
public enum ScopeFilter: Sendable, Equatable {
    case everything
    /// The principal's agency's cases, or (for a ward official) every case of the ward.
    case limited(agencyId: String, unitCode: String?)
}
