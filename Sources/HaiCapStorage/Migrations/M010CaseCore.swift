import HaiCapDomain
import SQLKit

/// The case core (issue 11):
/// - every case table keeps `running` (its clock counts) beside `due_at`, so one overdue rule
///   (`CaseSQL.overdue`) and one index serve every queue, indicator and statistic;
/// - one name per idea: 1022 reports' `is_open` and `search` become `open` and `search_text`,
///   as in dossiers;
/// - `outbox_messages`: one outbox for every kind and destination (the national portal first),
///   ordered per case, claimed by any number of instances; the portal's own outbox is copied in;
/// - `deadline_alerts`: a reminder or escalation sent once per case, event and due instant,
///   however many instances watch;
/// - `notifications`: what staff see under the bell.
let m010CaseCore = Migration(10, "case core: running clocks, one outbox, deadline alerts, notifications") { kind in
    let running = DossierStatus.allCases.filter(\.clockRuns).map { "'\($0.rawValue)'" }.joined(separator: ", ")
    return [
        "ALTER TABLE dossiers ADD COLUMN running INTEGER NOT NULL DEFAULT 0",
        "UPDATE dossiers SET running = 1 WHERE status IN (\(running))",
        "CREATE INDEX dossiers_running_due ON dossiers (running, due_at)",
        "ALTER TABLE feedback_reports ADD COLUMN running INTEGER NOT NULL DEFAULT 0",
        "UPDATE feedback_reports SET running = 1 WHERE status IN ('\(ReportStatus.new.rawValue)', '\(ReportStatus.inProgress.rawValue)')",
        "CREATE INDEX feedback_running_due ON feedback_reports (running, due_at)",
        "ALTER TABLE feedback_reports RENAME COLUMN is_open TO open",
        "ALTER TABLE feedback_reports RENAME COLUMN search TO search_text",
        """
        CREATE TABLE outbox_messages (
            id {id},
            topic TEXT NOT NULL,
            destination TEXT NOT NULL,
            case_type TEXT NOT NULL,
            case_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            idempotency_key TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at {bigint} NOT NULL,
            claimed_by TEXT,
            claimed_until {bigint},
            last_error TEXT,
            created_at {bigint} NOT NULL,
            delivered_at {bigint},
            UNIQUE (topic, case_type, case_id, seq),
            UNIQUE (topic, idempotency_key)
        )
        """,
        "CREATE INDEX outbox_due ON outbox_messages (state, next_attempt_at)",
        """
        INSERT INTO outbox_messages (topic, destination, case_type, case_id, seq, idempotency_key, payload, state, attempts,
            next_attempt_at, last_error, created_at, delivered_at)
        SELECT 'portal', 'dvcqg', 'dossier', dossier_code, seq, dossier_code || ':' || seq, payload,
            state, attempts, next_attempt_at, last_error, created_at, delivered_at
        FROM portal_outbox ORDER BY id
        """,
        "DROP TABLE portal_outbox",
        """
        CREATE TABLE deadline_alerts (
            case_type TEXT NOT NULL,
            case_id TEXT NOT NULL,
            event TEXT NOT NULL,
            due_at {bigint} NOT NULL,
            sent_at {bigint} NOT NULL,
            PRIMARY KEY (case_type, case_id, event, due_at)
        )
        """,
        """
        CREATE TABLE notifications (
            id {id},
            message_id {bigint} NOT NULL UNIQUE,
            user_id INTEGER NOT NULL,
            case_type TEXT NOT NULL,
            case_id TEXT NOT NULL,
            event TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at {bigint} NOT NULL,
            read_at {bigint}
        )
        """,
        "CREATE INDEX notifications_user ON notifications (user_id, read_at, id)"
    ].map { DDL.expand($0, kind) }
}
