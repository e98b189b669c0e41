/// 1022: categories and routing rules (administrators edit both), official unit boundaries,
/// reports with their photos, and Open311 client keys. A report's history is the shared
/// timeline (case type `feedback`); its answer clock is the shared `deadlines` table.
let m008Feedback = Migration(8, "1022 feedback, boundaries, Open311 keys") { kind in
    [
        """
        CREATE TABLE feedback_categories (
            code TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            definition TEXT NOT NULL,
            updated_at {bigint} NOT NULL
        )
        """,
        """
        CREATE TABLE feedback_rules (
            id {id},
            category_code TEXT,
            unit_code TEXT,
            agency_id TEXT NOT NULL REFERENCES agencies(id),
            note TEXT NOT NULL DEFAULT '',
            created_at {bigint} NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX feedback_rules_key ON feedback_rules (COALESCE(category_code, ''), COALESCE(unit_code, ''))",
        """
        CREATE TABLE unit_boundaries (
            unit_code TEXT PRIMARY KEY REFERENCES units(code),
            geojson TEXT NOT NULL,
            source TEXT NOT NULL,
            imported_at {bigint} NOT NULL
        )
        """,
        """
        CREATE TABLE feedback_reports (
            id {id},
            category_code TEXT NOT NULL,
            category_name TEXT NOT NULL,
            description TEXT NOT NULL,
            search TEXT NOT NULL,
            lat {real},
            lon {real},
            address TEXT,
            unit_code TEXT,
            unit_name TEXT,
            agency_id TEXT NOT NULL,
            agency_name TEXT NOT NULL,
            agency_unit_code TEXT,
            assignee_id INTEGER,
            assignee_name TEXT,
            status TEXT NOT NULL,
            is_open INTEGER NOT NULL,
            channel TEXT NOT NULL,
            reporter TEXT NOT NULL,
            attributes TEXT NOT NULL,
            media_url TEXT,
            token TEXT NOT NULL UNIQUE,
            duplicate_of {bigint},
            followers INTEGER NOT NULL DEFAULT 0,
            received_at {bigint} NOT NULL,
            forward_due_at {bigint} NOT NULL,
            forwarded_at {bigint},
            due_at {bigint} NOT NULL,
            answered_at {bigint},
            closed_at {bigint},
            updated_at {bigint} NOT NULL,
            answer TEXT,
            answered_on_time INTEGER,
            rating INTEGER,
            reopen_count INTEGER NOT NULL DEFAULT 0,
            boundary_approximate INTEGER NOT NULL,
            photo_count INTEGER NOT NULL DEFAULT 0,
            open311_key_id {bigint}
        )
        """,
        // Open311 lists: newest first in a period, optionally by category or open/closed.
        "CREATE INDEX feedback_received ON feedback_reports (received_at, id)",
        "CREATE INDEX feedback_category_received ON feedback_reports (category_code, received_at, id)",
        "CREATE INDEX feedback_open_received ON feedback_reports (is_open, received_at, id)",
        "CREATE INDEX feedback_category_open_received ON feedback_reports (category_code, is_open, received_at, id)",
        // Agency queues by due date; ward statistics; nearby open reports of a category.
        "CREATE INDEX feedback_agency_queue ON feedback_reports (agency_id, status, due_at)",
        "CREATE INDEX feedback_unit_agency_queue ON feedback_reports (agency_unit_code, status, due_at)",
        "CREATE INDEX feedback_status_due ON feedback_reports (status, due_at)",
        "CREATE INDEX feedback_status_received ON feedback_reports (status, received_at)",
        "CREATE INDEX feedback_unit_received ON feedback_reports (unit_code, received_at)",
        "CREATE INDEX feedback_nearby ON feedback_reports (category_code, is_open, lat)",
        """
        CREATE TABLE feedback_photos (
            id {id},
            report_id {bigint} NOT NULL REFERENCES feedback_reports(id),
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            data {blob} NOT NULL,
            created_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX feedback_photos_report ON feedback_photos (report_id, id)",
        """
        CREATE TABLE open311_keys (
            id {id},
            name TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            created_at {bigint} NOT NULL,
            created_by TEXT,
            revoked_at {bigint}
        )
        """
    ].map { DDL.expand($0, kind) }
}
