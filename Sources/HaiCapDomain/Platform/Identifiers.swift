import Foundation

/// Random secrets for sessions, CSRF and API tokens: 32 bytes from the system generator, URL-safe.
public enum Secrets {
    public static func token(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        // 64 symbols: 6 bits each, so ceil(bytes*8/6) symbols carry at least `bytes` bytes of entropy.
        let count = (bytes * 8 + 5) / 6
        return String((0..<count).map { _ in alphabet[Int(generator.next() % 64)] })
    }

    /// Compares two secrets (or their digests) in time that does not depend on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
