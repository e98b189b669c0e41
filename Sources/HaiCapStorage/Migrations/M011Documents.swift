import HaiCapDomain
import SQLKit

/// Official documents (issue 12): one table for incoming and outgoing documents (a case kind with
/// `running`, `due_at`, `open` like every other), their recipients and what each reported back,
/// and the number series per agency, year and series, taken inside the transaction that issues or
/// registers (so a failure never leaves a gap and two servers never hand out one number twice).
let m011Documents = Migration(11, "official documents: incoming and outgoing, recipients, number series") { kind in
    [
        """
        CREATE TABLE documents (
            id {id},
            direction TEXT NOT NULL,
            agency_id TEXT NOT NULL,
            agency_name TEXT NOT NULL,
            unit_code TEXT,
            status TEXT NOT NULL,
            open INTEGER NOT NULL,
            running INTEGER NOT NULL DEFAULT 0,
            due_at {bigint},
            assignee_id INTEGER,
            type TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT,
            code_number TEXT,
            code_notation TEXT,
            series TEXT,
            number INTEGER,
            year INTEGER NOT NULL,
            issued_day INTEGER,
            from_organ_id TEXT,
            from_organ_name TEXT,
            signer_name TEXT,
            signer_position TEXT,
            urgency TEXT NOT NULL,
            secrecy TEXT NOT NULL,
            pages INTEGER,
            arrival_number INTEGER,
            arrival_at {bigint},
            channel TEXT NOT NULL,
            requested_due_day INTEGER,
            drafting_unit TEXT,
            normative INTEGER NOT NULL DEFAULT 0,
            lead_id INTEGER,
            lead_name TEXT,
            support TEXT,
            instruction TEXT,
            source_id INTEGER,
            reply_to_id INTEGER,
            withdrawn_reason TEXT,
            created_by_id INTEGER,
            created_by_name TEXT,
            search_text TEXT NOT NULL,
            created_at {bigint} NOT NULL,
            updated_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX documents_agency ON documents (agency_id, direction, open, due_at)",
        "CREATE INDEX documents_unit ON documents (unit_code, direction, open)",
        "CREATE INDEX documents_running_due ON documents (running, due_at)",
        "CREATE INDEX documents_assignee ON documents (assignee_id, open)",
        "CREATE INDEX documents_duplicate ON documents (agency_id, code_number, code_notation)",
        "CREATE INDEX documents_source ON documents (source_id)",
        // An arrival number and an issued number are each unique in their agency's series and year.
        "CREATE UNIQUE INDEX documents_arrival ON documents (agency_id, year, arrival_number)",
        "CREATE UNIQUE INDEX documents_number ON documents (agency_id, year, series, number)",
        """
        CREATE TABLE document_recipients (
            document_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            organ_id TEXT,
            organ_name TEXT NOT NULL,
            internal INTEGER NOT NULL,
            incoming_id INTEGER,
            status TEXT,
            status_at {bigint},
            note TEXT,
            PRIMARY KEY (document_id, position)
        )
        """,
        "CREATE INDEX document_recipients_incoming ON document_recipients (incoming_id)",
        """
        CREATE TABLE document_counters (
            agency_id TEXT NOT NULL,
            year INTEGER NOT NULL,
            series TEXT NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (agency_id, year, series)
        )
        """
    ].map { DDL.expand($0, kind) }
}
