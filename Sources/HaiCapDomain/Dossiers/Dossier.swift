import Foundation

/// The person (or organisation) the dossier is for. Contact details are never shown to anyone
/// but the officials handling the dossier.
public struct Applicant: Sendable, Codable, Hashable {
    public var name: String
    /// CCCD (12 digits) or old CMND (9 digits).
    public var idNumber: String
    public var phone: String
    public var email: String
    public var address: String

    public init(name: String, idNumber: String, phone: String, email: String = "", address: String = "") {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.email = email
        self.address = address
    }
}

/// One document of the dossier as it arrived: on paper and scanned at the desk (số hóa),
/// uploaded online, reused from an earlier dossier, or still missing.
public struct SubmittedComponent: Sendable, Codable, Hashable {
    public enum Form: String, Sendable, Codable, Hashable, CaseIterable {
        case paper, scanned, uploaded, reused, missing

        public var label: String {
            switch self {
            case .paper: "Bản giấy (chưa số hóa)"
            case .scanned: "Bản giấy đã số hóa"
            case .uploaded: "Tệp nộp trực tuyến"
            case .reused: "Tái sử dụng từ hồ sơ trước"
            case .missing: "Còn thiếu"
            }
        }

        /// Counted as digitised for Quyết định 766.
        public var isDigital: Bool { self == .scanned || self == .uploaded || self == .reused }
    }

    public var code: String
    public var name: String
    public var form: Form
    public var pages: Int
    public var fileId: Int?
    /// The earlier dossier a reused component came from.
    public var reusedFrom: String?
    public var note: String

    public init(code: String, name: String, form: Form, pages: Int = 1, fileId: Int? = nil, reusedFrom: String? = nil, note: String = "") {
        self.code = code
        self.name = name
        self.form = form
        self.pages = pages
        self.fileId = fileId
        self.reusedFrom = reusedFrom
        self.note = note
    }
}

/// The parts of a dossier that are read with it but never filtered on.
public struct DossierDetails: Sendable, Codable, Hashable {
    public var applicant: Applicant
    public var summary: String
    public var components: [SubmittedComponent]
    /// Mẫu 02: everything still to supply, listed at once.
    public var missingItems: [String]
    /// Mẫu 03 / không giải quyết / Mẫu 05: why.
    public var reason: String?
    public var resultNumber: String?
    public var resultFileId: Int?
    public var returnMethod: ReturnMethod?
    /// Each round of supplement with the appointment before and after (NgayHenTraTruoc/Moi).
    public var supplements: [SupplementRound]
    public var consultedAgencyId: String?
    public var copies: Int

    public init(
        applicant: Applicant, summary: String = "", components: [SubmittedComponent] = [], missingItems: [String] = [],
        reason: String? = nil, resultNumber: String? = nil, resultFileId: Int? = nil, returnMethod: ReturnMethod? = nil,
        supplements: [SupplementRound] = [], consultedAgencyId: String? = nil, copies: Int = 1
    ) {
        self.applicant = applicant
        self.summary = summary
        self.components = components
        self.missingItems = missingItems
        self.reason = reason
        self.resultNumber = resultNumber
        self.resultFileId = resultFileId
        self.returnMethod = returnMethod
        self.supplements = supplements
        self.consultedAgencyId = consultedAgencyId
        self.copies = copies
    }
}

public struct SupplementRound: Sendable, Codable, Hashable {
    public var requestedAt: Date
    public var items: [String]
    public var suppliedAt: Date?
    public var dueBefore: Date?
    public var dueAfter: Date?

    public init(requestedAt: Date, items: [String], suppliedAt: Date? = nil, dueBefore: Date? = nil, dueAfter: Date? = nil) {
        self.requestedAt = requestedAt
        self.items = items
        self.suppliedAt = suppliedAt
        self.dueBefore = dueBefore
        self.dueAfter = dueAfter
    }
}

/// A dossier as stored: the indexed facts and the details.
public struct Dossier: Sendable, Codable, Hashable {
    public var code: String
    public var procedureCode: String
    public var procedureVersion: Int
    public var procedureName: String
    public var receivingAgencyId: String
    public var handlingAgencyId: String
    public var unitCode: String?
    public var channel: Channel
    public var status: DossierStatus
    public var resumeStatus: DossierStatus?
    public var outcome: DossierOutcome?
    public var submittedAt: Date
    public var receivedAt: Date?
    public var due: Date?
    public var finishedAt: Date?
    public var returnedAt: Date?
    public var assigneeId: Int?
    public var assigneeName: String?
    public var apologies: Int
    public var fee: Int
    public var fullOnline: Bool
    public var digitised: Bool
    public var electronicResult: Bool
    public var rating: Int?
    public var details: DossierDetails

    public init(
        code: String, procedureCode: String, procedureVersion: Int, procedureName: String, receivingAgencyId: String,
        handlingAgencyId: String, unitCode: String?, channel: Channel, status: DossierStatus, resumeStatus: DossierStatus? = nil,
        outcome: DossierOutcome? = nil, submittedAt: Date, receivedAt: Date? = nil, due: Date? = nil, finishedAt: Date? = nil,
        returnedAt: Date? = nil, assigneeId: Int? = nil, assigneeName: String? = nil, apologies: Int = 0, fee: Int = 0,
        fullOnline: Bool = false, digitised: Bool = false, electronicResult: Bool = false, rating: Int? = nil,
        details: DossierDetails
    ) {
        self.code = code
        self.procedureCode = procedureCode
        self.procedureVersion = procedureVersion
        self.procedureName = procedureName
        self.receivingAgencyId = receivingAgencyId
        self.handlingAgencyId = handlingAgencyId
        self.unitCode = unitCode
        self.channel = channel
        self.status = status
        self.resumeStatus = resumeStatus
        self.outcome = outcome
        self.submittedAt = submittedAt
        self.receivedAt = receivedAt
        self.due = due
        self.finishedAt = finishedAt
        self.returnedAt = returnedAt
        self.assigneeId = assigneeId
        self.assigneeName = assigneeName
        self.apologies = apologies
        self.fee = fee
        self.fullOnline = fullOnline
        self.digitised = digitised
        self.electronicResult = electronicResult
        self.rating = rating
        self.details = details
    }

    /// Overdue: past the appointment and not finished, or finished after it.
    public func isOverdue(at now: Date) -> Bool {
        Self.isOverdue(status: status, due: due, finishedAt: finishedAt, at: now)
    }

    /// The same rule from the stored columns alone (the lookup reads no more than these).
    public static func isOverdue(status: DossierStatus, due: Date?, finishedAt: Date?, at now: Date) -> Bool {
        if let finishedAt, let due { return finishedAt > due }
        return CaseDeadline.isOverdue(running: status.clockRuns, due: due, at: now)
    }

    /// What the applicant still has to bring: the Mẫu 02 list, or the open supplement request's items.
    public var outstandingItems: [String] {
        details.missingItems + (details.supplements.last.flatMap { $0.suppliedAt == nil ? $0.items : nil } ?? [])
    }

    /// Finished early or on time (766), only meaningful once finished.
    public var finishedOnTime: Bool? {
        guard let finishedAt, let due else { return nil }
        return finishedAt <= due
    }
}

/// Satisfaction at return: 3 very satisfied, 2 satisfied, 1 not satisfied.
public enum Satisfaction {
    public static let range = 1...3
    public static func label(_ value: Int) -> String {
        switch value {
        case 3: "Rất hài lòng"
        case 2: "Hài lòng"
        default: "Không hài lòng"
        }
    }
    public static func isSatisfied(_ value: Int) -> Bool { value >= 2 }
}
