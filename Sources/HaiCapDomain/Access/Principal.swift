/// Who is acting: a logged-in official, or a machine through an API token on an official's behalf.
public struct Principal: Sendable, Equatable {
    public let userId: Int
    public let username: String
    public let fullName: String
    public let role: Role
    public let agencyId: String
    public let agencyName: String
    /// The unit the user's agency serves; nil means a city-level agency.
    public let unitCode: String?

    public init(
        userId: Int, username: String, fullName: String, role: Role, agencyId: String, agencyName: String = "",
        unitCode: String?
    ) {
        self.userId = userId
        self.username = username
        self.fullName = fullName
        self.role = role
        self.agencyId = agencyId
        self.agencyName = agencyName
        self.unitCode = unitCode
    }

    /// City-level officials (and every administrator) see all records; a ward official sees that ward's.
    public var seesWholeCity: Bool { role == .admin || unitCode == nil }
}
