import Foundation

/// A unit's điểm cầu: its room and equipment.
public struct MeetingRoom: Sendable, Equatable, Codable {
    public var id: Int
    public var unitCode: String?
    public var agencyId: String
    public var name: String
    public var capacity: Int
    public var equipment: String
    public var sipAddress: String?
    public var metronetLine: String?
    public var technicianName: String?
    public var technicianPhone: String?
    public var technicianEmail: String?

    public init(
        id: Int, unitCode: String?, agencyId: String, name: String, capacity: Int, equipment: String, sipAddress: String? = nil,
        metronetLine: String? = nil, technicianName: String? = nil, technicianPhone: String? = nil, technicianEmail: String? = nil
    ) {
        self.id = id
        self.unitCode = unitCode
        self.agencyId = agencyId
        self.name = name
        self.capacity = capacity
        self.equipment = equipment
        self.sipAddress = sipAddress
        self.metronetLine = metronetLine
        self.technicianName = technicianName
        self.technicianPhone = technicianPhone
        self.technicianEmail = technicianEmail
    }

    /// The booking key of the room in `meeting_bookings`.
    public var resource: String { "room:\(id)" }
}

/// One invited unit's line: its room, its answer, its roll-call.
public struct MeetingUnitLine: Sendable, Equatable {
    public var unitCode: String
    public var unitName: String
    public var room: MeetingRoom
    public var rsvp: RSVPAnswer
    public var attendance: AttendanceStatus?
    public var attendanceNote: String?
    public var attendanceBy: String?
    public var attendanceAt: Date?
    /// When the unit's technician marked the room ready ("sẵn sàng").
    public var readyAt: Date?

    public init(
        unitCode: String, unitName: String, room: MeetingRoom, rsvp: RSVPAnswer = .pending, attendance: AttendanceStatus? = nil,
        attendanceNote: String? = nil, attendanceBy: String? = nil, attendanceAt: Date? = nil, readyAt: Date? = nil
    ) {
        self.unitCode = unitCode
        self.unitName = unitName
        self.room = room
        self.rsvp = rsvp
        self.attendance = attendance
        self.attendanceNote = attendanceNote
        self.attendanceBy = attendanceBy
        self.attendanceAt = attendanceAt
        self.readyAt = readyAt
    }
}

/// Someone on a meeting by name.
public struct MeetingPerson: Sendable, Equatable {
    public enum Role: String, Sendable, Codable {
        case host, secretary, participant, guest

        public var label: String {
            switch self {
            case .host: "Chủ trì kỹ thuật (host)"
            case .secretary: "Thư ký"
            case .participant: "Đại biểu"
            case .guest: "Khách mời"
            }
        }
    }

    public var id: Int
    public var userId: Int?
    public var name: String
    public var email: String?
    public var role: Role
    public var rsvp: RSVPAnswer

    public init(id: Int, userId: Int?, name: String, email: String?, role: Role, rsvp: RSVPAnswer = .pending) {
        self.id = id
        self.userId = userId
        self.name = name
        self.email = email
        self.role = role
        self.rsvp = rsvp
    }

    /// The booking key of an official in `meeting_bookings` (guests are not tracked).
    public var resource: String? { userId.map { "user:\($0)" } }
}

/// A meeting with everything on it.
public struct Meeting: Sendable, Equatable {
    public var id: Int
    public var title: String
    public var agenda: String
    public var mode: MeetingMode
    public var status: MeetingStatus
    public var organiserAgencyId: String
    public var organiserAgencyName: String
    public var organiserUnitCode: String?
    public var organiserUserId: Int
    public var organiserName: String
    public var chair: String
    public var hostUserId: Int
    public var secretaryUserId: Int?
    public var start: Date
    public var end: Date
    public var recurrence: Recurrence?
    /// The video room's name: random, so nobody guesses their way into a meeting.
    public var room: String
    /// Raised on every change the invitees must hear of (the ICS SEQUENCE).
    public var sequence: Int
    public var overrideReason: String?
    public var minutes: String?
    public var minutesVersion: Int
    public var minutesApprovedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var units: [MeetingUnitLine]
    public var people: [MeetingPerson]
    public var occurrences: [Occurrence]

