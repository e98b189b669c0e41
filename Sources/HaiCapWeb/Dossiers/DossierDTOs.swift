import Foundation
import HaiCapDomain
import HaiCapStorage

/// `POST /api/v1/dossiers`.
struct IntakeBody: Decodable {
    struct ApplicantBody: Decodable {
        var name: String
        var idNumber: String
        var phone: String
        var email: String?
        var address: String?
    }
    struct FileBody: Decodable {
        var name: String
        var contentType: String
        var base64: String
    }
    /// A component as its code alone, or with its form, pages, origin and file.
    struct ComponentBody: Decodable {
        var code: String
        var form: String?
        var pages: Int?
        var reusedFrom: String?
        var file: FileBody?

        init(from decoder: any Decoder) throws {
            if let code = try? decoder.singleValueContainer().decode(String.self) {
                self.code = code
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            code = try container.decode(String.self, forKey: .code)
            form = try container.decodeIfPresent(String.self, forKey: .form)
            pages = try container.decodeIfPresent(Int.self, forKey: .pages)
            reusedFrom = try container.decodeIfPresent(String.self, forKey: .reusedFrom)
            file = try container.decodeIfPresent(FileBody.self, forKey: .file)
        }
        enum CodingKeys: String, CodingKey { case code, form, pages, reusedFrom, file }
    }

    var procedure: String
    var agency: String?
    var channel: String?
    var applicant: ApplicantBody
    var components: [ComponentBody]?
    var summary: String?
    var copies: Int?
    /// receive | request-completion | refuse | submit; by default: receive when complete, else Mẫu 02.
    var decision: String?
    var missing: [String]?
    var reason: String?
    var note: String?
}

/// `POST /api/v1/dossiers/{code}/actions/{action}`.
/// `POST /api/v1/lookup`: the receipt's code and secret (or the phone's last four digits).
struct LookupBody: Decodable {
    var code: String?
    var secret: String?
    var phone: String?
}

struct ActionBody: Decodable {
    var note: String?
    var assigneeId: Int?
    var items: [String]?
    var reason: String?
    var newDue: String?
    var agencyId: String?
    var resultNumber: String?
    var resultFile: IntakeBody.FileBody?
    var returnMethod: String?
    var rating: Int?
    var amount: Int?
}

struct BulkAssignBody: Decodable {
    var codes: [String]
    var assigneeId: Int
}

struct ComponentDTO: Encodable {
    let code: String
    let name: String
    let form: String
    let formLabel: String
    let pages: Int
    let fileId: Int?
    let reusedFrom: String?
}

struct TimelineDTO: Encodable {
    let at: String
    let actor: String
    let action: String
    let from: String?
    let to: String?
    let note: String
}

struct HandoverDTO: Encodable {
    let step: String
    let stepLabel: String
    let from: String
    let to: String
    let toAgency: String?
    let at: String
    let stepDue: String?
    let finishedAt: String?
    let onTime: Bool?
    let note: String
}

struct DossierDTO: Encodable {
    struct ProcedureRef: Encodable { let code: String; let name: String; let version: Int }
    struct ApplicantDTO: Encodable { let name: String; let idNumber: String; let phone: String; let email: String; let address: String }

    let code: String
    /// Only in the answer to the intake that created the dossier.
    var secret: String?
    let status: String
    let statusLabel: String
    let portalStatus: Int
    let procedure: ProcedureRef
    let agency: String
    let handlingAgency: String
    let unit: String?
    let channel: String
    let submittedAt: String
    let receivedAt: String?
    let due: String?
    let finishedAt: String?
    let returnedAt: String?
    let overdue: Bool
    let paused: Bool
    let apologies: Int
    let fee: Int
    let outcome: String?
    let resultNumber: String?
    let rating: Int?
    let assignee: String?
    let missingItems: [String]
    let reason: String?
    let fullOnline: Bool
    let digitised: Bool
    let electronicResult: Bool
    /// Contact details and documents: officials only.
    var applicant: ApplicantDTO?
    var components: [ComponentDTO]?
    var timeline: [TimelineDTO]?
    var handovers: [HandoverDTO]?

