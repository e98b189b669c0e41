/// The one-stop system: the procedure catalogue (versioned), dossiers with their components,
/// files and hand-over records, the per-agency daily code sequence, the national-portal outbox,
/// and counters per day × agency × procedure that keep the 766 indicators fast at any size.
let m005Dossiers = Migration(5, "one-stop dossiers, catalogue, portal outbox, indicator counters") { kind in
    [
        """
        CREATE TABLE procedures (
            id {id},
            code TEXT NOT NULL,
            version INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            name TEXT NOT NULL,
            name_folded TEXT NOT NULL,
            field_name TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at {bigint} NOT NULL,
            created_by TEXT NOT NULL,
            UNIQUE (code, version)
        )
        """,
        """
        CREATE TABLE dossier_sequences (
            agency_id TEXT NOT NULL,
            day TEXT NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (agency_id, day)
        )
        """,
        """
        CREATE TABLE dossiers (
            code TEXT PRIMARY KEY,
            day INTEGER NOT NULL,
            procedure_code TEXT NOT NULL,
            procedure_version INTEGER NOT NULL,
            procedure_name TEXT NOT NULL,
            receiving_agency_id TEXT NOT NULL,
            handling_agency_id TEXT NOT NULL,
            unit_code TEXT,
            channel INTEGER NOT NULL,
            status TEXT NOT NULL,
            resume_status TEXT,
            outcome TEXT,
            applicant_name TEXT NOT NULL,
            id_number TEXT NOT NULL,
            phone TEXT NOT NULL,
            search_text TEXT NOT NULL,
            secret_digest TEXT NOT NULL,
            submitted_at {bigint} NOT NULL,
            received_at {bigint},
            due_at {bigint},
            finished_at {bigint},
            returned_at {bigint},
            open INTEGER NOT NULL,
            paused INTEGER NOT NULL DEFAULT 0,
            assignee_id {bigint},
            assignee_name TEXT,
            apologies INTEGER NOT NULL DEFAULT 0,
            fee {bigint} NOT NULL DEFAULT 0,
            full_online INTEGER NOT NULL DEFAULT 0,
            digitised INTEGER NOT NULL DEFAULT 0,
            electronic_result INTEGER NOT NULL DEFAULT 0,
            rating INTEGER,
            details TEXT NOT NULL,
            updated_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX dossiers_unit_status ON dossiers (unit_code, status, due_at)",
        "CREATE INDEX dossiers_handling_status ON dossiers (handling_agency_id, status, due_at)",
        "CREATE INDEX dossiers_open_due ON dossiers (open, due_at)",
        "CREATE INDEX dossiers_open_day ON dossiers (open, day)",
        "CREATE INDEX dossiers_id_number ON dossiers (id_number)",
        "CREATE INDEX dossiers_assignee ON dossiers (assignee_id, open)",
        """
        CREATE TABLE dossier_files (
            id {id},
            dossier_code TEXT NOT NULL,
            kind TEXT NOT NULL,
            component_code TEXT,
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            data {blob} NOT NULL,
            created_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX dossier_files_dossier ON dossier_files (dossier_code)",
        """
        CREATE TABLE dossier_handovers (
            id {id},
            dossier_code TEXT NOT NULL,
            step TEXT NOT NULL,
            from_name TEXT NOT NULL,
            to_name TEXT NOT NULL,
            to_agency_id TEXT,
            at {bigint} NOT NULL,
            step_due {bigint},
            finished_at {bigint},
            note TEXT NOT NULL
        )
        """,
        "CREATE INDEX dossier_handovers_dossier ON dossier_handovers (dossier_code, id)",
        """
        CREATE TABLE portal_outbox (
            id {id},
            dossier_code TEXT NOT NULL,
            seq INTEGER NOT NULL,
            portal_status INTEGER NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at {bigint} NOT NULL,
            last_error TEXT,
            created_at {bigint} NOT NULL,
            delivered_at {bigint},
            UNIQUE (dossier_code, seq)
        )
        """,
        "CREATE INDEX portal_outbox_pending ON portal_outbox (state, next_attempt_at)",
        """
        CREATE TABLE dossier_stats (
            day INTEGER NOT NULL,
            agency_id TEXT NOT NULL,
            unit_code TEXT NOT NULL,
            procedure_code TEXT NOT NULL,
            registered INTEGER NOT NULL DEFAULT 0,
            received INTEGER NOT NULL DEFAULT 0,
            direct INTEGER NOT NULL DEFAULT 0,
            online INTEGER NOT NULL DEFAULT 0,
            postal INTEGER NOT NULL DEFAULT 0,
            eligible_online INTEGER NOT NULL DEFAULT 0,
            full_online INTEGER NOT NULL DEFAULT 0,
            digitised INTEGER NOT NULL DEFAULT 0,
            finished_on_time INTEGER NOT NULL DEFAULT 0,
            finished_late INTEGER NOT NULL DEFAULT 0,
            returned INTEGER NOT NULL DEFAULT 0,
            electronic_result INTEGER NOT NULL DEFAULT 0,
            rated INTEGER NOT NULL DEFAULT 0,
            satisfied INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, agency_id, procedure_code)
        )
        """,
        """
        CREATE TABLE dossier_status_counts (
            day INTEGER NOT NULL,
            agency_id TEXT NOT NULL,
            unit_code TEXT NOT NULL,
            procedure_code TEXT NOT NULL,
            status TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (day, agency_id, procedure_code, status)
        )
        """
    ].map { DDL.expand($0, kind) }
}
