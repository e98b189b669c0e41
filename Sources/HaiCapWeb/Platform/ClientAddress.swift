#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
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

    /// The client's key for the limits; "unknown" when there is no socket (in-process tests).
    static func resolve(peer: String?, forwardedFor: String?, trusted: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard trusted.contains(peer), let forwardedFor else { return key(peer) }
        let hops = forwardedFor.split(separator: ",").map { withoutPort($0.trimmingCharacters(in: .whitespaces)) }
        for hop in hops.reversed().prefix(16) where !trusted.contains(hop) {
            return isIPAddress(hop) ? key(hop) : key(peer)
        }
        return key(peer)
    }

    /// Whether the peer is a trusted proxy, whose `X-Forwarded-Proto` may be believed.
    static func isTrustedProxy(_ peer: String?, trusted: Set<String>) -> Bool {
        peer.map(trusted.contains) ?? false
    }

    static func isIPAddress(_ text: String) -> Bool {
        text.count <= 45 && (try? SocketAddress(ipAddress: text, port: 0)) != nil
    }

    /// One key per client: an IPv4 address as it is (also when written IPv4-mapped, `::ffff:a.b.c.d`);
    /// an IPv6 address by its /64, since one household or phone is given a whole /64 and would
    /// otherwise have 2⁶⁴ separate counters.
    static func key(_ address: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        let hextets = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return hextets.joined(separator: ":") + "::/64"
    }

    /// `1.2.3.4:5678` → `1.2.3.4`, `[2001:db8::1]:443` → `2001:db8::1`; anything else unchanged.
    static func withoutPort(_ hop: String) -> String {
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") { return String(hop[hop.index(after: hop.startIndex)..<close]) }
        let parts = hop.split(separator: ":")
        if parts.count == 2, parts[0].contains(".") { return String(parts[0]) }
        return hop
    }
}
