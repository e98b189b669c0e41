import HaiCapDomain
import SQLKit

/// Hardening (issue 10):
/// - `rate_limits`: fixed-window counters shared by every instance (anonymous intake, 1022
///   reports and follows, dossier lookups);
/// - `dossier_code_sequences`: the day's dossier numbers per agency *and series*, so anonymous
///   online submissions never use up the desk's numbers (docs/dossier-codes.md);
/// - `audit_head`: the chain's stored head (entry count and last hash), which `audit verify`
///   compares, so removing the newest entries or emptying the table is detected; TRUNCATE is
///   refused on PostgreSQL like UPDATE and DELETE;
/// - 1022 reporter codes kept as SHA-256 digests (`token_hash`), like API tokens and sessions;
/// - API tokens may expire (`expires_at`);
/// - `one_view_notes`: what a page shows once after a redirect, sealed (`OneViewNotes`).
let m009Hardening = Migration(
    9, "hardening: rate limits, code series, audit head, digests, token expiry",
    rows: { session in
        let rows = try await session.raw("SELECT id, token_hash FROM feedback_reports").all()
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            let token = try row.decode(column: "token_hash", as: String.self)
            try await session.raw("UPDATE feedback_reports SET token_hash = \(bind: SecretDigest.of(token)) WHERE id = \(bind: id)").run()
        }
    }
) { kind in
    var statements = [
        """
        CREATE TABLE rate_limits (
            bucket TEXT NOT NULL,
            window_start {bigint} NOT NULL,
            hits INTEGER NOT NULL,
            expires_at {bigint} NOT NULL,
            PRIMARY KEY (bucket, window_start)
        )
        """,
        "CREATE INDEX rate_limits_expiry ON rate_limits (expires_at)",
        """
        CREATE TABLE dossier_code_sequences (
            agency_id TEXT NOT NULL,
            day TEXT NOT NULL,
            series TEXT NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (agency_id, day, series)
        )
        """,
        "INSERT INTO dossier_code_sequences (agency_id, day, series, last) SELECT agency_id, day, 'desk', last FROM dossier_sequences",
        "DROP TABLE dossier_sequences",
        """
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            entries {bigint} NOT NULL,
            hash TEXT NOT NULL
        )
        """,
        """
        INSERT INTO audit_head (id, entries, hash)
        SELECT 1, (SELECT COUNT(*) FROM audit_log),
               COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '\(AuditEntry.genesisHash)')
        """,
        "ALTER TABLE feedback_reports RENAME COLUMN token TO token_hash",
        "ALTER TABLE api_tokens ADD COLUMN expires_at {bigint}",
        """
        CREATE TABLE one_view_notes (
            id_hash TEXT PRIMARY KEY,
            sealed TEXT NOT NULL,
            expires_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX one_view_notes_expiry ON one_view_notes (expires_at)"
    ].map { DDL.expand($0, kind) }
    switch kind {
    case .sqlite:
        statements += [
            "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head BEGIN SELECT RAISE(ABORT, 'audit_head is kept'); END"
        ]
    case .postgres:
        statements += [
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
            "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            "CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        ]
    }
    return statements
}
