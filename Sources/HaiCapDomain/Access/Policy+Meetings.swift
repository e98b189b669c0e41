/// Meetings: who schedules them, who sees one, and who acts for a unit's line.
extension Policy {
    /// Every official who takes part in meetings (staff only: the citizens never see them).
    public static let meetingStaff: Set<Role> = Set(Role.allCases)
    /// Who schedules meetings, and cancels, moves or closes them: leaders and clerks (văn phòng),
    /// a city department's staff, administrators. A ward's invite their own ward only.
    public static let meetingOrganisers: Set<Role> = [.admin, .leader, .clerk, .department]
    /// Who keeps the roll-call and the minutes besides the secretary and the host.
    public static let meetingRecorders: Set<Role> = [.admin, .leader, .clerk]

    /// Whether `principal` may invite `unitCode` (nil: a meeting of named people only).
    public static func mayInvite(_ principal: Principal, unit unitCode: String) -> Bool {
        principal.seesWholeCity || principal.unitCode == unitCode
    }

    /// Whether `principal` sees a meeting: the organising agency's staff, the invited units'
    /// staff, the people invited by name, administrators. Nobody else learns it exists.
    public static func seesMeeting(_ principal: Principal, organiser: String, units: Set<String>, people: Set<Int>) -> Bool {
        if principal.role == .admin || principal.agencyId == organiser || people.contains(principal.userId) { return true }
        if let unit = principal.unitCode, units.contains(unit) { return true }
        return false
    }

    /// Whether `principal` acts for the meeting as organiser (moves, cancels, closes, gives
    /// conclusions): an organiser role of the organising agency, or an administrator.
    public static func organises(_ principal: Principal, organiser: String) -> Bool {
        principal.role == .admin || (meetingOrganisers.contains(principal.role) && principal.agencyId == organiser)
    }

    /// Whether `principal` marks the roll-call line of `unit`: the organiser's recorders (and the
    /// host and secretary, decided by the store), or the unit's own leaders and clerks.
    public static func marksAttendance(_ principal: Principal, unit: String, organiser: String) -> Bool {
        if principal.role == .admin { return true }
        guard meetingRecorders.contains(principal.role) || principal.role == .department else { return false }
        return principal.agencyId == organiser || principal.unitCode == unit
    }
}
