import Foundation

/// Query strings built for links (filters kept across pages, exports, a lookup's code): every
/// name and value percent-encoded, so a search for "Nguyễn & con" survives the round trip.
enum QueryString {
    /// RFC 3986 unreserved characters; everything else, every non-ASCII letter included, becomes `%XX`.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `a=1&b=x%20y`, in the order given; empty when there are no pairs.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// `base?query`, or `base` alone when there is nothing to add.
    static func link(_ base: String, _ pairs: [(String, String)]) -> String {
        let query = encode(pairs)
        return query.isEmpty ? base : "\(base)?\(query)"
    }
}
