import Foundation
import HaiCapDomain
import HaiCapStorage

/// Wrong dossier lookups, counted in the database so that every instance shares them:
/// - per client: after `lookupFailuresPerClient` wrong answers the client waits, whatever code it tries;
/// - per code: after `lookupFailuresPerCode` wrong answers the phone's last four digits (only
///   10,000 values) stop opening that code, but the 8-character secret of the receipt still does,
///   so a guesser never locks out the citizen who holds the receipt.
struct LookupGuard: Sendable {
    let limits: RateLimiter

    /// A secret of four digits is the phone fallback; anything else is the receipt's secret.
    static func isPhoneDigits(_ secret: String) -> Bool {
        let trimmed = secret.trimmingCharacters(in: .whitespaces)
        return trimmed.count == 4 && trimmed.allSatisfy(\.isASCII) && trimmed.allSatisfy(\.isNumber)
    }

    /// Runs `lookup(allowPhone)`, counting a wrong answer against the client (and, for phone digits,
    /// against the code).
    ///
    /// Four phone digits are guessable (10,000 values), so such a try takes its counters atomically
    /// before the lookup and gives them back when it succeeds: concurrent guesses cannot all pass
    /// before the first failure is counted. The receipt's secret (32⁸ ≈ 10¹² values) is not, so the
    /// common lookup only reads the client's counter, and a failure is counted after it.
    func check<T>(
        code: String, secret: String, client: String, now: Date, allowPhone: Bool = true,
        _ lookup: (_ allowPhone: Bool) async throws -> T
    ) async throws -> T {
        let found: T?
        if allowPhone, Self.isPhoneDigits(secret) {
            let counted = [(AnonymousLimits.lookupFailuresPerClient, client), (AnonymousLimits.lookupFailuresPerCode, code)]
            found = try await limits.attempt(counted, at: now) {
                do { return (try await lookup(true), counts: false) } catch is NotFoundError { return (nil, counts: true) }
            }
        } else {
            try await limits.check(AnonymousLimits.lookupFailuresPerClient, key: client, at: now)
            do {
                found = try await lookup(allowPhone)
            } catch is NotFoundError {
                try await limits.count(AnonymousLimits.lookupFailuresPerClient, key: client, at: now)
                found = nil
            }
        }
        // A wrong answer and an unknown code are alike.
        guard let found else { throw NotFoundError("dossier", String(code.prefix(40))) }
        return found
    }
}
