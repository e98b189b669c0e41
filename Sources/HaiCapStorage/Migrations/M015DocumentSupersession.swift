import HaiCapDomain
import SQLKit

/// Updates and replacements (edXML `BusinessDocType` 2 and 3): which earlier document a document
/// updates or replaces and why, and, on the earlier one, which document superseded it.
let m015DocumentSupersession = Migration(15, "documents that update or replace earlier ones") { kind in
    [
        "ALTER TABLE documents ADD COLUMN supersedes_id INTEGER",
        "ALTER TABLE documents ADD COLUMN supersession TEXT",
        "ALTER TABLE documents ADD COLUMN supersede_reason TEXT",
        "ALTER TABLE documents ADD COLUMN successor_id INTEGER",
        "CREATE INDEX documents_supersedes ON documents (supersedes_id)"
    ].map { DDL.expand($0, kind) }
}
