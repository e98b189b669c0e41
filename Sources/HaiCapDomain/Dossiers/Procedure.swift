import Foundation

/// One version of an administrative procedure (thủ tục hành chính) as the catalogue publishes it.
/// A dossier keeps the version that was in force on the day it was received, so editing the
/// catalogue never changes the rules of a dossier already in progress.
public struct Procedure: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var version: Int
    public var validFrom: LocalDate
    public var level: String
    /// Which kind of agency is competent: the commune's People's Committee or a city department.
    public var agencyKind: CompetentAgency
    public var field: ProcedureField
    public var channels: [ChannelTerms]
    public var fee: FeeRule
    public var components: [Component]
    public var results: [Result]
    public var legalBasis: [LegalDocument]
    public var authority: String
    public var sequence: String
    public var fullOnline: Bool
    /// Receipt after this time of day counts from the next working day (same-day procedures).
    public var sameDayCutoff: String?
    public var apologyLimit: Int
    public var supplementDays: Int
    public var steps: [StepTemplate]
    /// Facts that still need checking against the official text (DOMAIN.md marks them [C]).
    public var codeUnverified: Bool
    public var feeUnverified: Bool

    public init(
        code: String, name: String, version: Int, validFrom: LocalDate, level: String, agencyKind: CompetentAgency,
        field: ProcedureField, channels: [ChannelTerms], fee: FeeRule, components: [Component], results: [Result],
        legalBasis: [LegalDocument], authority: String, sequence: String, fullOnline: Bool, sameDayCutoff: String?,
        apologyLimit: Int, supplementDays: Int, steps: [StepTemplate], codeUnverified: Bool = false, feeUnverified: Bool = false
    ) {
        self.code = code
        self.name = name
        self.version = version
        self.validFrom = validFrom
        self.level = level
        self.agencyKind = agencyKind
        self.field = field
        self.channels = channels
        self.fee = fee
        self.components = components
        self.results = results
        self.legalBasis = legalBasis
        self.authority = authority
        self.sequence = sequence
        self.fullOnline = fullOnline
        self.sameDayCutoff = sameDayCutoff
        self.apologyLimit = apologyLimit
        self.supplementDays = supplementDays
        self.steps = steps
        self.codeUnverified = codeUnverified
        self.feeUnverified = feeUnverified
    }

    public func terms(for channel: Channel) -> ChannelTerms? { channels.first { $0.channel == channel } }

    public var requiredComponents: [Component] { components.filter(\.required) }

    /// The mandatory steps in order, then the optional ones (consultation, transfer) the flow may add.
    public var mandatorySteps: [StepTemplate] { steps.filter { !$0.optional } }
}

public enum CompetentAgency: String, Sendable, Codable, Hashable {
    case communeCommittee = "ubnd-xa"
    case cityDepartment = "so"
}

public struct ProcedureField: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public init(code: String, name: String) { self.code = code; self.name = name }
}

/// How a dossier reaches the agency; the raw values are the portal's KenhThucHien codes.
public enum Channel: Int, Sendable, Codable, Hashable, CaseIterable {
    case direct = 1
    case online = 2
    case postal = 3

    public var key: String {
        switch self {
        case .direct: "direct"
        case .online: "online"
        case .postal: "postal"
        }
    }

    public init?(key: String) {
        guard let match = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = match
    }

    public var label: String {
        switch self {
        case .direct: "Trực tiếp"
        case .online: "Trực tuyến"
        case .postal: "Bưu chính"
        }
    }
}

/// Processing time and fee note of one channel.
public struct ChannelTerms: Sendable, Codable, Hashable {
    public var channel: Channel
    public var duration: DeadlineClock.Duration
    public var note: String
    public var feeNote: String

    public init(channel: Channel, duration: DeadlineClock.Duration, note: String, feeNote: String) {
        self.channel = channel
        self.duration = duration
        self.note = note
        self.feeNote = feeNote
    }

    /// "Trong ngày", "3 ngày làm việc", "8 giờ làm việc", "15 ngày".
    public var durationText: String {
        switch duration.unit {
        case .workingDays: duration.value == 0 ? "Trong ngày" : "\(duration.value) ngày làm việc"
        case .workingHours: "\(duration.value) giờ làm việc"
        case .workingMinutes: "\(duration.value) phút làm việc"
        case .calendarDays: "\(duration.value) ngày"
        case .clockMinutes: "\(duration.value) phút"
        }
    }
}

/// A document the applicant must (or, if `required` is false, may) submit.
public struct Component: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var form: String
    public var required: Bool
    public var copies: Int
    public init(code: String, name: String, form: String, required: Bool, copies: Int) {
        self.code = code
        self.name = name
        self.form = form
        self.required = required
        self.copies = copies
    }
}

public struct Result: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public init(code: String, name: String) { self.code = code; self.name = name }
}

public struct LegalDocument: Sendable, Codable, Hashable {
    public var number: String
    public var title: String
    public var issued: String
    public init(number: String, title: String, issued: String) { self.number = number; self.title = title; self.issued = issued }
}

/// One stage of the procedure's workflow, the role that performs it and its share of the total time.
public struct StepTemplate: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        case receive, review, approve, sign, `return`, consult, transfer

        public var label: String {
            switch self {
            case .receive: "Tiếp nhận"
            case .review: "Thẩm định"
            case .approve: "Phê duyệt"
            case .sign: "Ký số, vào sổ"
            case .return: "Trả kết quả"
            case .consult: "Lấy ý kiến liên thông"
            case .transfer: "Chuyển sở, ngành"
            }
        }
    }

    public var kind: Kind
    public var role: Role
    public var share: Double
    public var optional: Bool
    /// For a transfer or consultation step: the agency usually asked (e.g. Sở Xây dựng).
    public var agencyId: String?

    public init(kind: Kind, role: Role, share: Double, optional: Bool = false, agencyId: String? = nil) {
        self.kind = kind
        self.role = role
        self.share = share
        self.optional = optional
        self.agencyId = agencyId
    }
}
