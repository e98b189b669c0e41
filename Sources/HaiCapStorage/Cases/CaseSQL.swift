import Foundation
import HaiCapDomain
import SQLKit

/// The SQL twins of the case rules, one fragment each, for every queue, indicator and statistic.
public enum CaseSQL {
    /// `CaseDeadline.isOverdue` in SQL: the clock runs and its due instant has passed.
    /// The `(running, due_at)` index of each case table answers it.
    public static func overdue(at now: Date, prefix: String = "") -> SQLQueryString {
        "\(unsafeRaw: prefix)running = 1 AND \(unsafeRaw: prefix)due_at < \(bind: now.millis)"
    }

    /// Running and due within [from, to): the "due today" queues.
    public static func due(from: Date, to: Date) -> SQLQueryString {
        "running = 1 AND due_at >= \(bind: from.millis) AND due_at < \(bind: to.millis)"
    }

    /// `Policy.reaches` in SQL for the rows of `table`.
    public static func scope(_ principal: Principal, in table: CaseTable) -> SQLQueryString {
        switch Policy.filter(principal, table.wholeCity) {
        case .everything:
            return "1 = 1"
        case .limited(let agencyId, let unitCode):
            var parts: [SQLQueryString] = []
            if let column = table.agencyColumn { parts.append("\(unsafeRaw: column) = \(bind: agencyId)") }
            if let unitCode { parts.append("\(unsafeRaw: table.unitColumn) = \(bind: unitCode)") }
            guard !parts.isEmpty else { return "1 = 0" }
            return parts.count == 1 ? parts[0] : "(\(parts.joined(separator: " OR ")))"
        }
    }
}
