import Foundation
import HaiCapDomain
import SQLKit

/// Generates many dossiers straight into the tables, for the indicator benchmark: a year of the
/// whole city spread over the 168 wards and the catalogue, in realistic proportions of channel,
/// state, lateness and rating. The counters are then rebuilt from them (`DossierCounters`).
public struct DossierBenchData: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Returned: everything older than 20 days but the 1% withdrawn, and 95% of the recent ones.
    static let done = "(n % 100 < 95 OR (n % 365 >= 20 AND n % 100 < 99))"

    static let details =
        #"{"applicant":{"address":"","email":"","idNumber":"079000000000","name":"Người nộp","phone":"0900000000"},"components":[],"copies":1,"missingItems":[],"summary":"","supplements":[]}"#

    /// Inserts `count` dossiers received on the 365 days ending `lastDay`, in batches of `batch`.
    public func generate(
        count: Int, lastDay: LocalDate, procedures: [Procedure], batch: Int = 1_000_000,
        progress: (Int) -> Void = { _ in }
    ) async throws {
        let sql = database.sql
        for statement in [
            "DROP TABLE IF EXISTS bench_days", "DROP TABLE IF EXISTS bench_units", "DROP TABLE IF EXISTS bench_procs",
            "CREATE TABLE bench_days (i INTEGER PRIMARY KEY, day INTEGER NOT NULL, ms \(database.kind == .postgres ? "BIGINT" : "INTEGER") NOT NULL)",
            "CREATE TABLE bench_units (i INTEGER PRIMARY KEY, unit TEXT NOT NULL, centre TEXT NOT NULL, committee TEXT NOT NULL)",
            "CREATE TABLE bench_procs (i INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, eligible INTEGER NOT NULL)"
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
        for offset in 0..<365 {
            let day = lastDay.adding(days: -offset)
            try await sql.raw(
                "INSERT INTO bench_days VALUES (\(bind: offset), \(bind: DossierStore.day(day)), \(bind: VietnamTime.date(day, minutes: 9 * 60).millis))"
            ).run()
        }
        try await sql.raw(
            """
            INSERT INTO bench_units (i, unit, centre, committee)
            SELECT ROW_NUMBER() OVER (ORDER BY c.unit_code) - 1, c.unit_code, c.id, u.id
            FROM agencies c JOIN agencies u ON u.unit_code = c.unit_code AND u.kind = 'unit-ubnd' WHERE c.kind = 'unit-service-centre'
            """
        ).run()
        for (index, procedure) in procedures.enumerated() {
            try await sql.raw(
                "INSERT INTO bench_procs VALUES (\(bind: index), \(bind: procedure.code), \(bind: procedure.name), \(bind: procedure.fullOnline ? 1 : 0))"
            ).run()
        }
        let units = try await sql.raw("SELECT COUNT(*) AS n FROM bench_units").first()?.decode(column: "n", as: Int.self) ?? 1
        let procs = max(procedures.count, 1)
        var start = 0
        while start < count {
            let end = min(start + batch, count)
            let source =
                database.kind == .postgres
                ? "generate_series(\(start), \(end - 1)) AS s(n)"
                : "seq"
            let prefix =
                database.kind == .postgres
                ? ""
                : "WITH RECURSIVE seq(n) AS (SELECT \(start) UNION ALL SELECT n + 1 FROM seq WHERE n < \(end - 1)) "
            // n decides everything. Dossiers of the last 20 days: 95% returned (1 in 13 late), 3% in review,
            // 1% waiting for the citizen, 1% withdrawn; older ones are all finished (returned, 1% withdrawn).
            let statement = """
                \(prefix)INSERT INTO dossiers (code, day, procedure_code, procedure_version, procedure_name, receiving_agency_id,
                    handling_agency_id, unit_code, channel, status, outcome, applicant_name, id_number, phone, search_text, secret_digest,
                    submitted_at, received_at, due_at, finished_at, returned_at, open, paused, running, apologies, fee, full_online, digitised,
                    electronic_result, rating, details, updated_at)
                SELECT 'B' || n, d.day, p.code, 1, p.name, u.centre, u.committee, u.unit,
                    CASE WHEN n % 10 < 6 THEN 1 WHEN n % 10 < 9 THEN 2 ELSE 3 END,
                    CASE WHEN \(Self.done) THEN 'returned' WHEN n % 100 < 98 THEN 'in-review' WHEN n % 100 < 99 THEN 'supplement-requested' ELSE 'withdrawn' END,
                    CASE WHEN \(Self.done) THEN 'granted' END,
                    'Người nộp', '079000000000', '0900000000', 'b' || n, 'x',
                    d.ms, d.ms, d.ms + 86400000,
                    CASE WHEN \(Self.done) THEN d.ms + CASE WHEN n % 13 = 0 THEN 172800000 ELSE 21600000 END END,
                    CASE WHEN \(Self.done) THEN d.ms + CASE WHEN n % 13 = 0 THEN 176400000 ELSE 25200000 END END,
                    CASE WHEN NOT (\(Self.done)) AND n % 100 < 99 THEN 1 ELSE 0 END,
                    CASE WHEN NOT (\(Self.done)) AND n % 100 = 98 THEN 1 ELSE 0 END,
                    CASE WHEN NOT (\(Self.done)) AND n % 100 < 98 THEN 1 ELSE 0 END, 0, 0,
                    CASE WHEN n % 10 >= 6 AND n % 10 < 9 AND p.eligible = 1 THEN 1 ELSE 0 END,
                    CASE WHEN n % 4 <> 0 THEN 1 ELSE 0 END,
                    CASE WHEN n % 3 = 0 THEN 1 ELSE 0 END,
                    CASE WHEN \(Self.done) AND n % 5 <> 0 THEN 1 + n % 3 END,
                    '\(Self.details)', d.ms
                FROM \(source)
                JOIN bench_days d ON d.i = n % 365
                JOIN bench_units u ON u.i = (n / 365) % \(units)
                JOIN bench_procs p ON p.i = (n / 7) % \(procs)
                """
            try await sql.raw(SQLQueryString(statement)).run()
            start = end
            progress(start)
        }
        for table in ["bench_days", "bench_units", "bench_procs"] { try await sql.raw(SQLQueryString("DROP TABLE \(table)")).run() }
        try await sql.raw("ANALYZE").run()
    }
}
