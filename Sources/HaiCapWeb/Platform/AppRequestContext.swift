import HaiCapDomain
import Hummingbird

/// The request context every route sees: who is asking (if anyone) and the CSRF token of the browser.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Nil for anonymous requests (citizens, the public directory).
    public var principal: Principal?
    /// True when authenticated by an API token: no ambient cookie, so no CSRF check.
    public var viaToken = false
    /// The double-submit token every form of this browser carries.
    public var csrfToken = ""
    /// Set when the browser had no CSRF cookie yet; the response sets it.
    public var newCSRFCookie = false
    /// Served over TLS (directly or behind a trusted proxy that says so): cookies get `Secure`
    /// and the `__Host-` prefix.
    public var isSecure = false
    /// The socket's peer (nil in in-process tests).
    public let peerAddress: String?
    /// The client for per-client limits (`ClientAddress`), set by the auth middleware.
    public var clientAddress = "unknown"
    /// The signed-in official's unread notifications, counted for the bell of a page (nil for
    /// API calls, assets and anonymous visitors).
    public var unreadNotices: Int?

    public init(source: Source) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Scans and photos are at most 10 MB each; a whole form (a few files) stays below this.
    public var maxUploadSize: Int { UploadLimits.wholeBody }
}
