import Foundation
import HaiCapDomain
import SQLKit

/// The Quyết định 766 figures for any scope (city, ward, agency, procedure) and period, read
/// from the per-day counters plus the open dossiers (whose "within time" depends on now).
public struct DossierIndicators: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Scope: Sendable, Equatable {
        public var unitCode: String?
        public var agencyId: String?
        public var procedureCode: String?
        public init(unitCode: String? = nil, agencyId: String? = nil, procedureCode: String? = nil) {
            self.unitCode = unitCode
            self.agencyId = agencyId
            self.procedureCode = procedureCode
        }
    }

    public struct Figures: Sendable, Codable, Equatable {
        public var registered = 0
        public var received = 0
        public var direct = 0
        public var online = 0
        public var postal = 0
        public var eligibleOnline = 0
        public var fullOnline = 0
        public var digitised = 0
        public var finishedOnTime = 0
        public var finishedLate = 0
        public var inProgressOnTime = 0
        public var inProgressOverdue = 0
        public var returned = 0
        public var electronicResult = 0
        public var rated = 0
        public var satisfied = 0
        public var byStatus: [String: Int] = [:]

        public init() {}

        static func rate(_ part: Int, _ whole: Int) -> Double? {
            whole == 0 ? nil : (Double(part) * 1000 / Double(whole)).rounded() / 10
        }
        /// (finished early or on time + in progress within time) / received.
        public var onTimeRate: Double? { Self.rate(finishedOnTime + inProgressOnTime, received) }
        public var onlineRate: Double? { Self.rate(online, received) }
        public var fullOnlineRate: Double? { Self.rate(fullOnline, eligibleOnline) }
        public var digitisationRate: Double? { Self.rate(digitised, received) }
        public var electronicResultRate: Double? { Self.rate(electronicResult, returned) }
        public var satisfactionRate: Double? { Self.rate(satisfied, rated) }
    }

    static let counterColumns = StatCounter.allCases.map(\.rawValue)

    func conditions(_ scope: Scope, from: LocalDate, to: LocalDate) -> SQLQueryString {
        var text = SQLQueryString("day >= \(bind: DossierStore.day(from)) AND day <= \(bind: DossierStore.day(to))")
        if let unit = scope.unitCode { text.appendInterpolation(unsafeRaw: " AND unit_code = "); text.appendInterpolation(bind: unit) }
        if let agency = scope.agencyId { text.appendInterpolation(unsafeRaw: " AND agency_id = "); text.appendInterpolation(bind: agency) }
        if let procedure = scope.procedureCode {
            text.appendInterpolation(unsafeRaw: " AND procedure_code = "); text.appendInterpolation(bind: procedure)
        }
        return text
    }

    public func figures(_ scope: Scope, from: LocalDate, to: LocalDate, now: Date) async throws -> Figures {
        let sql = database.sql
        let sums = Self.counterColumns.map { "COALESCE(SUM(\($0)), 0) AS \($0)" }.joined(separator: ", ")
        var figures = Figures()
        if let row = try await sql.raw("SELECT \(unsafeRaw: sums) FROM dossier_stats WHERE \(conditions(scope, from: from, to: to))").first() {
            func value(_ counter: StatCounter) throws -> Int { try row.decode(column: counter.rawValue, as: Int.self) }
            figures.registered = try value(.registered)
            figures.received = try value(.received)
            figures.direct = try value(.direct)
            figures.online = try value(.online)
            figures.postal = try value(.postal)
            figures.eligibleOnline = try value(.eligibleOnline)
            figures.fullOnline = try value(.fullOnline)
            figures.digitised = try value(.digitised)
            figures.finishedOnTime = try value(.finishedOnTime)
            figures.finishedLate = try value(.finishedLate)
            figures.returned = try value(.returned)
            figures.electronicResult = try value(.electronicResult)
            figures.rated = try value(.rated)
            figures.satisfied = try value(.satisfied)
        }
        for row in try await sql.raw(
            """
            SELECT status, SUM(n) AS n FROM dossier_status_counts WHERE \(conditions(scope, from: from, to: to)) GROUP BY status
            """
        ).all() {
            let n = try row.decode(column: "n", as: Int.self)
            if n != 0 { figures.byStatus[try row.decode(column: "status", as: String.self)] = n }
        }
        // In progress within time = every dossier in progress (from the status counters) minus those
        // overdue (the one rule, which the (running, due_at) index answers without touching the rest).
        let inProgress = DossierStatus.allCases.filter(\.isInProgress).reduce(0) { $0 + (figures.byStatus[$1.rawValue] ?? 0) }
        // Late: past due and not paused, or already apologised for (Mẫu 04 means the appointment was missed).
        // `open = 1` first so that the (open, day) index narrows the rows before the OR is tested; without it
        // the OR makes both databases scan every dossier (0,016 → 0,031 s at 20.000 dossiers).
        var late = SQLQueryString(
            "open = 1 AND status IN (\(unsafeRaw: Self.inProgress)) AND (\(CaseSQL.overdue(at: now)) OR apologies > 0)")
        late.appendInterpolation(unsafeRaw: " AND day >= ")
        late.appendInterpolation(bind: DossierStore.day(from))
        late.appendInterpolation(unsafeRaw: " AND day <= ")
        late.appendInterpolation(bind: DossierStore.day(to))
        if let unit = scope.unitCode { late.appendInterpolation(unsafeRaw: " AND unit_code = "); late.appendInterpolation(bind: unit) }
        if let agency = scope.agencyId { late.appendInterpolation(unsafeRaw: " AND handling_agency_id = "); late.appendInterpolation(bind: agency) }
        if let procedure = scope.procedureCode {
            late.appendInterpolation(unsafeRaw: " AND procedure_code = "); late.appendInterpolation(bind: procedure)
        }
        figures.inProgressOverdue =
            try await sql.raw("SELECT COUNT(*) AS n FROM dossiers WHERE \(late)").first()?.decode(column: "n", as: Int.self) ?? 0
        figures.inProgressOnTime = max(inProgress - figures.inProgressOverdue, 0)
        return figures
    }

    static let inProgress = DossierStatus.allCases.filter(\.isInProgress).map { "'\($0.rawValue)'" }.joined(separator: ", ")

    public struct Row: Sendable, Codable, Equatable {
        public var key: String
        public var received: Int
        public var onTime: Int
        public var online: Int
        public var digitised: Int
        public var rated: Int
        public var satisfied: Int
        /// Finished on time over finished (the ranking ignores open dossiers, which need "now").
        public var onTimeRate: Double? { Figures.rate(onTime, received) }
    }

    /// One row per unit, procedure or day, for rankings and trends.
    public func breakdown(by column: String, _ scope: Scope, from: LocalDate, to: LocalDate) async throws -> [Row] {
        precondition(["unit_code", "procedure_code", "day", "agency_id"].contains(column), "unknown breakdown column")
        return try await database.sql.raw(
            """
            SELECT \(unsafeRaw: column) AS k, SUM(received) AS received, SUM(finished_on_time) AS on_time, SUM(online) AS online,
                   SUM(digitised) AS digitised, SUM(rated) AS rated, SUM(satisfied) AS satisfied
            FROM dossier_stats WHERE \(conditions(scope, from: from, to: to)) GROUP BY \(unsafeRaw: column) ORDER BY \(unsafeRaw: column)
            """
        ).all().map { row in
            let key: String =
                if column == "day" { String(try row.decode(column: "k", as: Int.self)) } else { try row.decode(column: "k", as: String.self) }
            return Row(
                key: key, received: try row.decode(column: "received", as: Int.self), onTime: try row.decode(column: "on_time", as: Int.self),
                online: try row.decode(column: "online", as: Int.self), digitised: try row.decode(column: "digitised", as: Int.self),
                rated: try row.decode(column: "rated", as: Int.self), satisfied: try row.decode(column: "satisfied", as: Int.self))
        }
    }

    /// Open dossiers past their appointment, most overdue first.
    public func overdue(_ scope: Scope, from: LocalDate? = nil, to: LocalDate? = nil, now: Date, limit: Int = 100) async throws -> [Dossier] {
        var text = CaseSQL.overdue(at: now)
        if let from { text.appendInterpolation(unsafeRaw: " AND day >= "); text.appendInterpolation(bind: DossierStore.day(from)) }
        if let to { text.appendInterpolation(unsafeRaw: " AND day <= "); text.appendInterpolation(bind: DossierStore.day(to)) }
        if let agency = scope.agencyId { text.appendInterpolation(unsafeRaw: " AND handling_agency_id = "); text.appendInterpolation(bind: agency) }
        if let unit = scope.unitCode { text.appendInterpolation(unsafeRaw: " AND unit_code = "); text.appendInterpolation(bind: unit) }
        if let procedure = scope.procedureCode {
            text.appendInterpolation(unsafeRaw: " AND procedure_code = "); text.appendInterpolation(bind: procedure)
        }
        return try await database.sql.raw("SELECT * FROM dossiers WHERE \(text) ORDER BY due_at LIMIT \(bind: limit)").all().map(DossierStore.decode)
    }
}
