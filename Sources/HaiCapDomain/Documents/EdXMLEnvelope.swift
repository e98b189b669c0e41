import Foundation

/// An edXML message of QCVN 102:2016 as HaiCap reads and writes it: the header (`MessageHeader`,
/// `TraceHeaderList`) and the attachments of the manifest, or a status package (`StatusCode`) about
/// a document sent earlier. The XML itself is read and written in the web layer.
public struct EdXMLEnvelope: Sendable, Equatable {
    public struct Organ: Sendable, Equatable {
        public var organId: String
        public var organName: String

        public init(organId: String, organName: String) {
            self.organId = organId
            self.organName = organName
        }
    }

    public struct Trace: Sendable, Equatable {
        public var organId: String
        public var timestamp: String

        public init(organId: String, timestamp: String) {
            self.organId = organId
            self.timestamp = timestamp
        }
    }

    public struct Attachment: Sendable, Equatable {
        public var contentId: String
        public var contentType: String
        public var description: String
        public var name: String
        public var data: Data

        public init(contentId: String, contentType: String, description: String, name: String, data: Data) {
            self.contentId = contentId
            self.contentType = contentType
            self.description = description
            self.name = name
            self.data = data
        }
    }

    /// `Business/BusinessDocType`: 0 new, 1 recall, 2 update, 3 replace.
    public enum Business: Int, Sendable, Equatable {
        case new = 0, recall, update, replace
    }

    public var from: Organ
    public var to: [Organ]
    /// `OrganId,yyyy/MM/dd,số/ký hiệu`: the document's identity between systems.
    public var documentId: String
    public var codeNumber: String
    public var codeNotation: String
    public var place: String
    public var promulgationDate: LocalDate?
    /// `DocumentType/Type` (1 a legal normative document, 2 an administrative one) and its name.
    public var typeCode: Int
    public var typeName: String
    public var subject: String
    public var content: String
    public var signerCompetence: String
    public var signerPosition: String
    public var signerName: String
    public var dueDate: LocalDate?
    public var toPlaces: [String]
    public var priority: Int
    public var steeringType: Int
    public var pageAmount: Int?
    public var business: Business
    /// `Business/BusinessDocReason`: why a document is recalled, updated or replaced.
    public var businessReason = ""
    /// `Business/ReplacementInfoList/ReplacementInfo/DocumentId`: the earlier documents an update or
    /// a replacement supersedes.
    public var replaces: [String] = []
    public var traces: [Trace]
    public var attachments: [Attachment]

    public init(
        from: Organ, to: [Organ], documentId: String, codeNumber: String, codeNotation: String, place: String = "",
        promulgationDate: LocalDate?, typeCode: Int = 2, typeName: String, subject: String, content: String = "",
        signerCompetence: String = "", signerPosition: String = "", signerName: String = "", dueDate: LocalDate? = nil,
        toPlaces: [String] = [], priority: Int = 0, steeringType: Int = 0, pageAmount: Int? = nil, business: Business = .new,
        traces: [Trace] = [], attachments: [Attachment] = []
    ) {
        self.from = from
        self.to = to
        self.documentId = documentId
        self.codeNumber = codeNumber
        self.codeNotation = codeNotation
        self.place = place
        self.promulgationDate = promulgationDate
        self.typeCode = typeCode
        self.typeName = typeName
        self.subject = subject
        self.content = content
        self.signerCompetence = signerCompetence
        self.signerPosition = signerPosition
        self.signerName = signerName
        self.dueDate = dueDate
        self.toPlaces = toPlaces
        self.priority = priority
        self.steeringType = steeringType
        self.pageAmount = pageAmount
        self.business = business
        self.traces = traces
        self.attachments = attachments
    }

    /// `DocumentId` as QCVN 102 writes it.
    public static func documentId(organId: String, date: LocalDate, numberAndNotation: String) -> String {
        String(format: "%@,%04d/%02d/%02d,%@", organId, date.year, date.month, date.day, numberAndNotation)
    }

    /// What the clerk registers from the header.
    public func incomingInput(agencyId: String) -> IncomingInput {
        IncomingInput(
            agencyId: agencyId, fromOrganId: from.organId, fromOrganName: from.organName, codeNumber: codeNumber, codeNotation: codeNotation,
            issuedDate: promulgationDate, type: DocumentType.parse(typeName) ?? .congVan, subject: subject,
            signerName: signerName.isEmpty ? nil : signerName, signerPosition: signerPosition.isEmpty ? nil : signerPosition,
            urgency: DocumentUrgency(priority: priority) ?? .normal, pages: pageAmount, requestedDue: dueDate, channel: .edxml)
    }
}

/// A status package of QCVN 102 (01 arrived … 06 done, 13/15/16 about a recall): a recipient tells
/// the sender how a document stands.
public struct EdXMLStatus: Sendable, Equatable {
    public var from: EdXMLEnvelope.Organ
    /// The sender's document this is about (`ResponseFor/DocumentId`).
    public var responseForDocumentId: String
    public var responseForOrganId: String
    public var code: ExchangeStatus
    public var description: String
    public var staffName: String
    public var timestamp: String

    public init(
        from: EdXMLEnvelope.Organ, responseForDocumentId: String, responseForOrganId: String, code: ExchangeStatus, description: String,
        staffName: String = "", timestamp: String
    ) {
        self.from = from
        self.responseForDocumentId = responseForDocumentId
        self.responseForOrganId = responseForOrganId
        self.code = code
        self.description = description
        self.staffName = staffName
        self.timestamp = timestamp
    }
}

/// What one edXML message carries.
public enum EdXMLMessage: Sendable, Equatable {
    case document(EdXMLEnvelope)
    case status(EdXMLStatus)
}
