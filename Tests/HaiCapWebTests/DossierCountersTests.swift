import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import SQLKit
import Testing

@Suite("766 counters")
struct DossierCountersTests {
    @Test("the counters kept by every transition equal the counters recomputed from the dossiers (200 demo dossiers)")
    func incrementalEqualsRebuilt() async throws {
        try await TestDatabase.withServices(demo: true, clock: FixedClock(VietnamTime.date(2026, 11, 23, 16, 0))) { services in
            let created = try await DemoDossiers(
                database: services.database, dossiers: services.dossiers, procedures: services.procedures,
                agencies: services.agencies, accounts: services.accounts, calendars: services.calendars
            )
            .seedIfEmpty(count: 200, now: services.clock.now())
            #expect(created > 180)
            let counters = DossierCounters(database: services.database)
            let kept = try await counters.snapshot()
            let eligible = try await services.procedures.catalogue(on: VietnamTime.localDate(of: services.clock.now())).filter(\.fullOnline).map(
                \.code)
            try await counters.rebuild(eligible: eligible)
            let rebuilt = try await counters.snapshot()
            #expect(kept.count == rebuilt.count)
            #expect(Set(kept).symmetricDifference(rebuilt).sorted().prefix(6).isEmpty)

            // And the indicator figures equal a scan of the dossiers.
            let from = LocalDate(year: 2026, month: 1, day: 1), to = LocalDate(year: 2026, month: 12, day: 31)
            let figures = try await services.indicators.figures(.init(), from: from, to: to, now: services.clock.now())
            let scanned = try await counters.scan(from: from, to: to, eligible: eligible)
            #expect(
                [
                    figures.registered, figures.received, figures.direct, figures.online, figures.postal, figures.eligibleOnline,
                    figures.fullOnline, figures.digitised, figures.finishedOnTime, figures.finishedLate, figures.returned,
                    figures.electronicResult, figures.rated, figures.satisfied
                ] == scanned)
            // In progress within time / overdue, against a direct count of the open dossiers.
            let now = services.clock.now().millis
            let row = try await services.database.sql.raw(
                """
                SELECT SUM(CASE WHEN apologies = 0 AND (paused = 1 OR due_at >= \(bind: now)) THEN 1 ELSE 0 END) AS within,
                       SUM(CASE WHEN apologies > 0 OR (paused = 0 AND due_at < \(bind: now)) THEN 1 ELSE 0 END) AS late
                FROM dossiers WHERE received_at IS NOT NULL AND finished_at IS NULL AND open = 1 AND day >= 20260101 AND day <= 20261231
                """
            ).first()
            #expect(figures.inProgressOnTime == (try row?.decode(column: "within", as: Int?.self) ?? 0))
            #expect(figures.inProgressOverdue == (try row?.decode(column: "late", as: Int?.self) ?? 0))
            #expect(figures.inProgressOnTime + figures.inProgressOverdue > 0)
        }
    }
}
