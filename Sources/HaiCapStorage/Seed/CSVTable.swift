import CSV
import Foundation

/// A CSV file keyed by its header row, read with CSV.swift (RFC 4180: quoted fields may hold
/// commas, quotes and line breaks; lines end in LF or CRLF). A row with the wrong number of
/// fields is an error naming its line, not a guess.
struct CSVTable {
    let header: [String]
    let rows: [[String: String]]

    struct Problem: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "dòng \(line): \(message)" }
    }

    init(text: String) throws(Problem) {
        // Spreadsheets save UTF-8 with a byte-order mark; it is no part of the first column's name.
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: String(scalars), hasHeaderRow: true)
        } catch {
            throw Problem(line: 1, message: "tệp rỗng")
        }
        guard let header = reader.headerRow, header != [""] else { throw Problem(line: 1, message: "tệp rỗng") }
        self.header = header
        // Lines as an editor numbers them: a quoted field that holds line breaks spans several.
        var line = 1 + Self.lineBreaks(in: header) + 1
        var rows: [[String: String]] = []
        while let values = reader.next() {
            let first = line
            line += 1 + Self.lineBreaks(in: values)
            if values == [""] { continue }  // a blank line
            guard values.count == header.count else {
                throw Problem(line: first, message: "có \(values.count) cột, cần \(header.count)")
            }
            rows.append(Dictionary(zip(header, values), uniquingKeysWith: { first, _ in first }))
        }
        self.rows = rows
    }

    private static func lineBreaks(in fields: [String]) -> Int {
        fields.reduce(0) { count, field in count + field.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count }
    }
}
