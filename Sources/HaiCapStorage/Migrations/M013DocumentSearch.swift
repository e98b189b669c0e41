import HaiCapDomain
import SQLKit

/// What OCR read off each scanned file, and the full-text index of documents: their folded
/// registration fields and recognised text, as plain ASCII words so that both databases split
/// them the same way. SQLite keeps it in FTS5 (rowid = document id); PostgreSQL in a `tsvector`
/// of the 'simple' configuration under a GIN index. Candidates come from the index; the
/// OCR-tolerant comparison (`OCRTolerantMatch`) decides.
let m013DocumentSearch = Migration(13, "recognised text of document files, full-text index of documents") { kind in
    let files = [
        // pending / done / failed; NULL for files that are not scans.
        "ALTER TABLE document_files ADD COLUMN text_state TEXT",
        "ALTER TABLE document_files ADD COLUMN text_engine TEXT",
        "ALTER TABLE document_files ADD COLUMN recognised_text TEXT",
        "ALTER TABLE document_files ADD COLUMN text_error TEXT",
        // The folded recognised text of all of a document's files, for the index.
        "ALTER TABLE documents ADD COLUMN file_text TEXT"
    ]
    // As `DocumentStore.indexedWords` writes each row.
    let backfill = "'ag' || REPLACE(LOWER(agency_id), '.', '') || ' un' || COALESCE(unit_code, '0') || ' | ' || search_text || ' | '"
    let index: [String]
    switch kind {
    case .sqlite:
        index = [
            "CREATE VIRTUAL TABLE document_search USING fts5(words, tokenize = 'unicode61 remove_diacritics 2')",
            "INSERT INTO document_search (rowid, words) SELECT id, \(backfill) FROM documents"
        ]
    case .postgres:
        index = [
            """
            CREATE TABLE document_search (
                document_id BIGINT PRIMARY KEY,
                words TEXT NOT NULL,
                terms tsvector GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(words, '[^a-z0-9]+', ' ', 'g'))) STORED
            )
            """,
            "CREATE INDEX document_search_terms ON document_search USING GIN (terms)",
            "INSERT INTO document_search (document_id, words) SELECT id, \(backfill) FROM documents"
        ]
    }
    return (files + index).map { DDL.expand($0, kind) }
}
