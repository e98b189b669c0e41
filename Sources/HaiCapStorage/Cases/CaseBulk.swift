import HaiCapDomain

/// The same action on many cases of one kind (assign, forward, close): each case goes through the
/// ledger in its own transaction, so one refusal undoes nothing else; the answer lists every case
/// in the order given, with the reason of each refusal. Every kind's bulk actions run here.
public enum CaseBulk {
    /// At most this many cases in one request: a larger selection is refused, never cut.
    public static let limit = 200

    public struct Result<Key: Sendable>: Sendable {
        public var key: Key
        /// Nil when the action was done; otherwise why it was refused, in Vietnamese.
        public var refusal: String?
    }

    public struct Outcome<Key: Sendable>: Sendable {
        public var results: [Result<Key>]
        public var done: [Key] { results.filter { $0.refusal == nil }.map(\.key) }
        public var refused: [(key: Key, message: String)] { results.compactMap { r in r.refusal.map { (r.key, $0) } } }
    }

    /// `field` names the list in the error when the selection is empty or too large.
    public static func run<Key: Sendable>(
        _ keys: [Key], field: String, noun: String,
        _ act: (Key) async throws -> Void
    ) async throws -> Outcome<Key> {
        var check = Validator()
        check.require(!keys.isEmpty, field, "Chọn ít nhất một \(noun).")
        check.require(keys.count <= limit, field, "Mỗi lần xử lý tối đa \(limit) \(noun); đã chọn \(keys.count).")
        try check.check()
        var results: [Result<Key>] = []
        for key in keys {
            do {
                try await act(key)
                results.append(Result(key: key, refusal: nil))
            } catch let error as any HaiCapError {
                // A refused case (state, scope, a conflict) is reported; anything else stops the run.
                results.append(Result(key: key, refusal: error.message))
            }
        }
        return Outcome(results: results)
    }
}
