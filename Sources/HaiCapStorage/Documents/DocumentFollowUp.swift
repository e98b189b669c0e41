import Foundation
import HaiCapDomain
import SQLKit

/// The follow-up of incoming documents (NĐ 30 Điều 24: theo dõi, đôn đốc): per agency in the
/// asker's reach and per lead official, what waits for direction, what is being handled, what is
/// overdue now, and how the year's completed documents kept their deadlines.
public struct DocumentFollowUp: Sendable {
    public struct Row: Sendable, Equatable {
        public let key: String
        public let name: String
        public let waiting: Int
        public let handling: Int
        public let overdue: Int
        public let dueToday: Int
        public let done: Int
        public let doneLate: Int

        /// Share of the year's completed documents finished by their deadline (nil: none completed).
        public var onTimeRate: Double? { done == 0 ? nil : Double(done - doneLate) / Double(done) * 100 }
    }

    public let year: Int
    /// Agencies, most overdue first.
    public let agencies: [Row]
    /// Lead officials with open documents, most overdue first.
    public let leads: [Row]
}

extension DocumentStore {
    public func followUp(year: Int, for principal: Principal, now: Date) async throws -> DocumentFollowUp {
        guard Policy.allows(principal, .handleDocuments) else { throw AccessError.forbidden }
        let today = VietnamTime.localDate(of: now)
        let dayStart = VietnamTime.date(today, minutes: 0)
        let dayEnd = VietnamTime.date(today.adding(days: 1), minutes: 0)
        let scope = CaseSQL.scope(principal, in: .documents)
        // A document finished after its deadline: completed (the clock stopped) later than due.
        let sums: SQLQueryString = """
            SUM(CASE WHEN status = \(bind: DocumentStatus.registered.rawValue) THEN 1 ELSE 0 END) AS waiting,
            SUM(CASE WHEN status IN (\(bind: DocumentStatus.assigned.rawValue), \(bind: DocumentStatus.inProgress.rawValue)) THEN 1 ELSE 0 END) AS handling,
            SUM(CASE WHEN \(CaseSQL.overdue(at: now)) THEN 1 ELSE 0 END) AS overdue,
            SUM(CASE WHEN \(CaseSQL.due(from: dayStart, to: dayEnd)) THEN 1 ELSE 0 END) AS due_today,
            SUM(CASE WHEN status = \(bind: DocumentStatus.done.rawValue) AND year = \(bind: year) THEN 1 ELSE 0 END) AS done,
            SUM(CASE WHEN status = \(bind: DocumentStatus.done.rawValue) AND year = \(bind: year) AND due_at IS NOT NULL
                     AND updated_at > due_at THEN 1 ELSE 0 END) AS done_late
            """
        let incoming: SQLQueryString = "direction = \(bind: DocumentDirection.incoming.rawValue) AND (open = 1 OR year = \(bind: year))"
        func rows(_ key: String, _ name: String, _ extra: String) async throws -> [DocumentFollowUp.Row] {
            try await database.sql.raw(
                """
                SELECT \(unsafeRaw: key) AS k, MAX(\(unsafeRaw: name)) AS n, \(sums) FROM documents
                WHERE \(incoming) AND \(scope)\(unsafeRaw: extra) GROUP BY \(unsafeRaw: key)
                """
            ).all().map { row in
                func count(_ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }
                return DocumentFollowUp.Row(
                    key: try row.decode(column: "k", as: String.self), name: try row.decode(column: "n", as: String?.self) ?? "",
                    waiting: try count("waiting"), handling: try count("handling"), overdue: try count("overdue"), dueToday: try count("due_today"),
                    done: try count("done"), doneLate: try count("done_late"))
            }
            .sorted { ($1.overdue, VietnameseText.sortKey($0.name)) < ($0.overdue, VietnameseText.sortKey($1.name)) }
        }
        let agencies = try await rows("agency_id", "agency_name", "")
        let leads = try await rows("CAST(lead_id AS TEXT)", "lead_name", " AND lead_id IS NOT NULL AND open = 1")
        return DocumentFollowUp(year: year, agencies: agencies, leads: leads)
    }
}
