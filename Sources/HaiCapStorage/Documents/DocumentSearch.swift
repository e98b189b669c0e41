import Foundation
import HaiCapDomain
import SQLKit

/// Search across subject, number, issuing organ and the recognised text of scans, tolerant of what
/// OCR loses. The database's full-text index (FTS5, or a GIN `tsvector`) finds the documents that
/// share at least one folded word with the query, best first; `OCRTolerantMatch` then keeps those in
/// which the phrase really appears, in order, allowing for misread and missing words.
extension DocumentStore {
    /// How many candidates each stage of the index hands to the comparison; a query that finds more
    /// shows the best of them and says so.
    public static let searchCandidates = 300

    public struct SearchHit: Sendable {
        public let document: OfficialDocument
        /// 1: every word of the query, in order.
        public let score: Double
        /// Found in the recognised text of a file, not in the registration fields.
        public let inFileText: Bool
    }

    public struct SearchResult: Sendable {
        public let hits: [SearchHit]
        public let total: Int
        /// The index found more candidates than were compared.
        public let truncated: Bool
    }

    /// Separates the scope words, the registration fields and the files' text in the indexed words.
    static let fileTextMark = " | "

    /// The indexed words of a row, in SQL: first two scope words (the holding agency, the ward), so
    /// that the index itself narrows a query to what the asker may see — at a million documents
    /// the engine must not rank the whole city's matches to keep one ward's — then the fields,
    /// then the recognised text. Both databases build the same string.
    static let indexedWords: SQLQueryString = """
        'ag' || REPLACE(LOWER(agency_id), '.', '') || ' un' || COALESCE(unit_code, '0') || ' | ' || search_text || ' | ' || COALESCE(file_text, '')
        """

    /// PostgreSQL's scoped index (migration 18): the words after the scope words, each prefixed
    /// with the row's own scope word and `x` — its ward's (`un26737xcong`), or its agency's when
    /// it has no ward. Query and index must spell this expression alike for the planner to use it,
    /// so changing it means a new migration that drops the index and builds it again.
    static let scopedTerms = """
        to_tsvector('simple', regexp_replace(regexp_replace(substr(words, strpos(words, ' | ') + 3), '[^a-z0-9]+', ' ', 'g'), \
        '([a-z0-9]+)', (CASE WHEN split_part(words, ' ', 2) = 'un0' THEN split_part(words, ' ', 1) ELSE split_part(words, ' ', 2) END) || 'x\\1', 'g'))
        """

    /// The statement that builds that index: migration 18, and the benchmark's bulk load after it
    /// dropped the index for the load.
    static let createScopedIndex = "CREATE INDEX document_search_scoped ON document_search USING GIN ((\(scopedTerms)))"

    /// The scope words `principal` may search (nil: the whole city), as `indexedWords` writes them.
    static func scopeWords(_ principal: Principal) -> [String]? {
        switch Policy.filter(principal, CaseTable.documents.wholeCity) {
        case .everything: return nil
        case .limited(let agencyId, let unitCode):
            let agency = "ag" + agencyId.lowercased().replacingOccurrences(of: ".", with: "")
            return [agency] + (unitCode.map { ["un" + $0] } ?? [])
        }
    }

    /// Rewrites a document's entry in the index from its row (inside the caller's transaction).
    func reindex(_ id: Int, in session: any SQLDatabase) async throws {
        let words = Self.indexedWords
        switch database.kind {
        case .sqlite:
            try await session.raw("DELETE FROM document_search WHERE rowid = \(bind: id)").run()
            try await session.raw("INSERT INTO document_search (rowid, words) SELECT id, \(words) FROM documents WHERE id = \(bind: id)").run()
        case .postgres:
            try await session.raw(
                """
                INSERT INTO document_search (document_id, words) SELECT id, \(words) FROM documents WHERE id = \(bind: id)
                ON CONFLICT (document_id) DO UPDATE SET words = EXCLUDED.words
                """
            ).run()
        }
    }

