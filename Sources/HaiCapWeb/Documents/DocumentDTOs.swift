import Foundation
import HaiCapDomain
import HaiCapStorage

/// A document as JSON (API dates and instants in ISO 8601; pages print them the Vietnamese way).
struct DocumentDTO: Encodable {
    struct Organ: Encodable {
        let organId: String?
        let organName: String
    }

    struct Person: Encodable {
        let id: Int
        let name: String
    }

    struct RecipientDTO: Encodable {
        let organId: String?
        let organName: String
        let `internal`: Bool
        let incomingId: Int?
        let status: String?
        let statusLabel: String?
        let statusAt: String?
        let note: String?
    }

    let id: Int
    let direction: String
    let agency: Organ
    let status: String
    let statusLabel: String
    let type: String
    let typeLabel: String
    let subject: String
    let body: String?
    /// The number as issued ("05") and the notation ("QĐ-UBND"): the sender's for an incoming
    /// document, ours once an outgoing one is issued.
    let number: String?
    let notation: String?
    let numberAndNotation: String?
    let issuedDate: String?
    let from: Organ?
    let signerName: String?
    let signerPosition: String?
    let urgency: String
    let security: String
    let pages: Int?
    let arrivalNumber: Int?
    let arrivalAt: String?
    let channel: String
    let dueDate: String?
    let draftingUnit: String?
    let normative: Bool
    let lead: Person?
    let support: String?
    let instruction: String?
    let due: String?
    let overdue: Bool
    let sourceId: Int?
    let replyToId: Int?
    let withdrawnReason: String?
    /// The earlier document this one updates or replaces, how, and why; the one that superseded it.
    let supersedes: SupersedesDTO?
    let successorId: Int?
    let createdAt: String
    let updatedAt: String
    var recipients: [RecipientDTO]?
    var actions: [String]?
    /// An edXML envelope addressed to several HaiCap agencies: every registration it made.
    var registered: [DocumentDTO]?
    /// The document's files (one document's view).
    var files: [FileDTO]?
    /// Search results: how well the query matched, and whether in a scan's recognised text.
    var match: Match?
    /// Work given inside the agency (one document's view).
    var helpers: [HelperDTO]?

    struct HelperDTO: Encodable {
        let userId: Int
        let name: String
        let instruction: String
        let due: String?
        let assignedBy: String
        let assignedAt: String
        let doneAt: String?
        let doneNote: String?

        init(_ helper: DocumentHelper) {
            userId = helper.userId
            name = helper.name
            instruction = helper.instruction
            due = helper.due.map(VietnamTime.iso)
            assignedBy = helper.assignedBy
            assignedAt = VietnamTime.iso(helper.assignedAt)
            doneAt = helper.doneAt.map(VietnamTime.iso)
            doneNote = helper.doneNote
        }
    }

    struct SupersedesDTO: Encodable {
        let id: Int
        let kind: String
        let reason: String
    }

    struct Match: Encodable {
        let score: Double
        let inScan: Bool
    }

    struct FileDTO: Encodable {
        let id: Int
        let name: String
        let contentType: String
        let size: Int
        let sha256: String
        let href: String
        /// OCR of a scan: pending, done or failed; absent for files that are not scans.
        let textState: String?
        let textEngine: String?
        let textError: String?
        let textLength: Int?
        let textHref: String?

        init(_ file: DocumentFile, documentId: Int) {
            id = file.id
            name = file.name
            contentType = file.contentType
            size = file.size
            sha256 = file.sha256
            href = "/api/v1/documents/\(documentId)/files/\(file.id)"
            textState = file.textState?.rawValue
            textEngine = file.textEngine
            textError = file.textError
            textLength = file.textLength
            textHref = file.textState == .done ? href + "/text" : nil
        }
    }

