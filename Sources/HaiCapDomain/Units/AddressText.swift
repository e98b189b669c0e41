import Foundation

/// Turns an old address as people type it into a canonical folded form: "P.14, Q. Bình Thạnh",
/// "F14 BThạnh", "phường 14 quận bình thạnh" all become "phuong 14 quan binh thanh".
enum AddressText {
    /// Abbreviations of unit types and of the province, as written on envelopes, forms and signs.
    private static let expansions: [String: [String]] = [
        "p": ["phuong"], "ph": ["phuong"], "f": ["phuong"], "phg": ["phuong"],
        "q": ["quan"], "qu": ["quan"],
        "x": ["xa"], "h": ["huyen"], "hy": ["huyen"],
        "tt": ["thi", "tran"], "ttr": ["thi", "tran"],
        "tx": ["thi", "xa"],
        "tp": ["thanh", "pho"], "thph": ["thanh", "pho"],
        "tphcm": ["thanh", "pho", "ho", "chi", "minh"], "hcm": ["ho", "chi", "minh"],
        "hcmc": ["ho", "chi", "minh"], "sg": ["ho", "chi", "minh"], "saigon": ["ho", "chi", "minh"],
        "brvt": ["ba", "ria", "vung", "tau"], "vt": ["vung", "tau"]
    ]

    /// Prefixes glued to a number ("p14", "q1", "f7") are split and expanded.
    private static let gluedPrefixes: [String: String] = ["p": "phuong", "f": "phuong", "q": "quan", "ph": "phuong"]

    static func normalize(_ text: String) -> String {
        let folded = VietnameseText.fold(text)
        var cleaned = ""
        cleaned.reserveCapacity(folded.count)
        for character in folded {
            if character == "," || character == ";" || character == "\n" {
                // A comma ends a part of the address: no name may run across it ("Quận Tân Bình, Thành phố" is not "Bình Thạnh").
                cleaned.append(" | ")
            } else {
                cleaned.append(character.isLetter || character.isNumber ? character : " ")
            }
        }
        var words: [String] = []
        for token in cleaned.split(separator: " ").map(String.init) {
            if token == "|" {
                if words.last != "|" && !words.isEmpty { words.append(token) }
                continue
            }
            if let expanded = expansions[token] {
                words.append(contentsOf: expanded)
                continue
            }
            if let split = splitGlued(token) {
                words.append(contentsOf: split)
                continue
            }
            words.append(stripLeadingZeros(token))
        }
        if words.last == "|" { words.removeLast() }
        return words.joined(separator: " ")
    }

    private static func splitGlued(_ token: String) -> [String]? {
        guard let firstDigit = token.firstIndex(where: \.isNumber) else { return nil }
        let prefix = String(token[..<firstDigit])
        let number = String(token[firstDigit...])
        guard !prefix.isEmpty, number.allSatisfy(\.isNumber), let word = gluedPrefixes[prefix] else { return nil }
        return [word, stripLeadingZeros(number)]
    }

    /// "Phường 05" and "Phường 5" are the same ward.
    private static func stripLeadingZeros(_ token: String) -> String {
        guard token.allSatisfy(\.isNumber) else { return token }
        let stripped = token.drop { $0 == "0" }
        return stripped.isEmpty ? "0" : String(stripped)
    }

    /// Whole-word containment on normalized text.
    static func contains(_ haystack: String, _ phrase: String) -> Bool {
        (" " + haystack + " ").contains(" " + phrase + " ")
    }

    /// Blanks every whole-word occurrence of a phrase, so a ward name inside a district name is not read twice.
    static func blank(_ haystack: String, _ phrase: String) -> String {
        let padded = (" " + haystack + " ").replacingOccurrences(of: " " + phrase + " ", with: " | ")
        return String(padded.dropFirst().dropLast())
    }
}

/// The type words of Vietnamese unit names, longest first so "thanh pho" wins over a bare name.
enum UnitNameParts {
    static let typePrefixes = ["thanh pho", "thi tran", "thi xa", "phuong", "huyen", "quan", "tinh", "xa", "dac khu"]

    /// "phuong tan dinh" → ("phuong", "tan dinh").
    static func split(_ folded: String) -> (type: String, bare: String) {
        for prefix in typePrefixes where folded.hasPrefix(prefix + " ") {
            return (prefix, String(folded.dropFirst(prefix.count + 1)))
        }
        return ("", folded)
    }
}