    /// The documents `principal` may see in which `text` is found, best first, paged.
    public func search(_ text: String, for principal: Principal, limit: Int = 20, offset: Int = 0) async throws -> SearchResult {
        guard Policy.allows(principal, .handleDocuments) else { throw AccessError.forbidden }
        guard let phrase = OCRTolerantMatch(query: String(text.prefix(300))) else {
            throw ValidationError(field: "q", "Nhập từ cần tìm (chữ hoặc số).")
        }
        let terms = Array(Set(phrase.words.filter { $0.count >= 2 })).sorted()
        guard !terms.isEmpty else { throw ValidationError(field: "q", "Nhập ít nhất một từ có hai ký tự trở lên.") }
        var conditions: [SQLQueryString] = [CaseSQL.scope(principal, in: .documents)]
        if !Policy.seesSecret(principal, namedIn: []) {
            conditions.append(
                "(secrecy = \(bind: DocumentSecrecy.normal.rawValue) OR created_by_id = \(bind: principal.userId) OR lead_id = \(bind: principal.userId))"
            )
        }
        var filter: SQLQueryString = "1 = 1"
        for condition in conditions { filter = "\(filter) AND \(condition)" }
        // Two stages. First the documents holding two neighbouring words of the query, newest
        // first: cheap for the index even when every single word is everywhere, and OCR rarely
        // breaks every pair of a phrase. Only when that finds too little, every document sharing
        // any word, ranked by the engine (bm25, ts_rank).
        let ordered = phrase.words
        var pairs: [(String, String)] = []
        for (first, second) in zip(ordered, ordered.dropFirst()) where first != second && !pairs.contains(where: { $0 == (first, second) }) {
            pairs.append((first, second))
        }
        let scope = Self.scopeWords(principal)
        var hits: [SearchHit] = []
        var seen = Set<Int>()
        var truncated = false
        func verify(_ rows: [any SQLRow], limit: Int = Self.searchCandidates) throws {
            if limit == Self.searchCandidates { truncated = truncated || rows.count > limit }
            for row in rows.prefix(limit) {
                let id = try row.decode(column: "id", as: Int.self)
                guard seen.insert(id).inserted else { continue }
                let indexed = try row.decode(column: "indexed_words", as: String.self)
                guard let score = phrase.score(inFolded: indexed) else { continue }
                // The fields alone: the part between the scope words and the files' text.
                let parts = indexed.components(separatedBy: Self.fileTextMark)
                let fields = parts.count > 1 ? parts[1] : indexed
                hits.append(SearchHit(document: try Self.decode(row), score: score, inFileText: phrase.score(inFolded: fields) == nil))
            }
        }
        // Newest first, the first stage compares 100 candidates at a time until the page is full
        // and one match beyond it is known (so that a next page is offered), up to
        // `searchCandidates`; the ranked stage runs only when the first one ran dry. SQLite walks
        // its index newest first and is asked for 100 at a time; PostgreSQL gathers all of the
        // index's matches for every call, so it is asked once for the whole stage.
        let wanted = max(0, offset) + max(1, limit)
        let chunk = database.kind == .sqlite ? 100 : Self.searchCandidates
        var read = 0
        var below: Int?
        var moreNeighbours = !pairs.isEmpty
        while moreNeighbours, hits.count <= wanted, read < Self.searchCandidates {
            let rows = try await candidates(.pairs(pairs), scope: scope, filter: filter, limit: chunk, below: below)
            let fetched = Array(rows.prefix(chunk))
            var compared = 0
            while compared < fetched.count, hits.count <= wanted {
                let part = Array(fetched[compared..<min(compared + 100, fetched.count)])
                try verify(part, limit: 100)
                compared += part.count
            }
            // Candidates left uncompared count as more, like those the index still holds.
            moreNeighbours = rows.count > chunk || compared < fetched.count
            read += compared
            below = try fetched.prefix(compared).last?.decode(column: "id", as: Int.self)
        }
        truncated = moreNeighbours
        if !moreNeighbours, hits.count <= wanted {
            try verify(try await candidates(.anyWord(terms), scope: scope, filter: filter))
        }
        hits.sort { ($0.score, $0.document.updatedAt, $0.document.id) > ($1.score, $1.document.updatedAt, $1.document.id) }
        let page = Array(hits.dropFirst(max(0, offset)).prefix(max(1, min(100, limit))))
        return SearchResult(hits: page, total: hits.count, truncated: truncated)
    }

