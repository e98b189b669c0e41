import Foundation

/// Vietnamese text rules shared by every module: one normal form, one search folding, one sort order.
public enum VietnameseText {
    /// NFC: the same word typed on a phone (precomposed) and on Windows (combining marks) must compare equal.
    public static func nfc(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
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
