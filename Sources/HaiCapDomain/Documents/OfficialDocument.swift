import Foundation

/// One official document of one agency: an incoming one (registered with its arrival number) or an
/// outgoing one (drafted, signed, numbered, issued). A document sent from one HaiCap agency to
/// another is two of these: the sender's outgoing document and the recipient's incoming copy,
/// which points back to it (`sourceId`) so that statuses and recalls reach the sender.
public struct OfficialDocument: Sendable, Codable, Equatable {
    public var id: Int
    public var direction: DocumentDirection
    public var agencyId: String
    public var agencyName: String
    /// The ward of the agency (nil for city-level agencies), for ward officials' scope.
    public var unitCode: String?
    public var status: DocumentStatus
    public var type: DocumentType
    public var subject: String
    /// The text of an outgoing document (what is signed and rendered).
    public var body: String?
    /// The number and notation as issued: the sender's for an incoming document, ours once issued.
    public var codeNumber: String?
    public var codeNotation: String?
    public var issuedDate: LocalDate?
    /// Who issued an incoming document.
    public var fromOrganId: String?
    public var fromOrganName: String?
    public var signerName: String?
    public var signerPosition: String?
    public var urgency: DocumentUrgency
    public var secrecy: DocumentSecrecy
    public var pages: Int?
    /// Số đến, and when it was registered.
    public var arrivalNumber: Int?
    public var arrivalAt: Date?
    public var channel: DocumentChannel
    /// The sender's requested answer date (edXML DueDate), if any.
    public var requestedDue: LocalDate?
    public var draftingUnit: String?
    public var normative: Bool
    /// The leader's direction: who leads, who co-operates, what to do.
    public var leadId: Int?
    public var leadName: String?
    public var support: String?
    public var instruction: String?
    /// When the current step is due (registration and forwarding, then handling); nil for drafts.
    public var due: Date?
    /// The outgoing document this incoming copy was delivered from, inside HaiCap.
    public var sourceId: Int?
    /// The incoming document an outgoing one answers.
    public var replyToId: Int?
    public var withdrawnReason: String?
    /// An outgoing document issued to update or replace an earlier one of the agency (and, for an
    /// incoming copy, the copy it updates or replaces), with the reason; and the document that
    /// later updated or replaced this one.
    public var supersedesId: Int? = nil
    public var supersession: DocumentSupersession? = nil
    public var supersedeReason: String? = nil
    public var successorId: Int? = nil
    public var createdById: Int?
    public var createdByName: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int, direction: DocumentDirection, agencyId: String, agencyName: String, unitCode: String?, status: DocumentStatus,
        type: DocumentType, subject: String, body: String? = nil, codeNumber: String? = nil, codeNotation: String? = nil,
        issuedDate: LocalDate? = nil, fromOrganId: String? = nil, fromOrganName: String? = nil, signerName: String? = nil,
        signerPosition: String? = nil, urgency: DocumentUrgency = .normal, secrecy: DocumentSecrecy = .normal, pages: Int? = nil,
        arrivalNumber: Int? = nil, arrivalAt: Date? = nil, channel: DocumentChannel, requestedDue: LocalDate? = nil,
        draftingUnit: String? = nil, normative: Bool = false, leadId: Int? = nil, leadName: String? = nil, support: String? = nil,
        instruction: String? = nil, due: Date? = nil, sourceId: Int? = nil, replyToId: Int? = nil, withdrawnReason: String? = nil,
        createdById: Int? = nil, createdByName: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.direction = direction
        self.agencyId = agencyId
        self.agencyName = agencyName
        self.unitCode = unitCode
        self.status = status
        self.type = type
        self.subject = subject
        self.body = body
        self.codeNumber = codeNumber
        self.codeNotation = codeNotation
        self.issuedDate = issuedDate
        self.fromOrganId = fromOrganId
        self.fromOrganName = fromOrganName
        self.signerName = signerName
        self.signerPosition = signerPosition
        self.urgency = urgency
        self.secrecy = secrecy
        self.pages = pages
        self.arrivalNumber = arrivalNumber
        self.arrivalAt = arrivalAt
        self.channel = channel
        self.requestedDue = requestedDue
        self.draftingUnit = draftingUnit
        self.normative = normative
        self.leadId = leadId
        self.leadName = leadName
        self.support = support
        self.instruction = instruction
        self.due = due
        self.sourceId = sourceId
        self.replyToId = replyToId
        self.withdrawnReason = withdrawnReason
        self.createdById = createdById
        self.createdByName = createdByName
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// "05/QĐ-UBND" once it has a number.
    public var numberAndNotation: String? {
        guard let codeNumber else { return codeNotation }
        return codeNotation.map { "\(codeNumber)/\($0)" } ?? codeNumber
    }

