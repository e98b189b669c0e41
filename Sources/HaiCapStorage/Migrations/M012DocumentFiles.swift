import HaiCapDomain
import SQLKit

/// Files of official documents (edXML attachments, scans), and the exchange identity of a document
/// (edXML `DocumentId`: organ, date, number and notation), by which a document received twice is
/// recognised whatever its subject says.
let m012DocumentFiles = Migration(12, "document files and exchange identity") { kind in
    [
        "ALTER TABLE documents ADD COLUMN exchange_id TEXT",
        "CREATE INDEX documents_exchange ON documents (agency_id, exchange_id)",
        """
        CREATE TABLE document_files (
            id {id},
            document_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            description TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            data {blob} NOT NULL,
            created_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX document_files_document ON document_files (document_id, id)"
    ].map { DDL.expand($0, kind) }
}