    enum Candidates {
        /// Neighbouring words of the query (within two positions on SQLite, in the same document on
        /// PostgreSQL), newest documents first.
        case pairs([(String, String)])
        /// Any word of the query, best ranked first.
        case anyWord([String])
    }

    /// Up to `searchCandidates + 1` rows of documents (with their indexed words) the index offers.
    func candidates(
        _ kind: Candidates, scope: [String]?, filter: SQLQueryString, limit: Int = searchCandidates, below: Int? = nil
    ) async throws -> [any SQLRow] {
        let cap = limit + 1
        var filter = filter
        // The next chunk of a newest-first stage, by the index's own key.
        var belowClause: SQLQueryString = ""
        if let below {
            if database.kind == .sqlite {
                filter = "\(filter) AND s.rowid < \(bind: below)"
            } else {
                belowClause = " AND s.document_id < \(bind: below)"
            }
        }
        switch database.kind {
        case .sqlite:
            var match: String
            switch kind {
            case .pairs(let pairs): match = "(" + pairs.map { "NEAR(\"\($0.0)\" \"\($0.1)\", 2)" }.joined(separator: " OR ") + ")"
            case .anyWord(let terms): match = "(" + terms.map { "\"\($0)\"" }.joined(separator: " OR ") + ")"
            }
            if let scope { match += " AND (" + scope.map { "\"\($0)\"" }.joined(separator: " OR ") + ")" }
            let order: SQLQueryString = if case .pairs = kind { "s.rowid DESC" } else { "s.rank" }
            return try await database.sql.raw(
                """
                SELECT d.*, s.words AS indexed_words FROM document_search s JOIN documents d ON d.id = s.rowid
                WHERE document_search MATCH \(bind: match) AND \(filter) ORDER BY \(order) LIMIT \(literal: cap)
                """
            ).all()
        case .postgres:
            // Both words of a pair, anywhere: GIN answers that without reading each row's positions
            // (the phrase operators made PostgreSQL recheck every candidate, three times slower);
            // the comparison still decides, so the answers are SQLite's.
            func tsquery(_ word: (String) -> String) -> String {
                switch kind {
                case .pairs(let pairs): "(" + pairs.map { "(\(word($0.0)) & \(word($0.1)))" }.joined(separator: " | ") + ")"
                case .anyWord(let terms): "(" + terms.map(word).joined(separator: " | ") + ")"
                }
            }
            let plain = tsquery { $0 }
            // A ward or an agency reads its own scope's index (the ward's word covers its
            // agencies' documents); the whole city reads the plain one.
            let match: SQLQueryString
            if let prefix = scope?.last {
                match = "\(unsafeRaw: Self.scopedTerms) @@ to_tsquery('simple', \(bind: tsquery { prefix + "x" + $0 }))"
            } else {
                match = "s.terms @@ to_tsquery('simple', \(bind: plain))"
            }
            // The index's matches are gathered first, as ids only (MATERIALIZED keeps the planner
            // from walking the primary key backwards and testing every row: ten times slower for
            // a rare phrase), then taken newest or best first, and only those rows are joined and
            // filtered, one by one, until the limit is reached (OFFSET 0 keeps both subqueries
            // from being flattened into a join of the whole ward's documents).
            let rank: SQLQueryString = if case .pairs = kind { "0" } else { "ts_rank(s.terms, to_tsquery('simple', \(bind: plain)))" }
            let order: SQLQueryString = if case .pairs = kind { "m.document_id DESC" } else { "m.rank DESC, m.document_id DESC" }
            let outer: SQLQueryString = if case .pairs = kind { "t.document_id DESC" } else { "t.rank DESC, t.document_id DESC" }
            return try await database.sql.raw(
                """
                WITH m AS MATERIALIZED (
                    SELECT s.document_id, \(rank) AS rank FROM document_search s WHERE \(match)\(belowClause))
                SELECT c.* FROM (SELECT m.document_id, m.rank FROM m ORDER BY \(order) OFFSET 0) t
                CROSS JOIN LATERAL (
                    SELECT d.*, s.words AS indexed_words FROM documents d JOIN document_search s ON s.document_id = d.id
                    WHERE d.id = t.document_id AND \(filter) OFFSET 0) c
                ORDER BY \(outer) LIMIT \(literal: cap)
                """
            ).all()
        }
    }
}
