/// The 766 counters keyed by ward as well: a procedure handled by a city department receives
/// dossiers from every ward under one agency, and each ward's figures must stay its own.
/// Primary keys cannot be altered in SQLite, so both tables are rebuilt with their rows.
let m007CountersByUnit = Migration(7, "766 counters keyed by ward as well as agency") { kind in
    let counters =
        "registered, received, direct, online, postal, eligible_online, full_online, digitised, finished_on_time, finished_late, returned, electronic_result, rated, satisfied"
    return [
        """
        CREATE TABLE dossier_stats_by_unit (
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
            PRIMARY KEY (day, agency_id, unit_code, procedure_code)
        )
        """,
        "INSERT INTO dossier_stats_by_unit (day, agency_id, unit_code, procedure_code, \(counters)) SELECT day, agency_id, unit_code, procedure_code, \(counters) FROM dossier_stats",
        "DROP TABLE dossier_stats",
        "ALTER TABLE dossier_stats_by_unit RENAME TO dossier_stats",
        """
        CREATE TABLE dossier_status_counts_by_unit (
            day INTEGER NOT NULL,
            agency_id TEXT NOT NULL,
            unit_code TEXT NOT NULL,
            procedure_code TEXT NOT NULL,
            status TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (day, agency_id, unit_code, procedure_code, status)
        )
        """,
        "INSERT INTO dossier_status_counts_by_unit SELECT day, agency_id, unit_code, procedure_code, status, n FROM dossier_status_counts",
        "DROP TABLE dossier_status_counts",
        "ALTER TABLE dossier_status_counts_by_unit RENAME TO dossier_status_counts"
    ].map { DDL.expand($0, kind) }
}
