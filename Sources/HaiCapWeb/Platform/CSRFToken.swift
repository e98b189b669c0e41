import Crypto
import Foundation

/// The CSRF token of a signed-in browser: an HMAC of its session secret. Nothing is stored, every
/// instance derives the same value, and it changes with every login.
public enum CSRFToken {
    public static func forSession(_ sessionSecret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("haicap-csrf".utf8), using: SymmetricKey(data: Data(sessionSecret.utf8)))
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
