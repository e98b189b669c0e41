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

    /// Runs `lookup(allowPhone)`; a not-found answer counts against the client and the code.
    func check<T>(code: String, secret: String, client: String, now: Date, allowPhone: Bool = true,
                  _ lookup: (_ allowPhone: Bool) async throws -> T) async throws -> T {
        try await limits.check(AnonymousLimits.lookupFailuresPerClient, key: client, at: now)
        if allowPhone, Self.isPhoneDigits(secret) {
            try await limits.check(AnonymousLimits.lookupFailuresPerCode, key: code, at: now)
        }
        do {
            return try await lookup(allowPhone)
        } catch let error as NotFoundError {
            try await limits.count(AnonymousLimits.lookupFailuresPerClient, key: client, at: now)
            try await limits.count(AnonymousLimits.lookupFailuresPerCode, key: code, at: now)
            throw error
        }
    }
}
