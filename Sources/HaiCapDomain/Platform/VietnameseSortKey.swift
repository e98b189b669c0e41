import Foundation

extension VietnameseText {
    /// Letters in the order of the Vietnamese alphabet (a, ă, â, b, c, d, đ, e, ê …), with the
    /// Latin letters Vietnamese does not use slotted where a reader expects them.
    private static let alphabet: [String] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"
    ]
    private static let letterRank: [String: Int] = {
        var ranks: [String: Int] = [:]
        for (index, letter) in alphabet.enumerated() { ranks[letter] = index }
        return ranks
    }()

    /// Tone marks as secondary differences, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
    private static let toneRank: [UInt32: Int] = [0x300: 1, 0x309: 2, 0x303: 3, 0x301: 4, 0x323: 5]

    /// Vowel-shape marks belong to the letter (ă, â, ơ …), not to the tone.
    private static let shapeMarks: Set<UInt32> = [0x306, 0x302, 0x31B]

    /// A key whose plain byte order (SQLite BINARY, PostgreSQL any collation: it is `[a-z]` only) is the
    /// order a Vietnamese reader expects: letters first, tones only when the letters are equal, word by
    /// word ("An Phú" before "Anh"), and numbers by value ("Phường 2" before "Phường 10").
    public static func sortKey(_ text: String) -> String {
        var primary = ""
        var secondary = ""
        var digits = ""

        func flushDigits() {
            guard !digits.isEmpty else { return }
            let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            for digit in padded { append(rank: 2 + Int(String(digit))!, to: &primary) }
            digits = ""
        }

        let lowered = nfc(text).lowercased()
        for character in lowered {
            let scalars = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
            guard let base = scalars.first else { continue }
            if character.isNumber, let _ = Int(String(character)) {
                digits.append(character)
                continue
            }
            flushDigits()
            if character.isWhitespace || character.isPunctuation {
                if !primary.hasSuffix("ab") && !primary.isEmpty { append(rank: 1, to: &primary) }
                continue
            }
            var letter = String(base)
            var tone = 0
            for mark in scalars.dropFirst() {
                if shapeMarks.contains(mark.value) {
                    letter = (letter + String(mark)).precomposedStringWithCanonicalMapping
                } else if let rank = toneRank[mark.value] {
                    tone = rank
                }
            }
            if character == "đ" { letter = "đ" }
            guard let rank = letterRank[letter] else {
                // Other characters keep a stable place after every letter.
                append(rank: 12 + alphabet.count + Int(base.value % 600), to: &primary)
                continue
            }
            append(rank: 12 + rank, to: &primary)
            secondary.append(Character(UnicodeScalar(UInt8(97 + tone))))
        }
        flushDigits()
        return primary + "aa" + secondary
    }

    /// Two lowercase letters per rank, offset by one so that "aa" stays free as the separator.
    private static func append(rank: Int, to key: inout String) {
        let value = rank + 1
        key.append(Character(UnicodeScalar(UInt8(97 + (value / 26) % 26))))
        key.append(Character(UnicodeScalar(UInt8(97 + value % 26))))
    }
}
