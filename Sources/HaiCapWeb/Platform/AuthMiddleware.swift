import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Cookie names. Over TLS they carry the `__Host-` prefix, which browsers accept only with
/// `Secure`, `Path=/` and no `Domain`: a sibling subdomain or a plain-HTTP page cannot plant or
/// overwrite them. Over plain HTTP (a laptop, the tests) browsers refuse that prefix, so the
/// plain names are used there.
enum CookieNames {
    static func session(secure: Bool) -> String { secure ? "__Host-haicap_session" : "haicap_session" }
    static func csrf(secure: Bool) -> String { secure ? "__Host-haicap_csrf" : "haicap_csrf" }
}

/// Identifies the caller: an API token (`Authorization: Bearer …`) or a session cookie; and gives
/// every browser a CSRF token that every unsafe request must echo back. Signed in, the token is
/// derived from the session's secret (`CSRFToken.forSession`), so it dies with the session and a
/// planted cookie cannot forge it; before login (the login form, citizens' forms) it is a
/// double-submit cookie.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let now = services.clock.now()
        let trusted = services.config.trustedProxies
        let viaProxy = ClientAddress.isTrustedProxy(context.peerAddress, trusted: trusted)
        let forwarded = ClientAddress.forwarded(request)
        context.isSecure = services.config.tls || (viaProxy && forwarded.proto == "https")
        context.clientAddress = ClientAddress.resolve(peer: context.peerAddress, forwardedFor: forwarded.for, trusted: trusted)
        let secure = context.isSecure

        var sessionSecret: String?
        // Jitsi's reservation module sends its own shared secret as a bearer token: its routes check it.
        if request.uri.path.hasPrefix("/jitsi/") {
            return try await next(request, context)
        }
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let principal = try await services.tokens.principal(forSecret: String(parts[1]), at: now)
            else {
                throw AccessError.notAuthenticated
            }
            context.principal = principal
            context.viaToken = true
        } else if let secret = request.cookies[CookieNames.session(secure: secure)]?.value, secret.count <= 100 {
            context.principal = try await services.sessions.principal(forSecret: secret, at: now)
            if context.principal != nil { sessionSecret = secret }
        }

        // Only a page shows the bell; the count costs one indexed read per page view.
        if sessionSecret != nil, let principal = context.principal, request.method == .get, Self.isPage(request.uri.path) {
            context.unreadNotices = try await services.notifications.unreadCount(userId: principal.userId)
        }

        if let sessionSecret {
            context.csrfToken = CSRFToken.forSession(sessionSecret)
        } else if let token = request.cookies[CookieNames.csrf(secure: secure)]?.value, (32...100).contains(token.count) {
            context.csrfToken = token
        } else {
            context.csrfToken = Secrets.token()
            context.newCSRFCookie = true
        }

        if Self.isUnsafe(request.method), !context.viaToken, Self.needsCSRF(request, secure: secure) {
            let sent = try await Self.submittedToken(&request, context: context)
            guard !context.newCSRFCookie, let sent, Secrets.constantTimeEqual(sent, context.csrfToken) else {
                throw AccessError.csrfMismatch
            }
        }

        var response = try await next(request, context)
        if context.newCSRFCookie {
            response.setCookie(
                Cookie(
                    name: CookieNames.csrf(secure: secure), value: context.csrfToken, path: "/", secure: secure,
                    httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func isPage(_ path: String) -> Bool {
        !path.hasPrefix("/api/") && !path.hasPrefix("/open311/") && !path.hasPrefix("/static/") && path != "/healthz" && path != "/metrics"
    }

    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// Web forms always; the JSON API only when a session cookie is what authenticates it.
    /// Never for Open311, whose clients are apps that prove themselves with an `api_key` and never
    /// act with a session.
    static func needsCSRF(_ request: Request, secure: Bool) -> Bool {
        if request.uri.path.hasPrefix("/open311/") { return false }
        return !request.uri.path.hasPrefix("/api/") || request.cookies[CookieNames.session(secure: secure)] != nil
    }

    /// From the `X-CSRF-Token` header, or the `_csrf` field of a form body (which stays readable downstream).
    static func submittedToken(_ request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[.init("X-CSRF-Token")!] { return header }
        let type = request.headers[.contentType] ?? ""
        if let boundary = try MultipartForm.boundary(of: type) {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            return try MultipartForm.csrfField(in: buffer, boundary: boundary)
        }
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return nil }
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(String(buffer: buffer))["_csrf"]
    }
}

extension Request {
    /// The query string decoded the way browsers encode GET forms (`+` is a space, unlike
    /// Hummingbird's `queryParameters`, which only decodes `%xx`).
    var query: FormFields { FormFields(uri.query ?? "") }
}

/// `application/x-www-form-urlencoded` fields; the last value wins, repeated fields are kept in order.
struct FormFields: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ body: String) {
        for part in body.split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            // Characters no document may carry (NUL, other C0 controls, U+FFFF) never enter.
            func decode(_ s: Substring) -> String {
                VietnameseText.xmlSafe((String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? String(s))
            }
            pairs.append((decode(kv[0]), kv.count > 1 ? decode(kv[1]) : ""))
        }
    }

    /// Fields already decoded (a multipart form's text parts), cleaned the same way.
    init(decoded pairs: [(String, String)]) {
        self.pairs = pairs.map { (VietnameseText.xmlSafe($0.0), VietnameseText.xmlSafe($0.1)) }
    }

    subscript(_ name: String) -> String? { pairs.last { $0.0 == name }?.1 }

    func get(_ name: String) -> String? { self[name] }

    /// An integer field within a range, rejected with a clear message rather than clamped silently:
    /// the problem goes into `check` (so a form reports all its problems) and the default is returned.
    func int(_ name: String, default value: Int, range: ClosedRange<Int>, into check: inout Validator) -> Int {
        guard let raw = self[name], !raw.isEmpty else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            check.require(false, name, "Phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound).")
            return value
        }
        return parsed
    }

    /// The same, throwing at once.
    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws(ValidationError) -> Int {
        var check = Validator()
        let parsed = int(name, default: value, range: range, into: &check)
        try check.check()
        return parsed
    }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// Reads a form body.
    static func from(_ request: Request, context: AppRequestContext) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormFields(String(buffer: buffer))
    }
}
