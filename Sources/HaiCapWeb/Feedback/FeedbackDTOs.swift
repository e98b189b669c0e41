import Foundation
import HaiCapDomain
import HaiCapStorage

/// A report as JSON. The public form never carries the reporter's contact details or the
/// officials' names; the staff form adds them for officials who reach the report.
struct ReportDTO: Encodable {
    struct ReporterDTO: Encodable { let name: String?; let phone: String?; let email: String?; let anonymous: Bool }
    struct EventDTO: Encodable {
        let at: String
        let action: String
        let status: String?
        let note: String
        let actor: String?
    }

    let id: Int
    /// Only in the answer to the submission that created the report.
    var token: String?
    let category: String
    let categoryName: String
    let description: String
    let lat: Double?
    let lon: Double?
    let address: String?
    let unitCode: String?
    let unitName: String?
    let boundaryApproximate: Bool
    let agencyId: String
    let agencyName: String
    let status: String
    let statusLabel: String
    let open311Status: String
    let channel: String
    let receivedAt: String
    let forwardDueAt: String
    let forwardedAt: String?
    let due: String
    let overdue: Bool
    let answer: String?
    let answeredAt: String?
    let answeredOnTime: Bool?
    let closedAt: String?
    let rating: Int?
    let reopenCount: Int
    let duplicateOf: Int?
    let followers: Int
    let photos: Int
    let attributes: [String: [String]]
    var assigneeName: String?
    var reporter: ReporterDTO?
    var events: [EventDTO]?

    init(_ report: Report, now: Date, staff: Bool, events: [TimelineEvent]? = nil) {
        id = report.id
        category = report.categoryCode
        categoryName = report.categoryName
        description = report.description
        lat = report.point?.lat
        lon = report.point?.lon
        address = report.address
        unitCode = report.unitCode
        unitName = report.unitName
        boundaryApproximate = report.boundaryApproximate
        agencyId = report.agencyId
        agencyName = report.agencyName
        status = report.status.rawValue
        statusLabel = report.status.label
        open311Status = report.status.open311
        channel = report.channel.rawValue
        receivedAt = VietnamTime.iso(report.receivedAt)
        forwardDueAt = VietnamTime.iso(report.forwardDue)
        forwardedAt = report.forwardedAt.map(VietnamTime.iso)
        due = VietnamTime.iso(report.due)
        overdue = report.isOverdue(at: now)
        answer = report.answer
        answeredAt = report.answeredAt.map(VietnamTime.iso)
        answeredOnTime = report.answeredOnTime
        closedAt = report.closedAt.map(VietnamTime.iso)
        rating = report.rating
        reopenCount = report.reopenCount
        duplicateOf = report.duplicateOf
        followers = report.followers
        photos = report.photoCount
        attributes = report.attributes
        if staff {
            assigneeName = report.assigneeName
            reporter = ReporterDTO(
                name: report.reporter.name, phone: report.reporter.phone, email: report.reporter.email,
                anonymous: report.reporter.anonymous)
        }
        self.events = events?.map { event in
            EventDTO(
                at: VietnamTime.iso(event.at), action: event.action, status: event.toState, note: event.note,
                actor: staff ? event.actorName : nil)
        }
    }
}

struct ReportPageDTO: Encodable {
    let items: [ReportDTO]
    let total: Int
    let limit: Int
    let offset: Int
}

/// The JSON body of `POST /api/v1/feedback`.
struct ReportBody: Decodable {
    var category: String
    var description: String
    var lat: Double?
    var lon: Double?
    var address: String?
    var name: String?
    var phone: String?
    var email: String?
    var anonymous: Bool?
    var attributes: [String: [String]]?
    var mediaUrl: String?
}

/// The JSON body of `POST /api/v1/feedback/{id}/actions/{action}`.
struct ReportActionBody: Decodable {
    var note: String?
    var assigneeId: Int?
    var agencyId: String?
    var mergeInto: Int?
    var rating: Int?
    var newDue: String?
    /// The reporter's token, for reopen, rate and supply-information without an official's login.
    var token: String?

    func input() throws(ValidationError) -> ReportActionInput {
        var due: Date?
        if let newDue, !newDue.isEmpty {
            guard let parsed = VietnamTime.parseInstant(newDue) else {
                throw ValidationError(field: "newDue", "«\(newDue)» không phải ngày giờ ISO 8601.")
            }
            due = parsed
        }
        return ReportActionInput(note: note, assigneeId: assigneeId, agencyId: agencyId, mergeInto: mergeInto, rating: rating, newDue: due)
    }
}

struct BulkReportBody: Decodable {
    var ids: [Int]
    var action: String
    var note: String?
    var assigneeId: Int?
    var agencyId: String?
}

struct NearbyDTO: Encodable {
    let id: Int
    let metres: Int
    let description: String
    let status: String
    let statusLabel: String
    let receivedAt: String
    let followers: Int
    let photo: String?
}

struct StatsRowDTO: Encodable {
    let key: String
    let name: String
    let received: Int
    let open: Int
    let overdue: Int
    let answered: Int
    let answeredOnTime: Int
    let onTimeRate: Double?
    let rated: Int
    let satisfied: Int
    let satisfactionRate: Double?

    init(_ row: FeedbackStats.Row) {
        key = row.key
        name = row.name
        received = row.received
        open = row.open
        overdue = row.overdue
        answered = row.answered
        answeredOnTime = row.answeredOnTime
        onTimeRate = row.onTimeRate.map { ($0 * 10).rounded() / 10 }
        rated = row.rated
        satisfied = row.satisfied
        satisfactionRate = row.satisfactionRate.map { ($0 * 10).rounded() / 10 }
    }
}

/// The JSON body that creates or edits a category.
struct CategoryBody: Decodable {
    /// The path names the category; a code in the body is ignored.
    var code: String?
    var name: String
    var description: String?
    var group: String?
    var keywords: [String]?
    /// "unit-ubnd" for the ward's UBND, or an agency id.
    var responsible: String
    var forwardMinutes: Int?
    var answerDays: Int?
    var duplicateRadiusMetres: Int?
    var attributes: [FeedbackAttribute]?
    var active: Bool?

    func category() -> FeedbackCategory {
        FeedbackCategory(
            code: code ?? "", name: name, description: description ?? "", group: group ?? "", keywords: keywords ?? [],
            responsible: responsible == "unit-ubnd" ? .unitCommittee : .agency(responsible),
            forwardMinutes: forwardMinutes ?? 5, answerDays: answerDays ?? 5, duplicateRadiusMetres: duplicateRadiusMetres ?? 50,
            attributes: attributes ?? [], active: active ?? true)
    }
}

struct CategoryDTO: Encodable {
    let code: String
    let name: String
    let description: String
    let group: String
    let keywords: [String]
    let responsible: String
    let forwardMinutes: Int
    let answerDays: Int
    let duplicateRadiusMetres: Int
    let attributes: [FeedbackAttribute]
    let active: Bool

    init(_ category: FeedbackCategory) {
        code = category.code
        name = category.name
        description = category.description
        group = category.group
        keywords = category.keywords
        responsible = category.responsible.agencyId ?? "unit-ubnd"
        forwardMinutes = category.forwardMinutes
        answerDays = category.answerDays
        duplicateRadiusMetres = category.duplicateRadiusMetres
        attributes = category.attributes
        active = category.active
    }
}

struct RuleBody: Decodable {
    var categoryCode: String?
    var unitCode: String?
    var agencyId: String
    var note: String?
}
