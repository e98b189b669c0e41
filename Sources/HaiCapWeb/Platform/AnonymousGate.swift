import Foundation
import HaiCapDomain
import HaiCapStorage

/// What requests without an account may do, and how often (`AnonymousLimits`); every page and
/// API route that accepts such a write goes through here, so the limits are the same on both.
struct AnonymousGate: Sendable {
    let limits: RateLimiter

    /// An online submission without an account: counted per client, then per receiving agency.
    func submitDossier(agencyId: String?, client: String, at now: Date) async throws {
        try await limits.take(AnonymousLimits.onlineDossiersPerClient, key: client, at: now)
        try await limits.take(AnonymousLimits.onlineDossiersPerAgency, key: agencyId ?? "", at: now)
    }

    /// A 1022 report sent from the page or the API without an account.
    func submitReport(client: String, at now: Date) async throws {
        try await limits.take(AnonymousLimits.reportsPerClient, key: client, at: now)
    }

    /// "Tôi cũng gặp việc này": once per client and report, and a few reports an hour. The hourly
    /// cap is taken before the once-mark, so a follow refused by the cap can be made later.
    func follow(reportId: Int, client: String, at now: Date) async throws {
        let once = "\(client)#\(reportId)"
        try await limits.check(AnonymousLimits.followOnce, key: once, at: now)
        try await limits.take(AnonymousLimits.followsPerClient, key: client, at: now)
        try await limits.take(AnonymousLimits.followOnce, key: once, at: now)
    }
}

extension AppServices {
    var anonymous: AnonymousGate { AnonymousGate(limits: limits) }
}
