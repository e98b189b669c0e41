import Foundation
import HaiCapDomain
import Synchronization

/// Limits wrong guesses per dossier code: the phone's last four digits are only 10,000 values,
/// so after `limit` failures in `window` a code answers "too many attempts" until the window
/// passes. Kept in memory per server process (a restart forgets it; several instances each count).
final class LookupThrottle: Sendable {
    struct Refused: HaiCapError {
        var kind: ErrorKind { .locked }
        var code: String { "lookup.throttled" }
        var message: String { "Tra cứu sai quá nhiều lần với mã hồ sơ này. Vui lòng thử lại sau 15 phút." }
    }

    let limit: Int
    let window: TimeInterval
    private let failures = Mutex<[String: (count: Int, since: Date)]>([:])

    init(limit: Int = 10, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Runs a lookup for `code`, counting a not-found answer as a failure.
    func check<T>(_ code: String, now: Date, _ lookup: () async throws -> T) async throws -> T {
        let blocked = failures.withLock { table -> Bool in
            guard let entry = table[code] else { return false }
            if now.timeIntervalSince(entry.since) > window { table[code] = nil; return false }
            return entry.count >= limit
        }
        if blocked { throw Refused() }
        do {
            return try await lookup()
        } catch let error as NotFoundError {
            failures.withLock { table in
                // A flood of random codes must not grow memory forever, nor wipe the codes being guessed.
                if table.count > 100_000 {
                    table = table.filter { now.timeIntervalSince($0.value.since) <= window }
                    if table.count > 100_000 { table = table.filter { $0.value.count >= limit } }
                }
                let entry: (count: Int, since: Date) = table[code].flatMap { now.timeIntervalSince($0.since) > window ? nil : $0 } ?? (0, now)
                table[code] = (entry.count + 1, entry.since)
            }
            throw error
        }
    }
}
