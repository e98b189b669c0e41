import Foundation

/// An incoming document as the clerk (or an edXML header) describes it (Phụ lục VI fields).
public struct IncomingInput: Sendable {
    public var agencyId: String?
    public var fromOrganId: String?
    public var fromOrganName: String
    public var codeNumber: String
    public var codeNotation: String
    public var issuedDate: LocalDate?
    public var type: DocumentType?
    public var subject: String
    public var signerName: String?
    public var signerPosition: String?
    public var urgency: DocumentUrgency
    public var secrecy: DocumentSecrecy
    public var pages: Int?
    public var requestedDue: LocalDate?
    public var channel: DocumentChannel
    /// The clerk has seen the likely duplicates and registers it anyway.
    public var confirmDuplicate: Bool

    public init(
        agencyId: String? = nil, fromOrganId: String? = nil, fromOrganName: String, codeNumber: String, codeNotation: String,
        issuedDate: LocalDate?, type: DocumentType?, subject: String, signerName: String? = nil, signerPosition: String? = nil,
        urgency: DocumentUrgency = .normal, secrecy: DocumentSecrecy = .normal, pages: Int? = nil, requestedDue: LocalDate? = nil,
        channel: DocumentChannel = .paper, confirmDuplicate: Bool = false
    ) {
        self.agencyId = agencyId
        self.fromOrganId = fromOrganId
        self.fromOrganName = fromOrganName
        self.codeNumber = codeNumber
        self.codeNotation = codeNotation
        self.issuedDate = issuedDate
        self.type = type
        self.subject = subject
        self.signerName = signerName
        self.signerPosition = signerPosition
        self.urgency = urgency
        self.secrecy = secrecy
        self.pages = pages
        self.requestedDue = requestedDue
        self.channel = channel
        self.confirmDuplicate = confirmDuplicate
    }

    /// Every problem at once, with the field lengths of Phụ lục VI; `today` bounds the dates.
    public func validate(today: LocalDate) throws(ValidationError) {
        var check = Validator()
        let name = fromOrganName.trimmingCharacters(in: .whitespaces)
        check.require(!name.isEmpty, "from.organName", "Nhập cơ quan ban hành.")
        check.require(name.count <= 200, "from.organName", "Tên cơ quan ban hành tối đa 200 ký tự.")
        if let id = fromOrganId, !id.isEmpty {
            check.require((try? AgencyIdentifier(id)) != nil, "from.organId", "Mã định danh cơ quan phải có dạng 000.00.00.H29 (QCVN 102:2016).")
        }
        let number = codeNumber.trimmingCharacters(in: .whitespaces)
        check.require(!number.isEmpty, "codeNumber", "Nhập số của văn bản.")
        check.require(number.count <= 11, "codeNumber", "Số văn bản tối đa 11 ký tự.")
        check.require(codeNotation.count <= 30, "codeNotation", "Ký hiệu tối đa 30 ký tự.")
        if let issuedDate {
            check.require(issuedDate <= today, "issuedDate", "Ngày ban hành không được sau hôm nay.")
            check.require(issuedDate.year >= today.year - 30, "issuedDate", "Ngày ban hành quá xa (hơn 30 năm trước).")
        } else {
            check.require(false, "issuedDate", "Nhập ngày ban hành (dd/mm/yyyy).")
        }
        check.require(type != nil, "type", "Chọn loại văn bản.")
        let subject = self.subject.trimmingCharacters(in: .whitespacesAndNewlines)
        check.require(!subject.isEmpty, "subject", "Nhập trích yếu nội dung.")
        check.require(subject.count <= 500, "subject", "Trích yếu tối đa 500 ký tự.")
        check.require((signerName ?? "").count <= 50, "signerName", "Tên người ký tối đa 50 ký tự.")
        check.require((signerPosition ?? "").count <= 100, "signerPosition", "Chức vụ người ký tối đa 100 ký tự.")
        if let pages { check.require((1...999).contains(pages), "pages", "Số trang từ 1 đến 999.") }
        if let requestedDue {
            check.require(requestedDue >= (issuedDate ?? today), "dueDate", "Hạn trả lời không được trước ngày ban hành.")
            check.require(requestedDue.year <= today.year + 5, "dueDate", "Hạn trả lời quá xa.")
        }
        try check.check()
    }
}

/// A new outgoing draft.
public struct OutgoingInput: Sendable {
    public struct Recipient: Sendable {
        /// A HaiCap agency's identifier, or an outside organ's (then `organName` is required).
        public var organId: String?
        public var organName: String?

        public init(organId: String?, organName: String? = nil) {
            self.organId = organId
            self.organName = organName
        }
    }

    public var agencyId: String?
    public var type: DocumentType?
    public var subject: String
    public var body: String
    public var draftingUnit: String?
    public var normative: Bool
    public var urgency: DocumentUrgency
    public var secrecy: DocumentSecrecy
    public var recipients: [Recipient]
    public var replyToId: Int?
    public var signerPosition: String?
    /// The agency's earlier issued document this one updates or replaces.
    public var supersedes: Supersedes?

    public struct Supersedes: Sendable, Equatable {
        public var id: Int
        public var kind: DocumentSupersession
        public var reason: String

        public init(id: Int, kind: DocumentSupersession, reason: String) {
            self.id = id
            self.kind = kind
            self.reason = reason
        }
    }

