import Foundation

/// One citizen report (phản ánh, kiến nghị) to 1022.
public struct Report: Sendable, Hashable {
    public var id: Int
    public var categoryCode: String
    public var categoryName: String
    public var description: String
    public var point: GeoPoint?
    public var address: String?
    /// The unit the place lies in; nil outside the city or without a place.
    public var unitCode: String?
    public var unitName: String?
    /// The agency that must answer, and its unit (for ward officials' scope).
    public var agencyId: String
    public var agencyName: String
    public var agencyUnitCode: String?
    public var assigneeId: Int?
    public var assigneeName: String?
    public var status: ReportStatus
    public var channel: ReportChannel
    public var reporter: Reporter
    public var attributes: [String: [String]]
    /// External pictures given by an Open311 client (`media_url`); uploaded photos are files.
    public var mediaURL: String?
    /// SHA-256 of the reporter's code: the code itself is returned once at submission (needed to
    /// reopen, rate or add information) and never stored.
    public var tokenHash: String
    public var duplicateOf: Int?
    public var followers: Int
    public var receivedAt: Date
    /// QĐ 1478: forwarded to the competent agency within N minutes of receipt.
    public var forwardDue: Date
    public var forwardedAt: Date?
    public var due: Date
    public var answeredAt: Date?
    public var closedAt: Date?
    public var updatedAt: Date
    public var answer: String?
    /// Whether the answer came by its due date (766: PAKN timeliness); nil until answered.
    public var answeredOnTime: Bool?
    public var rating: Int?
    public var reopenCount: Int
    /// The place was routed with derived boundaries ("ranh giới gần đúng").
    public var boundaryApproximate: Bool
    public var photoCount: Int

    public init(
        id: Int, categoryCode: String, categoryName: String, description: String, point: GeoPoint?, address: String?,
        unitCode: String?, unitName: String?, agencyId: String, agencyName: String, agencyUnitCode: String?,
        assigneeId: Int? = nil, assigneeName: String? = nil, status: ReportStatus, channel: ReportChannel,
        reporter: Reporter, attributes: [String: [String]], mediaURL: String?, tokenHash: String, duplicateOf: Int? = nil,
        followers: Int = 0, receivedAt: Date, forwardDue: Date, forwardedAt: Date?, due: Date, answeredAt: Date? = nil,
        closedAt: Date? = nil, updatedAt: Date, answer: String? = nil, answeredOnTime: Bool? = nil, rating: Int? = nil,
        reopenCount: Int = 0, boundaryApproximate: Bool, photoCount: Int = 0
    ) {
        self.id = id
        self.categoryCode = categoryCode
        self.categoryName = categoryName
        self.description = description
        self.point = point
        self.address = address
        self.unitCode = unitCode
        self.unitName = unitName
        self.agencyId = agencyId
        self.agencyName = agencyName
        self.agencyUnitCode = agencyUnitCode
        self.assigneeId = assigneeId
        self.assigneeName = assigneeName
        self.status = status
        self.channel = channel
        self.reporter = reporter
        self.attributes = attributes
        self.mediaURL = mediaURL
        self.tokenHash = tokenHash
        self.duplicateOf = duplicateOf
        self.followers = followers
        self.receivedAt = receivedAt
        self.forwardDue = forwardDue
        self.forwardedAt = forwardedAt
        self.due = due
        self.answeredAt = answeredAt
        self.closedAt = closedAt
        self.updatedAt = updatedAt
        self.answer = answer
        self.answeredOnTime = answeredOnTime
        self.rating = rating
        self.reopenCount = reopenCount
        self.boundaryApproximate = boundaryApproximate
        self.photoCount = photoCount
    }

    /// Whether the answer clock counts: a report waiting for the reporter has it paused.
    public var clockRunning: Bool { status == .new || status == .inProgress }

    /// The one overdue rule (`CaseDeadline`): the clock runs and the due instant has passed.
    public func isOverdue(at now: Date) -> Bool {
        CaseDeadline.isOverdue(running: clockRunning, due: due, at: now)
    }

    /// A report may be reopened within `days` calendar days of its answer (or closing): until the
    /// close of office on the last day, moved to the next working day when that is a day off, as
    /// the working calendar counts every calendar-day deadline.
    /// A report merged into another is followed there and never reopens on its own.
    public func canReopen(now: Date, days: Int, in calendar: WorkCalendar) -> Bool {
        guard duplicateOf == nil, let since = answeredAt ?? closedAt else { return false }
        return now <= DeadlineClock(start: since, duration: .calendarDays(days)).due(in: calendar, now: now)
    }
}

/// Who sent a report. Never shown to the public, never in Open311 answers.
public struct Reporter: Sendable, Hashable, Codable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public var anonymous: Bool

    public init(name: String? = nil, phone: String? = nil, email: String? = nil, anonymous: Bool = false) {
        self.name = name
        self.phone = phone
        self.email = email
        self.anonymous = anonymous
    }
}

/// One entry of a report's history.
public struct ReportEvent: Sendable, Hashable {
    public var at: Date
    public var action: String
    public var label: String
    public var fromStatus: ReportStatus?
    public var toStatus: ReportStatus?
    public var note: String?
    public var actorName: String?
    public var agencyName: String?
    public var isPublic: Bool

    public init(
        at: Date, action: String, label: String, fromStatus: ReportStatus?, toStatus: ReportStatus?, note: String?,
        actorName: String?, agencyName: String?, isPublic: Bool
    ) {
        self.at = at
        self.action = action
        self.label = label
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.note = note
        self.actorName = actorName
        self.agencyName = agencyName
        self.isPublic = isPublic
    }
}
