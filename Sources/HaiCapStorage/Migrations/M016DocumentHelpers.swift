import HaiCapDomain
import SQLKit

/// Work given inside the agency on an incoming document (giao việc): who, what, by when, who gave
/// it, and when it was reported done.
let m016DocumentHelpers = Migration(16, "parts of a document's handling given to colleagues") { kind in
    [
        """
        CREATE TABLE document_helpers (
            document_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            user_name TEXT NOT NULL,
            instruction TEXT NOT NULL,
            due_at {bigint},
            assigned_by_name TEXT NOT NULL,
            assigned_at {bigint} NOT NULL,
            done_at {bigint},
            done_note TEXT,
            PRIMARY KEY (document_id, user_id)
        )
        """,
        "CREATE INDEX document_helpers_user ON document_helpers (user_id, done_at)"
    ].map { DDL.expand($0, kind) }
}
