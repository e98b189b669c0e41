import Foundation
import HaiCapDomain
import SQLKit

/// The PAKN figures of Quyết định 766 per ward and per category over a period: how many reports
/// came in, how many were answered and how many of those on time, how satisfied reporters were.
public struct FeedbackStats: Sendable {
    public struct Row: Sendable, Codable, Hashable {
        public var key: String
        public var name: String
        public var received = 0
        public var open = 0
        public var overdue = 0
        public var answered = 0
        public var answeredOnTime = 0
        public var rated = 0
        public var satisfied = 0

        /// Share of answers given on time, 0–100; nil before any answer.
        public var onTimeRate: Double? { answered > 0 ? Double(answeredOnTime) * 100 / Double(answered) : nil }
        /// Share of ratings of 4 or 5, 0–100; nil before any rating.
        public var satisfactionRate: Double? { rated > 0 ? Double(satisfied) * 100 / Double(rated) : nil }
    }

    let database: Database

    public init(database: Database) { self.database = database }

    public enum Dimension: String, Sendable { case unit, category }

    /// Rows by unit (reports without a unit under key "") or by category, most reports first.
    public func rows(by dimension: Dimension, from: Date, to: Date, now: Date) async throws -> [Row] {
        let column = dimension == .unit ? "unit_code" : "category_code"
        let nameColumn = dimension == .unit ? "unit_name" : "category_name"
        let rows = try await database.sql.raw(
            """
            SELECT COALESCE(\(unsafeRaw: column), '') AS k, MAX(COALESCE(\(unsafeRaw: nameColumn), '')) AS name, COUNT(*) AS received,
                SUM(open) AS open_count,
                SUM(CASE WHEN \(CaseSQL.overdue(at: now)) THEN 1 ELSE 0 END) AS overdue,
                SUM(CASE WHEN answered_on_time IS NOT NULL THEN 1 ELSE 0 END) AS answered,
                SUM(CASE WHEN answered_on_time = 1 THEN 1 ELSE 0 END) AS on_time,
                SUM(CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END) AS rated,
                SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) AS satisfied
            FROM feedback_reports
            WHERE received_at >= \(bind: from.millis) AND received_at < \(bind: to.millis) AND duplicate_of IS NULL
            GROUP BY COALESCE(\(unsafeRaw: column), '')
            ORDER BY received DESC
            """
        ).all()
        return try rows.map { row in
            func int(_ name: String) throws -> Int { try row.decode(column: name, as: Int?.self) ?? 0 }
            let key = try row.decode(column: "k", as: String.self)
            let name = try row.decode(column: "name", as: String.self)
            return Row(
                key: key, name: name.isEmpty ? (key.isEmpty ? "Ngoài địa bàn / chưa xác định" : key) : name,
                received: try int("received"), open: try int("open_count"), overdue: try int("overdue"),
                answered: try int("answered"), answeredOnTime: try int("on_time"), rated: try int("rated"),
                satisfied: try int("satisfied"))
        }
    }

    /// The whole city over the period, as one row.
    public static func total(_ rows: [Row]) -> Row {
        rows.reduce(into: Row(key: "", name: "Toàn Thành phố")) { total, row in
            total.received += row.received
            total.open += row.open
            total.overdue += row.overdue
            total.answered += row.answered
            total.answeredOnTime += row.answeredOnTime
            total.rated += row.rated
            total.satisfied += row.satisfied
        }
    }
}
