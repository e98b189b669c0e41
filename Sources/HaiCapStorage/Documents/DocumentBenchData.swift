import Foundation
import HaiCapDomain
import SQLKit

/// Many incoming documents written straight into the tables (no timeline, no clocks), each with
/// the kind of text OCR leaves: an 80-word run of a real report with marks lost and letters
/// misread, for benchmarks of search at city scale. Deterministic for a seed.
public struct DocumentBenchData: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let subjects = [
        "Về việc rà soát hộ nghèo, hộ cận nghèo", "Về việc tuyển dụng công chức cấp xã", "Về việc kiểm kê đất công",
        "Về việc báo cáo tình hình kinh tế - xã hội", "Về việc phòng, chống sốt xuất huyết", "Về việc chỉnh trang đô thị",
        "Về việc triển khai Đề án 06", "Về việc bảo đảm an toàn giao thông", "Về việc số hóa hồ sơ thủ tục hành chính",
        "Về việc tổ chức Tết Nguyên đán", "Về việc cấp phép xây dựng", "Về việc thu gom rác thải sinh hoạt"
    ]

    /// What OCR does to a word now and then: a letter read as a neighbour on the page.
    static func misread(_ word: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        guard word.count >= 3 else { return word }
        var out = word
        let swaps: [UInt8] = Array("aeiouyndcthl1".utf8)
        out[Int(random.next() % UInt64(word.count))] = swaps[Int(random.next() % UInt64(swaps.count))]
        return out
    }

    /// Writes `count` documents spread over `agencies`; `corpus` is the clean text runs are taken from.
    public func insert(count: Int, agencies: [Agency], corpus: String, seed: UInt64 = 102, progress: ((Int) -> Void)? = nil) async throws {
        var random = SeededGenerator(seed: seed)
        let words = OCRTolerantMatch.split(VietnameseText.fold(corpus))
        guard words.count > 100, !agencies.isEmpty else { throw ValidationError(field: "corpus", "Cần văn bản mẫu và cơ quan.") }
        let first =
            try await database.sql.raw("SELECT COALESCE(MAX(id), 0) AS n FROM documents").first()!.decode(column: "n", as: Int.self)
        // Arrival numbers go on from the agencies' own series (the demo's documents hold some).
        var arrival: [String: Int] = [:]
        for row in try await database.sql.raw(
            "SELECT agency_id, last FROM document_counters WHERE year = 2026 AND series = \(bind: DocumentSeries.incoming.key)"
        ).all() {
            arrival[try row.decode(column: "agency_id", as: String.self)] = try row.decode(column: "last", as: Int.self)
        }
        let columns = [
            "direction", "agency_id", "agency_name", "unit_code", "status", "open", "type", "subject", "code_number", "code_notation",
            "year", "issued_day", "from_organ_name", "urgency", "secrecy", "arrival_number", "arrival_at", "channel", "search_text",
            "file_text", "created_at", "updated_at"
        ]
        let start = VietnamTime.date(2026, 1, 5, 8, 0)
        var written = 0
        while written < count {
            let batch = min(500, count - written)
            var rows: [[SQLBind]] = []
            for index in 0..<batch {
                let agency = agencies[Int(random.next() % UInt64(agencies.count))]
                let number = (arrival[agency.id] ?? 0) + 1
                arrival[agency.id] = number
                let subject = Self.subjects[Int(random.next() % UInt64(Self.subjects.count))] + " (số \(written + index + 1))"
                let open = random.next() % 10 == 0
                let at = start.addingTimeInterval(Double(random.next() % (320 * 86_400)))
                let from = Int(random.next() % UInt64(words.count - 80))
                var text: [String] = []
                for word in words[from..<(from + 80)] {
                    let roll = random.next() % 100
                    if roll < 4 { continue }  // lost
                    text.append(String(decoding: roll < 22 ? Self.misread(word, &random) : word, as: UTF8.self))
                }
                let code = String(10 + random.next() % 9000)
                let fields = VietnameseText.fold("\(subject) \(code)/UBND-VP Sở Nội vụ \(DocumentType.congVan.label)")
                rows.append([
                    SQLBind(DocumentDirection.incoming.rawValue), SQLBind(agency.id), SQLBind(agency.name), SQLBind(agency.unitCode),
                    SQLBind(open ? DocumentStatus.inProgress.rawValue : DocumentStatus.done.rawValue), SQLBind(open ? 1 : 0),
                    SQLBind(DocumentType.congVan.rawValue), SQLBind(subject), SQLBind(code), SQLBind("UBND-VP"), SQLBind(2026),
                    SQLBind(VietnamTime.localDate(of: at).daysSinceEpoch - 2), SQLBind("Sở Nội vụ"),
                    SQLBind(DocumentUrgency.normal.rawValue), SQLBind(DocumentSecrecy.normal.rawValue), SQLBind(number), SQLBind(at.millis),
                    SQLBind(DocumentChannel.paper.rawValue), SQLBind(fields), SQLBind(text.joined(separator: " ")), SQLBind(at.millis),
                    SQLBind(at.millis)
                ])
            }
            let batchRows = rows
            try await database.transaction { session in
                let insert = session.insert(into: "documents").columns(columns)
                for row in batchRows { insert.values(row) }
                try await insert.run()
            }
            written += batch
            if written % 100_000 == 0 { progress?(written) }
        }
        for (agency, last) in arrival {
            try await database.sql.raw(
                """
                INSERT INTO document_counters (agency_id, year, series, last) VALUES (\(bind: agency), 2026, \(bind: DocumentSeries.incoming.key), \(bind: last))
                ON CONFLICT (agency_id, year, series) DO UPDATE SET last = EXCLUDED.last
                """
            ).run()
        }
        // The index is filled once at the end (PostgreSQL: without its GIN index, rebuilt after).
        let indexed = DocumentStore.indexedWords
        switch database.kind {
        case .sqlite:
            try await database.sql.raw(
                "INSERT INTO document_search (rowid, words) SELECT id, \(indexed) FROM documents WHERE id > \(bind: first)"
            ).run()
        case .postgres:
            try await database.sql.raw("DROP INDEX IF EXISTS document_search_terms").run()
            try await database.sql.raw("DROP INDEX IF EXISTS document_search_scoped").run()
            try await database.sql.raw(
                "INSERT INTO document_search (document_id, words) SELECT id, \(indexed) FROM documents WHERE id > \(bind: first)"
            ).run()
            try await database.sql.raw("CREATE INDEX document_search_terms ON document_search USING GIN (terms)").run()
            try await database.sql.raw("\(unsafeRaw: DocumentStore.createScopedIndex)").run()
        }
    }
}
