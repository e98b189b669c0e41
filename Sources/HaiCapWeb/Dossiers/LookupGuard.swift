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

    /// Runs `lookup(allowPhone)` as one counted try: the client's (and, for phone digits, the code's)
    /// counter is taken before the lookup, atomically, and given back when the lookup succeeds, so
    /// that concurrent guesses cannot all pass before any failure is counted.
    func check<T>(code: String, secret: String, client: String, now: Date, allowPhone: Bool = true,
                  _ lookup: (_ allowPhone: Bool) async throws -> T) async throws -> T {
        var counted = [(AnonymousLimits.lookupFailuresPerClient, client)]
        if allowPhone, Self.isPhoneDigits(secret) { counted.append((AnonymousLimits.lookupFailuresPerCode, code)) }
        let found: T? = try await limits.attempt(counted, at: now) {
            do {
                return (try await lookup(allowPhone), counts: false)
            } catch is NotFoundError {
                return (nil, counts: true)
            }
        }
        // A wrong answer and an unknown code are alike.
        guard let found else { throw NotFoundError("dossier", String(code.prefix(40))) }
        return found
    }
}
