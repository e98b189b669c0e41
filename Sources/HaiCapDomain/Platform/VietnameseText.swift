import Foundation

/// Vietnamese text rules shared by every module: one normal form, one search folding, one sort order.
public enum VietnameseText {
    /// NFC: the same word typed on a phone (precomposed) and on Windows (combining marks) must compare equal.
    public static func nfc(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }

    /// The text without the characters XML 1.0 and most consumers refuse: C0 controls other than
    /// tab, line feed and carriage return, and the non-characters U+FFFE and U+FFFF. Every form
    /// field and report text passes through here, so one record cannot break a feed or an export.
    public static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isForbidden($0) })
        return String(scalars)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// Search folding: lowercase, tone and vowel marks removed, `đ` → `d`, white space collapsed.
    /// "Tân Định", "tan dinh" and "TAN  DINH" all fold to "tan dinh".
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            if scalar == "đ" || scalar == "Đ" {
                out.append("d"); lastWasSpace = false; continue
            }
            if scalar.properties.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                continue
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            lastWasSpace = false
        }
        var result = String(out)
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