    /// Where the document sits for `Policy`: the agency holding it and that agency's ward. A
    /// document is always in the hands of the agency that holds it (so a city department's staff,
    /// who act only on what is handed to them, act on their own documents).
    public var scope: CaseScope { Self.scope(agencyId: agencyId, unitCode: unitCode) }

    public static func scope(agencyId: String, unitCode: String?) -> CaseScope {
        CaseScope(agencyId: agencyId, unitCode: unitCode, handedTo: agencyId, wholeCity: .roles([.admin]))
    }

    /// The people a secret document is shown to besides the agency's leaders and clerks.
    public var namedPeople: [Int?] { [createdById, leadId] }

    public func isOverdue(at now: Date) -> Bool { status.isOpen && (due.map { $0 < now } ?? false) }
}

/// How an incoming document came in.
public enum DocumentChannel: String, Sendable, Codable, CaseIterable {
    /// On paper, registered and scanned by the clerk.
    case paper = "giay"
    /// From another HaiCap agency, delivered inside HaiCap.
    case internalExchange = "lien-thong"
    /// An edXML envelope (uploaded by the clerk, or pushed to the exchange endpoint).
    case edxml = "edxml"
    /// Drafted here (outgoing documents).
    case drafted = "soan-thao"

    public var label: String {
        switch self {
        case .paper: "Bản giấy"
        case .internalExchange: "Liên thông trong HaiCap"
        case .edxml: "Điện tử (edXML)"
        case .drafted: "Soạn thảo"
        }
    }
}

/// One addressee of an outgoing document (nơi nhận) and what it has reported back.
public struct DocumentRecipient: Sendable, Codable, Equatable {
    public var organId: String?
    public var organName: String
    /// A HaiCap agency: the document is delivered as its incoming copy at once.
    public var isInternal: Bool
    public var incomingId: Int?
    public var status: ExchangeStatus?
    public var statusAt: Date?
    public var note: String?

    public init(
        organId: String?, organName: String, isInternal: Bool, incomingId: Int? = nil, status: ExchangeStatus? = nil, statusAt: Date? = nil,
        note: String? = nil
    ) {
        self.organId = organId
        self.organName = organName
        self.isInternal = isInternal
        self.incomingId = incomingId
        self.status = status
        self.statusAt = statusAt
        self.note = note
    }
}

/// How a new document stands to an earlier one it supersedes (edXML `BusinessDocType` 2 and 3):
/// an update leaves the earlier one in force with its corrections; a replacement withdraws it.
public enum DocumentSupersession: String, Sendable, Codable, CaseIterable {
    case update = "cap-nhat"
    case replace = "thay-the"

    public var label: String {
        switch self {
        case .update: "Cập nhật, đính chính"
        case .replace: "Thay thế"
        }
    }

    public var business: EdXMLEnvelope.Business {
        switch self {
        case .update: .update
        case .replace: .replace
        }
    }
}

/// A colleague given part of an incoming document's handling inside the agency (giao việc).
public struct DocumentHelper: Sendable, Equatable {
    public let userId: Int
    public let name: String
    public let instruction: String
    public let due: Date?
    public let assignedBy: String
    public let assignedAt: Date
    public let doneAt: Date?
    public let doneNote: String?

    public init(
        userId: Int, name: String, instruction: String, due: Date?, assignedBy: String, assignedAt: Date, doneAt: Date?, doneNote: String?
    ) {
        self.userId = userId
        self.name = name
        self.instruction = instruction
        self.due = due
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
        self.doneAt = doneAt
        self.doneNote = doneNote
    }

    public var isOpen: Bool { doneAt == nil }
}

/// An earlier version of a draft's subject and text, kept when the draft is revised.
public struct DocumentVersion: Sendable, Equatable {
    public let number: Int
    public let subject: String
    public let body: String
    /// Who replaced it with the next version, and when.
    public let savedBy: String
    public let savedAt: Date
    /// What the revision that replaced it changed.
    public let note: String

    public init(number: Int, subject: String, body: String, savedBy: String, savedAt: Date, note: String) {
        self.number = number
        self.subject = subject
        self.body = body
        self.savedBy = savedBy
        self.savedAt = savedAt
        self.note = note
    }
}
