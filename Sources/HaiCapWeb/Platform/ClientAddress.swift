import Hummingbird
import NIOCore

/// Who is on the other end, for per-client limits: the peer's address, or — when the peer is a
/// trusted reverse proxy (HAICAP_TRUSTED_PROXIES) — the nearest untrusted address in its
/// `X-Forwarded-For`. A client cannot pose as another by sending the header itself.
enum ClientAddress {
    /// The proxy's headers, read only when the peer is a trusted proxy.
    static func forwarded(_ request: Request) -> (for: String?, proto: String?) {
        (request.headers[.init("X-Forwarded-For")!], request.headers[.init("X-Forwarded-Proto")!])
    }

    /// "unknown" when there is no socket (in-process tests): they share one bucket.
    static func resolve(peer: String?, forwardedFor: String?, trusted: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard trusted.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed().prefix(16) where !trusted.contains(hop) {
            return isIPAddress(hop) ? hop : peer
        }
        return peer
    }

    /// Whether the peer is a trusted proxy, whose `X-Forwarded-Proto` may be believed.
    static func isTrustedProxy(_ peer: String?, trusted: Set<String>) -> Bool {
        peer.map(trusted.contains) ?? false
    }

    static func isIPAddress(_ text: String) -> Bool {
        text.count <= 45 && (try? SocketAddress(ipAddress: text, port: 0)) != nil
    }
}
