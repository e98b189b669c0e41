import Hummingbird

/// One info line per request with its method, path and status. Query strings are left out and
/// path segments that are secrets (Open311 reporter tokens) are masked: a receipt's secret, a
/// phone number or an `api_key` must never reach a log file (Hummingbird's own request logger
/// prints the whole URI).
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        context.logger.info(
            "Request",
            metadata: [
                "hb.request.method": .string(request.method.rawValue),
                "hb.request.path": .string(Self.loggedPath(request.uri.path)),
                "hb.response.status": .stringConvertible(response.status.code)
            ])
        return response
    }

    /// The router ignores empty segments (`/open311/v2//tokens/X` reaches the tokens route), so the
    /// path is compared segment by segment, not by prefix.
    static func loggedPath(_ path: String) -> String {
        let segments = path.split(separator: "/")
        if segments.count >= 4, segments[0] == "open311", segments[2] == "tokens" { return "/open311/\(segments[1].prefix(10))/tokens/***" }
        return String(path.prefix(300))
    }
}