    public init(
        id: Int, title: String, agenda: String, mode: MeetingMode, status: MeetingStatus, organiserAgencyId: String,
        organiserAgencyName: String, organiserUnitCode: String?, organiserUserId: Int, organiserName: String, chair: String,
        hostUserId: Int, secretaryUserId: Int?, start: Date, end: Date, recurrence: Recurrence?, room: String, sequence: Int,
        overrideReason: String?, minutes: String?, minutesVersion: Int, minutesApprovedAt: Date?, createdAt: Date, updatedAt: Date,
        units: [MeetingUnitLine], people: [MeetingPerson], occurrences: [Occurrence]
    ) {
        self.id = id
        self.title = title
        self.agenda = agenda
        self.mode = mode
        self.status = status
        self.organiserAgencyId = organiserAgencyId
        self.organiserAgencyName = organiserAgencyName
        self.organiserUnitCode = organiserUnitCode
        self.organiserUserId = organiserUserId
        self.organiserName = organiserName
        self.chair = chair
        self.hostUserId = hostUserId
        self.secretaryUserId = secretaryUserId
        self.start = start
        self.end = end
        self.recurrence = recurrence
        self.room = room
        self.sequence = sequence
        self.overrideReason = overrideReason
        self.minutes = minutes
        self.minutesVersion = minutesVersion
        self.minutesApprovedAt = minutesApprovedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.units = units
        self.people = people
        self.occurrences = occurrences
    }

    public var unitCodes: Set<String> { Set(units.map(\.unitCode)) }
    public var userIds: Set<Int> { Set(people.compactMap(\.userId)) }

    /// Whether `principal` sees the meeting (`Policy.seesMeeting`).
    public func isVisible(to principal: Principal) -> Bool {
        Policy.seesMeeting(principal, organiser: organiserAgencyId, units: unitCodes, people: userIds)
    }

    /// The held occurrence a person joining at `now` is let into: the one under way (within its
    /// grace after the end), else the next one. A moved occurrence is found at its new time.
    public func occurrence(joiningAt now: Date, grace: TimeInterval) -> Occurrence? {
        occurrences.filter(\.isHeld).sorted { $0.start < $1.start }.first { $0.end + grace > now }
    }

    /// Whether `principal` runs the video room: the host, the secretary, the organiser's staff.
    public func isModerator(_ principal: Principal) -> Bool {
        principal.userId == hostUserId || principal.userId == secretaryUserId || principal.userId == organiserUserId
            || Policy.organises(principal, organiser: organiserAgencyId)
    }
}

/// A meeting's conclusion, a task of its owner agency.
public struct MeetingConclusion: Sendable, Equatable {
    public var id: Int
    public var meetingId: Int
    public var meetingTitle: String
    public var text: String
    public var agencyId: String
    public var agencyName: String
    public var unitCode: String?
    public var status: ConclusionStatus
    public var days: Int
    public var running: Bool
    public var due: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var doneAt: Date?

    public init(
        id: Int, meetingId: Int, meetingTitle: String, text: String, agencyId: String, agencyName: String, unitCode: String?,
        status: ConclusionStatus, days: Int, running: Bool, due: Date?, createdAt: Date, updatedAt: Date, doneAt: Date?
    ) {
        self.id = id
        self.meetingId = meetingId
        self.meetingTitle = meetingTitle
        self.text = text
        self.agencyId = agencyId
        self.agencyName = agencyName
        self.unitCode = unitCode
        self.status = status
        self.days = days
        self.running = running
        self.due = due
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.doneAt = doneAt
    }

    public func isOverdue(at now: Date) -> Bool { CaseDeadline.isOverdue(running: running, due: due, at: now) }
}
