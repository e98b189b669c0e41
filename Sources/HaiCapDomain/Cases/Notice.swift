import Foundation

/// A message to one official about one case (a deadline reminder, an escalation), as it travels
/// through the outbox and lands under the bell.
public struct Notice: Sendable, Equatable, Codable {
    /// The outbox topic of notices.
    public static let topic = "notification"

    public var userId: Int
    public var event: String
    public var caseType: String
    public var caseId: String
    public var title: String
    public var body: String

    public init(event: String, ref: CaseRef, title: String, body: String, userId: Int = 0) {
        self.userId = userId
        self.event = event
        self.caseType = ref.kind.name
        self.caseId = ref.id
        self.title = title
        self.body = body
    }

    public func addressed(to userId: Int) -> Notice {
        var copy = self
        copy.userId = userId
        return copy
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ json: String) throws -> Notice {
        try JSONDecoder().decode(Notice.self, from: Data(json.utf8))
    }

    /// How a case is named in a sentence: "Hồ sơ 000.00.01.H29-…", "Phản ánh số 12" (or, inside
    /// one, "hồ sơ …").
    public static func caseName(_ ref: CaseRef, capitalized: Bool = true) -> String {
        let noun = capitalized ? ref.kind.label.prefix(1).uppercased() + ref.kind.label.dropFirst() : ref.kind.label
        return ref.kind.numericKey ? "\(noun) số \(ref.id)" : "\(noun) \(ref.id)"
    }
}
