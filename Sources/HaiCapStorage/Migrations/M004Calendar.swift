/// The working-time calendar's data: one government announcement per year (edited by
/// administrators), office hours per agency, and every case's deadline kept as facts.
let m004Calendar = Migration(4, "calendar: announcements, agency hours, deadlines") { kind in
    [
        """
        CREATE TABLE calendar_announcements (
            year INTEGER PRIMARY KEY,
            body TEXT NOT NULL,
            updated_at {bigint} NOT NULL,
            updated_by TEXT NOT NULL
        )
        """,
        "ALTER TABLE agencies ADD COLUMN working_hours TEXT",
        """
        CREATE TABLE deadlines (
            id {id},
            case_type TEXT NOT NULL,
            case_id TEXT NOT NULL,
            agency_id TEXT,
            facts TEXT NOT NULL,
            due_at {bigint} NOT NULL,
            closed INTEGER NOT NULL DEFAULT 0,
            UNIQUE (case_type, case_id)
        )
        """,
        "CREATE INDEX deadlines_open_due ON deadlines (closed, due_at)"
    ].map { DDL.expand($0, kind) }
}
