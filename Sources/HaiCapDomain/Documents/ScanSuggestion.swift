import Foundation

/// What the registration fields of an incoming document look like on its scan: "Số: 245/UBND-VP",
/// "…, ngày 14 tháng 11 năm 2025", the "V/v …" line and the issuing organ's block at the top left.
/// Suggestions only: the clerk corrects them before they replace what was typed.
public struct ScanSuggestion: Sendable, Equatable {
    public var codeNumber: String?
    public var codeNotation: String?
    public var issuedDate: LocalDate?
    public var subject: String?
    public var organ: String?

    public var isEmpty: Bool { codeNumber == nil && issuedDate == nil && subject == nil && organ == nil }

    public init(text: String) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for line in lines.prefix(40) {
            let folded = VietnameseText.fold(line)
            if codeNumber == nil, let range = folded.range(of: #"so\s*:?\s*(\d{1,6})\s*/\s*([a-z0-9đ\-\.]{2,30})"#, options: .regularExpression) {
                // The same span of the original line keeps the notation's letters as printed.
                let span = String(folded[range])
                let parts = span.drop { !$0.isNumber }.split(separator: "/", maxSplits: 1)
                if parts.count == 2 {
                    codeNumber = String(parts[0]).trimmingCharacters(in: .whitespaces)
                    let notation = String(parts[1]).trimmingCharacters(in: .whitespaces)
                    codeNotation =
                        line.range(of: notation, options: [.caseInsensitive, .diacriticInsensitive]).map { String(line[$0]) }
                        ?? notation.uppercased()
                }
            }
            if issuedDate == nil, let range = folded.range(of: #"ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}"#, options: .regularExpression) {
                let numbers = folded[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                if numbers.count == 3 { issuedDate = LocalDate(year: numbers[2], month: numbers[1], day: numbers[0]) }
            }
            if subject == nil, folded.hasPrefix("v/v") || folded.hasPrefix("v/w") || folded.hasPrefix("ve viec") {
                let rest = line.drop { $0 != " " }.trimmingCharacters(in: .whitespaces)
                if rest.count >= 5 { subject = "V/v " + rest }
            }
        }
        // The organ: the first two lines, left of "CỘNG HÒA…" and "Độc lập…" where OCR joined the columns.
        var organLines: [String] = []
        for line in lines.prefix(3) {
            let folded = VietnameseText.fold(line)
            let cut = ["cong hoa", "doc lap", "so:", "so "].compactMap { folded.range(of: $0)?.lowerBound }.min()
            let left = cut.map { String(line.prefix(folded.distance(from: folded.startIndex, to: $0))) } ?? line
            let trimmed = left.trimmingCharacters(in: .whitespaces)
            if trimmed.count >= 3 { organLines.append(trimmed) }
            if organLines.count == 2 { break }
        }
        if !organLines.isEmpty {
            let joined = organLines.joined(separator: " ")
            organ = joined.count <= 200 ? joined : nil
        }
    }
}