    init(_ document: OfficialDocument, now: Date, recipients: [DocumentRecipient]? = nil, actions: [DocumentAction]? = nil) {
        id = document.id
        direction = document.direction.rawValue
        agency = Organ(organId: document.agencyId, organName: document.agencyName)
        status = document.status.rawValue
        statusLabel = document.status.label
        type = document.type.rawValue
        typeLabel = document.type.label
        subject = document.subject
        body = document.body
        number = document.codeNumber
        notation = document.codeNotation
        numberAndNotation = document.numberAndNotation
        issuedDate = document.issuedDate?.iso
        from = document.fromOrganName.map { Organ(organId: document.fromOrganId, organName: $0) }
        signerName = document.signerName
        signerPosition = document.signerPosition
        urgency = document.urgency.rawValue
        security = document.secrecy.rawValue
        pages = document.pages
        arrivalNumber = document.arrivalNumber
        arrivalAt = document.arrivalAt.map(VietnamTime.iso)
        channel = document.channel.rawValue
        dueDate = document.requestedDue?.iso
        draftingUnit = document.draftingUnit
        normative = document.normative
        lead = document.leadId.map { Person(id: $0, name: document.leadName ?? "") }
        support = document.support
        instruction = document.instruction
        due = document.due.map(VietnamTime.iso)
        overdue = document.isOverdue(at: now)
        sourceId = document.sourceId
        replyToId = document.replyToId
        withdrawnReason = document.withdrawnReason
        supersedes = document.supersedesId.map {
            SupersedesDTO(id: $0, kind: document.supersession?.rawValue ?? "", reason: document.supersedeReason ?? "")
        }
        successorId = document.successorId
        createdAt = VietnamTime.iso(document.createdAt)
        updatedAt = VietnamTime.iso(document.updatedAt)
        self.recipients = recipients?.map {
            RecipientDTO(
                organId: $0.organId, organName: $0.organName, internal: $0.isInternal, incomingId: $0.incomingId, status: $0.status?.rawValue,
                statusLabel: $0.status?.label, statusAt: $0.statusAt.map(VietnamTime.iso), note: $0.note)
        }
        self.actions = actions?.map(\.rawValue)
    }
}

struct DocumentPageDTO: Encodable {
    let items: [DocumentDTO]
    let total: Int
    let limit: Int
    let offset: Int
}

/// `GET /api/v1/documents/search`: the best matches first; `truncated` when the index found more
/// candidates than were compared.
struct DocumentSearchDTO: Encodable {
    let items: [DocumentDTO]
    let total: Int
    let limit: Int
    let offset: Int
    let truncated: Bool
}

/// `POST /api/v1/documents/incoming`.
struct IncomingBody: Decodable {
    struct From: Decodable {
        let organId: String?
        let organName: String?
    }

    let agency: String?
    let from: From?
    let codeNumber: String?
    let codeNotation: String?
    let issuedDate: String?
    let type: String?
    let subject: String?
    let signerName: String?
    let signerPosition: String?
    let urgency: String?
    let security: String?
    let pages: Int?
    let dueDate: String?
    let confirmDuplicate: Bool?

    /// Every field problem at once: values that are not on the lists or not dates, and then the
    /// form's own rules for everything else.
    func input(today: LocalDate) throws(ValidationError) -> IncomingInput {
        var check = Validator()
        let urgency = DocumentUrgency(rawValue: self.urgency ?? DocumentUrgency.normal.rawValue)
        check.require(urgency != nil, "urgency", "Độ khẩn là một trong: thuong, khan, thuong-khan, hoa-toc.")
        let secrecy = DocumentSecrecy(rawValue: security ?? DocumentSecrecy.normal.rawValue)
        check.require(secrecy != nil, "security", "Độ mật là một trong: thuong, mat, toi-mat, tuyet-mat.")
        let issued = issuedDate.flatMap(VietnamTime.day)
        check.require(issuedDate == nil || issued != nil, "issuedDate", "Ngày ban hành phải có dạng dd/mm/yyyy hoặc yyyy-mm-dd.")
        let due = dueDate.flatMap(VietnamTime.day)
        check.require(dueDate == nil || due != nil, "dueDate", "Hạn trả lời phải có dạng dd/mm/yyyy hoặc yyyy-mm-dd.")
        let type = self.type.flatMap(DocumentType.parse)
        check.require(self.type == nil || type != nil, "type", "Loại văn bản không có trong danh mục của Nghị định 30/2020/NĐ-CP.")
        let input = IncomingInput(
            agencyId: agency, fromOrganId: from?.organId, fromOrganName: from?.organName ?? "", codeNumber: codeNumber ?? "",
            codeNotation: codeNotation ?? "", issuedDate: issued, type: type, subject: subject ?? "", signerName: signerName,
            signerPosition: signerPosition, urgency: urgency ?? .normal, secrecy: secrecy ?? .normal, pages: pages, requestedDue: due,
            channel: .paper, confirmDuplicate: confirmDuplicate ?? false)
        try check.check { () throws(ValidationError) in try input.validate(today: today) }
        return input
    }
}

