/// One case of any kind, the way deadlines, the timeline, audit, the outbox and notifications
/// name it. Numeric keys are kept as their decimal text, so every table has one `case_id` column.
public struct CaseRef: Hashable, Sendable, CustomStringConvertible {
    public let kind: CaseKind
    public let id: String

    public init(_ kind: CaseKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public init(_ kind: CaseKind, _ number: Int) {
        self.init(kind, String(number))
    }

    /// The key as a number, for kinds whose tables number their rows.
    public var number: Int? { kind.numericKey ? Int(id) : nil }

    public var description: String { "\(kind.name)/\(id)" }
}
