import CSV
import Foundation
import HaiCapDomain
import Hummingbird
import NIOCore

/// The one CSV writer of every download (the dossier queue, the 1022 report list, the 766
/// indicators), on CSV.swift's `CSVWriter`: quotes wherever a field holds a comma, a quote or a
/// line break. `response()` adds what spreadsheets need and people expect of a download.
public struct CSVExport: Sendable {
    public enum LineEnd: Sendable {
        case lf, crlf
    }

    let filename: String
    let header: [String]
    private(set) var rows: [[String]] = []

    /// `filename`: ASCII, as the `Content-Disposition` header carries it.
    init(filename: String, header: [String]) {
        self.filename = filename
        self.header = header
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// UTF-8 with a byte-order mark (without it Excel reads Vietnamese as Windows-1252), CRLF
    /// line ends (Excel's own), every cell defused, offered as a file to save.
    func response() throws -> Response {
        let text = try Self.text(header: header, rows.lazy.map { $0.map(Self.defused) }, lineEnd: .crlf)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(filename)\""
            ],
            body: .init(byteBuffer: ByteBuffer(string: "\u{FEFF}" + text)))
    }

    /// A cell that starts with =, +, -, @, a tab or a carriage return would run as a formula in a
    /// spreadsheet: a leading apostrophe keeps it text.
    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// A header row (if any) and the rows as CSV text, every row ending in `lineEnd`; nothing added
    /// or defused (the oracle files of `haicap calendar` and `haicap bench` are read by Python's csv
    /// module, not a spreadsheet). `rows` may be lazy: a million bench points are never an array of rows.
    public static func text(header: [String]? = nil, _ rows: some Sequence<[String]>, lineEnd: LineEnd = .lf) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, newline: lineEnd == .crlf ? .crlf : .lf)
        var written = false
        if let header {
            try writer.write(row: header)
            written = true
        }
        for row in rows {
            try writer.write(row: row)
            written = true
        }
        guard written else { return "" }
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { throw CSVError.cannotWriteStream }
        // The writer puts a line end between rows, not after the last one.
        return String(decoding: data, as: UTF8.self) + (lineEnd == .crlf ? "\r\n" : "\n")
    }
}

extension CSVExport {
    /// The most rows one download holds; a longer list is refused with a hint to narrow it,
    /// never cut silently.
    static let maxRows = 20_000

    /// Every row of a list (whatever page the screen shows), read page by page through the
    /// list's own query, scope and order.
    static func everything<Item: Sendable>(
        pageSize: Int = 500,
        _ page: (_ offset: Int, _ limit: Int) async throws -> (items: [Item], total: Int)
    ) async throws -> [Item] {
        var items: [Item] = []
        var total = Int.max
        while items.count < total {
            let next = try await page(items.count, pageSize)
            total = next.total
            guard total <= maxRows else {
                throw ValidationError(
                    field: "format",
                    "Danh sách có \(DossierViews.number(total)) dòng, quá \(DossierViews.number(maxRows)) dòng cho một lần tải; hãy lọc theo ngày, phường, xã hoặc trạng thái."
                )
            }
            if next.items.isEmpty { break }
            items += next.items
        }
        return items
    }
}
