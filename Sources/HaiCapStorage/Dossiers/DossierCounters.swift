import Foundation
import HaiCapDomain
import SQLKit

/// The per-day counters recomputed from the dossiers themselves: the check that the counters kept
/// by every transition are right (tests compare the two), the repair after a restore, and the
/// baseline of the indicator benchmark (the same figures by scanning every dossier).
public struct DossierCounters: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// The SUM(…) list over `dossiers` that yields the `dossier_stats` columns, given which
    /// procedures are eligible for full-online service.
    static func sums(eligible: [String], aliased: Bool = false) -> String {
        let list = eligible.isEmpty ? "''" : eligible.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")
        let received = "received_at IS NOT NULL"
        let expressions = [
            "COUNT(*)",
            "SUM(CASE WHEN \(received) THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN \(received) AND channel = 1 THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN \(received) AND channel = 2 THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN \(received) AND channel = 3 THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN \(received) AND procedure_code IN (\(list)) THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN \(received) AND full_online = 1 THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN \(received) AND digitised = 1 THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN finished_at IS NOT NULL AND finished_at <= due_at AND apologies = 0 THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN finished_at IS NOT NULL AND (finished_at > due_at OR apologies > 0) THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN returned_at IS NOT NULL THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN returned_at IS NOT NULL AND electronic_result = 1 AND COALESCE(outcome, '') <> 'rejected' THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN returned_at IS NOT NULL AND rating IS NOT NULL THEN 1 ELSE 0 END)",
            "SUM(CASE WHEN returned_at IS NOT NULL AND rating >= 2 THEN 1 ELSE 0 END)"
        ]
        return expressions.enumerated().map { aliased ? "\($0.element) AS c\($0.offset)" : $0.element }.joined(separator: ",\n")
    }

    static let columns =
        "registered, received, direct, online, postal, eligible_online, full_online, digitised, finished_on_time, finished_late, returned, electronic_result, rated, satisfied"

    /// Replaces both counter tables with values recomputed from `dossiers`.
    public func rebuild(eligible: [String]) async throws {
        try await database.transaction { session in
            try await session.raw("DELETE FROM dossier_stats").run()
            try await session.raw("DELETE FROM dossier_status_counts").run()
            try await session.raw(
                """
                INSERT INTO dossier_stats (day, agency_id, unit_code, procedure_code, \(unsafeRaw: Self.columns))
                SELECT day, handling_agency_id, COALESCE(unit_code, ''), procedure_code, \(unsafeRaw: Self.sums(eligible: eligible))
                FROM dossiers GROUP BY day, handling_agency_id, COALESCE(unit_code, ''), procedure_code
                """
            ).run()
            try await session.raw(
                """
                INSERT INTO dossier_status_counts (day, agency_id, unit_code, procedure_code, status, n)
                SELECT day, handling_agency_id, COALESCE(unit_code, ''), procedure_code, status, COUNT(*)
                FROM dossiers GROUP BY day, handling_agency_id, COALESCE(unit_code, ''), procedure_code, status
                """
            ).run()
        }
    }

    /// Every counter row, as text, in a fixed order (for comparing two states).
    public func snapshot() async throws -> [String] {
        let names = ["day"] + Self.columns.components(separatedBy: ", ")
        let stats = try await database.sql.raw(
            """
            SELECT day, agency_id, unit_code, procedure_code, \(unsafeRaw: Self.columns) FROM dossier_stats
            ORDER BY day, agency_id, unit_code, procedure_code
            """
        ).all().map { row in
            let values = try names.map { String(try row.decode(column: $0, as: Int.self)) }.joined(separator: ",")
            return values + "|" + (try row.decode(column: "agency_id", as: String.self)) + "|"
                + (try row.decode(column: "unit_code", as: String.self))
                + "|" + (try row.decode(column: "procedure_code", as: String.self))
        }
        let statuses = try await database.sql.raw(
            """
            SELECT day, agency_id, unit_code, procedure_code, status, n FROM dossier_status_counts WHERE n <> 0
            ORDER BY day, agency_id, unit_code, procedure_code, status
            """
        ).all().map { row in
            "\(try row.decode(column: "day", as: Int.self))|\(try row.decode(column: "agency_id", as: String.self))|\(try row.decode(column: "unit_code", as: String.self))|\(try row.decode(column: "procedure_code", as: String.self))|\(try row.decode(column: "status", as: String.self))=\(try row.decode(column: "n", as: Int.self))"
        }
        return stats + statuses
    }

    /// The received / on-time / returned figures of a period by scanning every dossier: the
    /// benchmark's baseline, and its oracle.
    public func scan(from: LocalDate, to: LocalDate, eligible: [String]) async throws -> [Int] {
        guard
            let row = try await database.sql.raw(
                """
                SELECT \(unsafeRaw: Self.sums(eligible: eligible, aliased: true)) FROM dossiers
                WHERE day >= \(bind: DossierStore.day(from)) AND day <= \(bind: DossierStore.day(to))
                """
            ).first()
        else { return [] }
        return try (0..<14).map { index in try row.decode(column: "c\(index)", as: Int?.self) ?? 0 }
    }
}
