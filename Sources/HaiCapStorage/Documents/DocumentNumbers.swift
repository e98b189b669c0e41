import HaiCapDomain
import SQLKit

/// The number series of NĐ 30 Điều 15: per agency, year and series, from 1, never typed by hand.
/// A number is taken inside the transaction that issues or registers: the counter row's update
/// locks it until the commit, so concurrent issues on any number of servers queue on it, and a
/// failure rolls the number back with everything else (no gap, no repeat).
enum DocumentNumbers {
    static func take(agencyId: String, year: Int, series: DocumentSeries, in session: any SQLDatabase) async throws -> Int {
        try await session.raw(
            """
            INSERT INTO document_counters (agency_id, year, series, last) VALUES (\(bind: agencyId), \(bind: year), \(bind: series.key), 0)
            ON CONFLICT (agency_id, year, series) DO NOTHING
            """
        ).run()
        guard
            let row = try await session.raw(
                """
                UPDATE document_counters SET last = last + 1
                WHERE agency_id = \(bind: agencyId) AND year = \(bind: year) AND series = \(bind: series.key) RETURNING last
                """
            ).first()
        else { preconditionFailure("the counter row was just ensured") }
        return try row.decode(column: "last", as: Int.self)
    }
}
