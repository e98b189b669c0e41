import HTTPTypes
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Hummingbird
import HummingbirdTesting

/// Builds the real application (the same composition root as `haicap serve`) on a fresh database
/// and drives it in memory. Helpers log in as demo users by creating sessions directly.
struct WebHarness: Sendable {
    let services: AppServices
    let routeSpecs: [RouteSpec]
    static let csrf = String(repeating: "c", count: 43)

    /// `live`: over a real socket on 127.0.0.1 (the peer address matters: trusted proxies, per-client limits).
    static func run<T: Sendable>(
        live: Bool = false, clock: FixedClock = FixedClock(Date(timeIntervalSince1970: 1_763_863_200)),
        configure: @escaping (inout AppConfig) -> Void = { _ in },
        _ body: @escaping @Sendable (WebHarness, any TestClientProtocol) async throws -> T
    ) async throws -> T {
        try await TestDatabase.withServices(demo: true, clock: clock, configure: configure) { services in
            let app = try await HaiCapApplication.build(services: services)
            let harness = WebHarness(services: services, routeSpecs: app.routeSpecs)
            return try await app.application(host: "127.0.0.1", port: 0).test(live ? .live : .router) { client in
                try await body(harness, client)
            }
        }
    }

    /// Headers of a browser logged in as `username` (nil: anonymous), with a valid CSRF pair.
    func browser(_ username: String?) async throws -> HTTPFields {
        var cookie = "\(CookieNamesForTests.csrf)=\(Self.csrf)"
        var token = Self.csrf
        if let username, let account = try await services.accounts.find(username: username) {
            let secret = try await services.sessions.create(userId: account.id, at: services.clock.now())
            cookie += "; \(CookieNamesForTests.session)=\(secret)"
            // Signed in, the CSRF token is the session's own (the cookie's is no longer accepted).
            token = CSRFToken.forSession(secret)
        }
        return [.cookie: cookie, HTTPField.Name("X-CSRF-Token")!: token]
    }

    func bearer(_ username: String) async throws -> HTTPFields {
        let (_, secret) = try await services.tokens.create(forUsername: username, name: "test", by: nil, at: services.clock.now())
        return [.authorization: "Bearer \(secret)"]
    }
}

enum CookieNamesForTests {
    static let session = "haicap_session"
    static let csrf = "haicap_csrf"
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
    }
    /// Refused: 401/403, or a browser sent to the login page.
    var isDenied: Bool {
        status == .unauthorized || status == .forbidden
            || (status == .seeOther && headers[.location]?.hasPrefix("/dang-nhap") == true)
    }
}