    init(_ dossier: Dossier, now: Date, full: Bool) {
        code = dossier.code
        status = dossier.status.rawValue
        statusLabel = dossier.status.label
        portalStatus = dossier.status.portalCode
        procedure = ProcedureRef(code: dossier.procedureCode, name: dossier.procedureName, version: dossier.procedureVersion)
        agency = dossier.receivingAgencyId
        handlingAgency = dossier.handlingAgencyId
        unit = dossier.unitCode
        channel = dossier.channel.key
        submittedAt = CalendarInput.iso(dossier.submittedAt)
        receivedAt = dossier.receivedAt.map(CalendarInput.iso)
        due = dossier.due.map(CalendarInput.iso)
        finishedAt = dossier.finishedAt.map(CalendarInput.iso)
        returnedAt = dossier.returnedAt.map(CalendarInput.iso)
        overdue = dossier.isOverdue(at: now)
        paused = dossier.status.isWaitingForApplicant
        apologies = dossier.apologies
        fee = dossier.fee
        outcome = dossier.outcome?.rawValue
        resultNumber = dossier.details.resultNumber
        rating = dossier.rating
        assignee = full ? dossier.assigneeName : nil
        missingItems = dossier.outstandingItems
        reason = dossier.details.reason
        fullOnline = dossier.fullOnline
        digitised = dossier.digitised
        electronicResult = dossier.electronicResult
        if full {
            let a = dossier.details.applicant
            applicant = ApplicantDTO(name: a.name, idNumber: a.idNumber, phone: a.phone, email: a.email, address: a.address)
            components = dossier.details.components.map {
                ComponentDTO(
                    code: $0.code, name: $0.name, form: $0.form.rawValue, formLabel: $0.form.label, pages: $0.pages,
                    fileId: $0.fileId, reusedFrom: $0.reusedFrom)
            }
        }
    }
}

struct DossierPageDTO: Encodable {
    let items: [DossierDTO]
    let total: Int
    let limit: Int
    let offset: Int
}

struct ProcedureSummaryDTO: Encodable {
    let code: String
    let name: String
    let version: Int
    let validFrom: String
    let field: String
    let fee: String
    let fullOnline: Bool
    let channels: [ChannelDTO]

    struct ChannelDTO: Encodable {
        let channel: String
        let duration: Int
        let unit: String
        let text: String
    }

    init(_ procedure: Procedure) {
        code = procedure.code
        name = procedure.name
        version = procedure.version
        validFrom = procedure.validFrom.iso
        field = procedure.field.name
        fee = procedure.fee.text
        fullOnline = procedure.fullOnline
        channels = procedure.channels.map {
            ChannelDTO(channel: $0.channel.key, duration: $0.duration.value, unit: $0.duration.unit.rawValue, text: $0.durationText)
        }
    }
}

struct IndicatorsDTO: Encodable {
    struct Rates: Encodable {
        let onTime: Double?
        let online: Double?
        let fullOnline: Double?
        let digitisation: Double?
        let electronicResult: Double?
        let satisfaction: Double?
    }
    let scope: [String: String]
    let from: String
    let to: String
    let rates: Rates
    let counts: DossierIndicators.Figures

    init(scope: DossierIndicators.Scope, from: LocalDate, to: LocalDate, figures: DossierIndicators.Figures) {
        var described: [String: String] = [:]
        if let unit = scope.unitCode { described["unit"] = unit }
        if let agency = scope.agencyId { described["agency"] = agency }
        if let procedure = scope.procedureCode { described["procedure"] = procedure }
        if described.isEmpty { described["city"] = "79" }
        self.scope = described
        self.from = from.iso
        self.to = to.iso
        rates = Rates(
            onTime: figures.onTimeRate, online: figures.onlineRate, fullOnline: figures.fullOnlineRate,
            digitisation: figures.digitisationRate, electronicResult: figures.electronicResultRate,
            satisfaction: figures.satisfactionRate)
        counts = figures
    }
}

extension TimelineDTO {
    init(_ event: TimelineEvent) {
        at = CalendarInput.iso(event.at)
        actor = event.actorName
        action = event.action
        from = event.fromState
        to = event.toState
        note = event.note
    }
}

extension HandoverDTO {
    init(_ handover: DossierStore.Handover) {
        step = handover.step
        stepLabel = StepTemplate.Kind(rawValue: handover.step)?.label ?? handover.step
        from = handover.fromName
        to = handover.toName
        toAgency = handover.toAgencyId
        at = CalendarInput.iso(handover.at)
        stepDue = handover.stepDue.map(CalendarInput.iso)
        finishedAt = handover.finishedAt.map(CalendarInput.iso)
        onTime = handover.onTime
        note = handover.note
    }
}
