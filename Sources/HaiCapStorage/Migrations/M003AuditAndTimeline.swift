/// The hash-chained audit log (append-only, enforced by triggers) and the generic case timeline.
let m003AuditAndTimeline = Migration(3, "audit log and timeline") { kind in
    var statements = [
        """
        CREATE TABLE audit_log (
            id {id},
            at {bigint} NOT NULL,
            user_id {bigint},
            username TEXT NOT NULL,
            agency_id TEXT,
            action TEXT NOT NULL,
            target_type TEXT NOT NULL,
            target_id TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """,
        "CREATE INDEX audit_log_at ON audit_log (at)",
        "CREATE INDEX audit_log_user ON audit_log (username)",
        "CREATE INDEX audit_log_agency ON audit_log (agency_id)",
        "CREATE INDEX audit_log_action ON audit_log (action)",
        """
        CREATE TABLE timeline_events (
            id {id},
            case_type TEXT NOT NULL,
            case_id TEXT NOT NULL,
            at {bigint} NOT NULL,
            actor_user_id {bigint},
            actor_name TEXT NOT NULL,
            action TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT,
            note TEXT NOT NULL,
            is_public INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX timeline_case ON timeline_events (case_type, case_id, id)"
    ].map { DDL.expand($0, kind) }
    switch kind {
    case .sqlite:
        statements += [
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        ]
    case .postgres:
        statements += [
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        ]
    }
    return statements
}
