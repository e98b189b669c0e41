import HaiCapDomain

/// Where a kind keeps its cases: the table, its key, and the columns that the shared queries
/// read. Every case table has `running` (the clock counts) and `due_at` (the clock's due instant,
/// kept by `CaseLedger` and by calendar changes), so one overdue rule and one scope rule serve
/// every kind.
public struct CaseTable: Sendable {
    public let kind: CaseKind
    public let table: String
    public let key: String
    /// The agency holding a case (nil: the kind scopes by ward only).
    public let agencyColumn: String?
    /// The ward a case belongs to, for ward officials.
    public let unitColumn: String
    /// Who reads every case of the kind.
    public let wholeCity: CaseScope.WholeCity
    /// The agency working on a case now (whose leaders hear of it when it is overdue).
    public let holderColumn: String
    /// The official a case is assigned to, if any (who is reminded before it is due).
    public let assigneeColumn: String

    public init(
        kind: CaseKind, table: String, key: String, agencyColumn: String?, unitColumn: String,
        wholeCity: CaseScope.WholeCity, holderColumn: String, assigneeColumn: String = "assignee_id"
    ) {
        self.kind = kind
        self.table = table
        self.key = key
        self.agencyColumn = agencyColumn
        self.unitColumn = unitColumn
        self.wholeCity = wholeCity
        self.holderColumn = holderColumn
        self.assigneeColumn = assigneeColumn
    }
}

extension CaseTable {
    public static let dossiers = CaseTable(
        kind: .dossier, table: "dossiers", key: "code", agencyColumn: nil, unitColumn: "unit_code",
        wholeCity: .cityOfficials, holderColumn: "handling_agency_id")
    public static let reports = CaseTable(
        kind: .feedback, table: "feedback_reports", key: "id", agencyColumn: "agency_id",
        unitColumn: "agency_unit_code", wholeCity: .roles(Policy.feedbackCoordinators),
        holderColumn: "agency_id")

    public static let documents = CaseTable(
        kind: .document, table: "documents", key: "id", agencyColumn: "agency_id", unitColumn: "unit_code",
        wholeCity: .roles([.admin]), holderColumn: "agency_id")

    /// A meeting's conclusions, each a task of its owner agency; administrators see them all (the
    /// organiser follows its meetings' conclusions on its board).
    public static let conclusions = CaseTable(
        kind: .conclusion, table: "meeting_conclusions", key: "id", agencyColumn: "agency_id", unitColumn: "unit_code",
        wholeCity: .roles([.admin]), holderColumn: "agency_id")

    /// Every kind with a case table; a new kind registers its table here.
    public static let registered: [CaseTable] = [.dossiers, .reports, .documents, .conclusions]

    public static func of(_ kind: CaseKind) -> CaseTable? { registered.first { $0.kind == kind } }
}
