import HaiCapDomain
import SQLKit

/// The earlier versions of a draft's subject and text, kept at each revision.
let m017DocumentVersions = Migration(17, "versions of outgoing drafts") { kind in
    [
        """
        CREATE TABLE document_versions (
            document_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            saved_by_name TEXT NOT NULL,
            saved_at {bigint} NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (document_id, number)
        )
        """
    ].map { DDL.expand($0, kind) }
}
