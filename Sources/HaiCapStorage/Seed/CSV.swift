/// A small RFC 4180 reader: the reference files quote fields that hold commas.
/// Rows are keyed by the header, and a row with the wrong number of fields is an error, not a guess.
struct CSVTable {
    let header: [String]
    let rows: [[String: String]]

    struct Problem: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "dòng \(line): \(message)" }
    }

    init(text: String) throws {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case ",": record.append(field); field = ""
            case "\n", "\r\n", "\r":
                record.append(field); field = ""
                records.append(record); record = []
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        guard let header = records.first else { throw Problem(line: 1, message: "tệp rỗng") }
        self.header = header
        var rows: [[String: String]] = []
        for (index, values) in records.dropFirst().enumerated() where !(values.count == 1 && values[0].isEmpty) {
            guard values.count == header.count else {
                throw Problem(line: index + 2, message: "có \(values.count) cột, cần \(header.count)")
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, values)))
        }
        self.rows = rows
    }
}
