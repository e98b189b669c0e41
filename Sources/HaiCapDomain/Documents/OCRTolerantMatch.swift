/// Finds a phrase typed from a clean copy in text that OCR read off paper. OCR of Vietnamese loses
/// or changes tone marks ("Dương" → "Dwong", "của" → "cta", "hợp" → "hgp"), so the phrase and the
/// text are both folded (`VietnameseText.fold`: no marks, đ → d), each word of the phrase may
/// match a word of the text one letter off (two for long words), and some words may be missing
/// altogether, as long as the words that do match come in the phrase's order, close together.
public struct OCRTolerantMatch: Sendable {
    /// The phrase's folded words.
    public let words: [String]
    private let codes: [[UInt8]]

    /// Longest phrase considered, in words (a search box, not a document).
    public static let maxWords = 16
    /// A text matches when its best run of words scores this share of a perfect match.
    public static let threshold = 0.6
    static let fuzzyWeight = 0.75

    /// Nil when the query has no letters or digits.
    public init?(query: String) {
        let words = Self.split(VietnameseText.fold(query)).prefix(Self.maxWords)
        guard !words.isEmpty else { return nil }
        codes = Array(words)
        self.words = codes.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The folded words of a text: runs of ASCII letters and digits (what folding leaves of
    /// Vietnamese); everything else separates words.
    public static func split(_ folded: String) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in folded.utf8 {
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                current.append(byte)
            } else if byte >= 0x41 && byte <= 0x5A {
                current.append(byte + 0x20)
            } else if !current.isEmpty {
                words.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// How well the phrase is found in a folded text (1: every word, in order), or nil when it
    /// is not found well enough to show.
    public func score(inFolded text: String) -> Double? {
        let words = Self.split(text)
        let score = score(in: words)
        return score >= Self.threshold && accepts(words) ? score : nil
    }

    /// One-word phrases need the word itself, or a long word at most one letter off.
    private func accepts(_ text: [[UInt8]]) -> Bool {
        guard codes.count == 1 else { return true }
        let word = codes[0]
        return text.contains { $0 == word || (word.count >= 5 && Self.similarity(word, $0) > 0) }
    }

    func score(in text: [[UInt8]]) -> Double {
        let n = codes.count
        // The similarity of each distinct word of the text to each phrase word, computed once.
        var cache: [[UInt8]: [(Int, Double)]] = [:]
        // best[i]: the best chain of matches that ends with phrase word i, and where it ended.
        var best = [Double](repeating: 0, count: n)
        var at = [Int](repeating: -1_000_000, count: n)
        var top = 0.0
        for (position, word) in text.enumerated() {
            let hits: [(Int, Double)]
            if let known = cache[word] {
                hits = known
            } else {
                hits = codes.indices.compactMap { i in
                    let weight = Self.similarity(codes[i], word, shortWordsFuzzy: n >= 4)
                    return weight > 0 ? (i, weight) : nil
                }
                cache[word] = hits
            }
            // Later phrase words first, so that one text word never extends a chain it just ended.
            for (i, weight) in hits.reversed() {
                var chain = weight
                for previous in 0..<i where best[previous] > 0 {
                    let skippedPhrase = i - previous - 1
                    let gap = position - at[previous] - 1
                    if gap >= 0 && gap <= skippedPhrase + 1 { chain = max(chain, best[previous] + weight) }
                }
                // A newer end is kept when it is as good, or when the old one is too far behind
                // to be extended any more.
                if chain >= best[i] || position - at[i] > n + 2 {
                    best[i] = chain
                    at[i] = position
                }
                top = max(top, chain)
            }
        }
        return top / Double(n)
    }

    /// 1 for the same word, `fuzzyWeight` for a word OCR may have read wrong, 0 otherwise. Short
    /// words must keep their first letter, or every three-letter syllable would match every other,
    /// and are read loosely only inside a phrase long enough to give them context ("Tân Bình"
    /// alone must not find "Tàu, tỉnh Bình").
    static func similarity(_ phrase: [UInt8], _ text: [UInt8], shortWordsFuzzy: Bool = true) -> Double {
        if phrase == text { return 1 }
        let length = phrase.count
        guard length >= 2, length >= 4 || shortWordsFuzzy else { return 0 }
        let allowed = length >= 8 ? 2 : 1
        guard abs(text.count - length) <= allowed else { return 0 }
        if length <= 3 && phrase.first != text.first { return 0 }
        return distance(phrase, text, limit: allowed) <= allowed ? fuzzyWeight : 0
    }

    /// Levenshtein distance, stopping as soon as it must exceed `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