/// `POST /api/v1/documents/outgoing`.
struct OutgoingBody: Decodable {
    struct Recipient: Decodable {
        let organId: String?
        let organName: String?
    }

    let agency: String?
    let type: String?
    let subject: String?
    let body: String?
    let draftingUnit: String?
    let normative: Bool?
    let urgency: String?
    let security: String?
    let recipients: [Recipient]?
    let replyTo: Int?
    let signerPosition: String?
    /// `{"id": 12, "kind": "thay-the" | "cap-nhat", "reason": "…"}`: an update or a replacement.
    let supersedes: Supersedes?

    struct Supersedes: Decodable {
        let id: Int?
        let kind: String?
        let reason: String?
    }

    func input() throws(ValidationError) -> OutgoingInput {
        var check = Validator()
        let urgency = DocumentUrgency(rawValue: self.urgency ?? DocumentUrgency.normal.rawValue)
        check.require(urgency != nil, "urgency", "Độ khẩn là một trong: thuong, khan, thuong-khan, hoa-toc.")
        let secrecy = DocumentSecrecy(rawValue: security ?? DocumentSecrecy.normal.rawValue)
        check.require(secrecy != nil, "security", "Độ mật là một trong: thuong, mat, toi-mat, tuyet-mat.")
        let type = self.type.flatMap(DocumentType.parse)
        check.require(self.type == nil || type != nil, "type", "Loại văn bản không có trong danh mục của Nghị định 30/2020/NĐ-CP.")
        let input = OutgoingInput(
            agencyId: agency, type: type, subject: subject ?? "", body: body ?? "", draftingUnit: draftingUnit, normative: normative ?? false,
            urgency: urgency ?? .normal, secrecy: secrecy ?? .normal,
            recipients: (recipients ?? []).map { OutgoingInput.Recipient(organId: $0.organId, organName: $0.organName) }, replyToId: replyTo,
            signerPosition: signerPosition)
        var withSupersedes = input
        if let supersedes {
            let kind = DocumentSupersession(rawValue: supersedes.kind ?? "")
            check.require(kind != nil, "supersedes.kind", "Loại là «cap-nhat» (cập nhật, đính chính) hoặc «thay-the» (thay thế).")
            check.require(supersedes.id != nil, "supersedes.id", "Nhập mã văn bản được cập nhật hoặc thay thế.")
            if let kind, let id = supersedes.id {
                withSupersedes.supersedes = .init(id: id, kind: kind, reason: supersedes.reason ?? "")
            }
        }
        let final = withSupersedes
        try check.check { () throws(ValidationError) in try final.validate() }
        return final
    }
}

/// `POST /api/v1/documents/{id}/actions/{action}`: `lead` is a user id or a username.
struct DocumentActionBody: Decodable {
    enum Lead: Decodable {
        case id(Int)
        case username(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let id = try? container.decode(Int.self) { self = .id(id) } else { self = .username(try container.decode(String.self)) }
        }
    }

    /// Co-operating units: one text, or a list of names.
    struct Support: Decodable {
        let text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) {
                text = list.joined(separator: ", ")
            } else {
                text = try container.decode(String.self)
            }
        }
    }

    let note: String?
    /// revise: the draft's new subject and text (the subject also for correct).
    let subject: String?
    let body: String?
    /// correct: the registration fields as corrected.
    let codeNumber: String?
    let codeNotation: String?
    let issuedDate: String?
    let fromOrganName: String?
    let lead: Lead?
    /// delegate: the colleague, by user id or username.
    let helper: Lead?
    let support: Support?
    let instruction: String?
    let days: Int?
    let replyTo: Int?
}