    public init(
        agencyId: String? = nil, type: DocumentType?, subject: String, body: String, draftingUnit: String? = nil, normative: Bool = false,
        urgency: DocumentUrgency = .normal, secrecy: DocumentSecrecy = .normal, recipients: [Recipient], replyToId: Int? = nil,
        signerPosition: String? = nil
    ) {
        self.agencyId = agencyId
        self.type = type
        self.subject = subject
        self.body = body
        self.draftingUnit = draftingUnit
        self.normative = normative
        self.urgency = urgency
        self.secrecy = secrecy
        self.recipients = recipients
        self.replyToId = replyToId
        self.signerPosition = signerPosition
    }

    public static let maxRecipients = 200
    public static let maxBody = 100_000

    public func validate() throws(ValidationError) {
        var check = Validator()
        check.require(type != nil, "type", "Chọn loại văn bản.")
        let subject = self.subject.trimmingCharacters(in: .whitespacesAndNewlines)
        check.require(!subject.isEmpty, "subject", "Nhập trích yếu nội dung.")
        check.require(subject.count <= 500, "subject", "Trích yếu tối đa 500 ký tự.")
        check.require(!body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "body", "Nhập nội dung văn bản.")
        check.require(body.count <= Self.maxBody, "body", "Nội dung tối đa 100.000 ký tự.")
        if let unit = draftingUnit, !unit.isEmpty {
            check.require(DocumentNotation.validUnit(unit), "draftingUnit", "Ký hiệu đơn vị soạn thảo gồm chữ in hoa, tối đa 10 ký tự (ví dụ VP).")
        }
        if normative, let type { check.require(type.mayBeNormative, "normative", "Chỉ nghị quyết và quyết định mới là văn bản quy phạm pháp luật.") }
        check.require(!recipients.isEmpty, "recipients", "Chọn ít nhất một nơi nhận.")
        check.require(recipients.count <= Self.maxRecipients, "recipients", "Tối đa \(Self.maxRecipients) nơi nhận.")
        for recipient in recipients
        where (recipient.organId ?? "").isEmpty && (recipient.organName ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            check.require(false, "recipients", "Mỗi nơi nhận cần mã định danh hoặc tên cơ quan.")
            break
        }
        check.require((signerPosition ?? "").count <= 100, "signerPosition", "Chức vụ người ký tối đa 100 ký tự.")
        if let supersedes {
            let reason = supersedes.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            check.require((5...500).contains(reason.count), "supersedes.reason", "Nêu lý do cập nhật hoặc thay thế (5 đến 500 ký tự).")
        }
        try check.check()
    }
}

/// What an action on a document carries.
public struct DocumentActionInput: Sendable {
    public var note: String?
    /// The lead official (assign).
    public var leadId: Int?
    /// The colleague a part of the work is given to (delegate).
    public var helperId: Int?
    /// A draft's new subject and text (revise); the subject also for correct.
    public var subject: String?
    public var body: String?
    /// correct: the registration fields as the clerk corrects them.
    public var codeNumber: String?
    public var codeNotation: String?
    public var issuedDate: LocalDate?
    public var fromOrganName: String?
    /// Co-operating units or people, as the leader writes them.
    public var support: String?
    public var instruction: String?
    /// Working days to handle it (assign); urgent documents may be given 0: today.
    public var days: Int?
    /// The reply document (complete).
    public var replyToId: Int?

    public init(note: String? = nil, leadId: Int? = nil, support: String? = nil, instruction: String? = nil, days: Int? = nil, replyToId: Int? = nil)
    {
        self.note = note
        self.leadId = leadId
        self.support = support
        self.instruction = instruction
        self.days = days
        self.replyToId = replyToId
    }

    /// A required note of at least `minimum` characters (bounded like every text).
    public func requiredNote(minimum: Int = 1, _ message: String) throws(ValidationError) -> String {
        let text = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= minimum else { throw ValidationError(field: "note", message) }
        guard text.count <= 2000 else { throw ValidationError(field: "note", "Ghi chú tối đa 2.000 ký tự.") }
        return text
    }
}

/// Why a document operation was refused; messages are for the official who tried it.
public enum DocumentError: HaiCapError, Equatable {
    case notAllowed(action: DocumentAction, status: DocumentStatus)
    /// Someone else acted on the document between reading and writing.
    case changedMeanwhile
    /// The same document seems registered already (same document id, or number + notation + organ).
    case likelyDuplicate(ids: [Int])
    case unknownRecipient(String)
    /// Only an issued outgoing document has an edXML form.
    case notExchangeable

    public var kind: ErrorKind {
        switch self {
        case .unknownRecipient: .invalid
        default: .conflict
        }
    }

    public var code: String {
        switch self {
        case .notAllowed: "document.transition"
        case .changedMeanwhile: "document.changed"
        case .likelyDuplicate: "document.duplicate"
        case .unknownRecipient: "document.recipient"
        case .notExchangeable: "document.not_issued"
        }
    }

    public var message: String {
        switch self {
        case .notAllowed(let action, let status):
            "Không thể «\(action.label.lowercased())» khi văn bản đang ở trạng thái «\(status.label.lowercased())»."
        case .changedMeanwhile: "Văn bản vừa được người khác cập nhật; hãy tải lại trang và thử lại."
        case .likelyDuplicate(let ids):
            "Văn bản này có thể đã được vào sổ (văn bản số \(ids.map(String.init).joined(separator: ", "))). Kiểm tra lại, hoặc xác nhận vẫn vào sổ."
        case .unknownRecipient(let id): "Không tìm thấy cơ quan nhận có mã định danh \(id) trong HaiCap, hoặc không được vào sổ cho cơ quan đó."
        case .notExchangeable: "Chỉ văn bản đi đã cấp số, phát hành mới xuất được gói tin edXML."
        }
    }
}
