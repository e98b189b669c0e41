/// A kind of case: one-stop dossiers, 1022 reports, accounts' histories, and the kinds still to
/// come. Each kind is declared once, as a constant beside its domain, and listed in `all`;
/// storage keys (`case_type` columns), audit names and "not found" labels come from here, so no
/// code names a kind with a string literal.
public struct CaseKind: Hashable, Sendable, CustomStringConvertible {
    /// What the `case_type` columns, audit entries and outbox keys store.
    public let name: String
    /// The Vietnamese noun people read ("hồ sơ", "phản ánh").
    public let label: String
    /// Whether the case's own key is a number (reports) or a text code (dossiers).
    public let numericKey: Bool

    public init(_ name: String, label: String, numericKey: Bool) {
        self.name = name
        self.label = label
        self.numericKey = numericKey
    }

    public var description: String { name }

    public static func == (lhs: CaseKind, rhs: CaseKind) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension CaseKind {
    public static let dossier = CaseKind("dossier", label: "hồ sơ", numericKey: false)
    public static let feedback = CaseKind("feedback", label: "phản ánh", numericKey: true)
    /// Official documents, incoming and outgoing (quản lý văn bản).
    public static let document = CaseKind("document", label: "văn bản", numericKey: true)
    /// Online and in-person meetings of the city and its 168 units (họp trực tuyến).
    public static let meeting = CaseKind("meeting", label: "cuộc họp", numericKey: true)
    /// A meeting's conclusion: a task given to an agency with a deadline in working days.
    public static let conclusion = CaseKind("conclusion", label: "kết luận cuộc họp", numericKey: true)
    /// An account's history (created, role changed, locked): a timeline without a workflow.
    public static let user = CaseKind("user", label: "người dùng", numericKey: true)

    /// Every registered kind; a new kind adds its constant here.
    public static let all: [CaseKind] = [.dossier, .feedback, .document, .meeting, .conclusion, .user]

    /// The registered kind stored under `name`, if any.
    public static func named(_ name: String) -> CaseKind? { all.first { $0.name == name } }

    /// The kind of a stored row: the registered one, or (for a kind no longer registered) one
    /// that keeps the stored name.
    public static func stored(_ name: String) -> CaseKind { named(name) ?? CaseKind(name, label: name, numericKey: false) }
}
