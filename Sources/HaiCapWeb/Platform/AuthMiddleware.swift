import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

enum CookieNames {
    static let session = "haicap_session"
    static let csrf = "haicap_csrf"
}

/// Identifies the caller: an API token (`Authorization: Bearer …`) or a session cookie; and gives
/// every browser a CSRF token (double-submit cookie) that every unsafe request must echo back.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let now = services.clock.now()
        context.isSecure = services.config.tls || request.headers[.init("X-Forwarded-Proto")!] == "https"

        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                  let principal = try await services.tokens.principal(forSecret: String(parts[1]), at: now) else {
                throw AccessError.notAuthenticated
            }
            context.principal = principal
            context.viaToken = true
        } else if let secret = request.cookies[CookieNames.session]?.value {
            context.principal = try await services.sessions.principal(forSecret: secret, at: now)
        }

        if let token = request.cookies[CookieNames.csrf]?.value, token.count >= 32 {
            context.csrfToken = token
        } else {
            context.csrfToken = Secrets.token()
            context.newCSRFCookie = true
        }

        if Self.isUnsafe(request.method), !context.viaToken, Self.needsCSRF(request) {
            let sent = try await Self.submittedToken(&request, context: context)
            guard !context.newCSRFCookie, let sent, Secrets.constantTimeEqual(sent, context.csrfToken) else {
                throw AccessError.csrfMismatch
            }
        }

        var response = try await next(request, context)
        if context.newCSRFCookie {
            response.setCookie(Cookie(name: CookieNames.csrf, value: context.csrfToken, path: "/", secure: context.isSecure,
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// Web forms always; the JSON API only when a session cookie is what authenticates it.
    /// Never for Open311, whose clients are apps that prove themselves with an `api_key` and never
    /// act with a session.
    static func needsCSRF(_ request: Request) -> Bool {
        if request.uri.path.hasPrefix("/open311/") { return false }
        return !request.uri.path.hasPrefix("/api/") || request.cookies[CookieNames.session] != nil
    }

    /// From the `X-CSRF-Token` header, or the `_csrf` field of a form body (which stays readable downstream).
    static func submittedToken(_ request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[.init("X-CSRF-Token")!] { return header }
        let type = request.headers[.contentType] ?? ""
        if let boundary = MultipartForm.boundary(of: type) {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            return try MultipartForm.parse(Data(buffer: buffer), boundary: boundary).fields["_csrf"]
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
            func decode(_ s: Substring) -> String {
                (String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? String(s)
            }
            pairs.append((decode(kv[0]), kv.count > 1 ? decode(kv[1]) : ""))
        }
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
