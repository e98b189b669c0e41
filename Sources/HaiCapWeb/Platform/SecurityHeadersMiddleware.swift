import Hummingbird

/// Headers every response carries (OWASP ASVS 4.0 §14.4): pages only load this site's scripts,
/// styles and images (the maps are server-drawn SVG), never in a frame of another site, send no
/// referrer elsewhere (a lookup page's address must not leak), and over TLS browsers are told to
/// come back over TLS only.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let config: AppConfig

    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
        "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        "frame-ancestors 'none'"
    ].joined(separator: "; ")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("Permissions-Policy")!] = "camera=(), microphone=(), payment=()"
        let viaProxy = ClientAddress.isTrustedProxy(context.peerAddress, trusted: config.trustedProxies)
        if config.tls || (viaProxy && ClientAddress.forwarded(request).proto == "https") {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        return response
    }
}
