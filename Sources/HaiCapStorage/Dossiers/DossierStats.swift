import Foundation
import HaiCapDomain
import SQLKit

/// The per-day counters behind the 766 indicators, kept in the same transaction as each change,
/// so a year of a whole city is a sum over at most days × agencies × procedures rows instead of
/// a scan of every dossier.
enum StatCounter: String, CaseIterable {
    case registered, received, direct, online, postal
    case eligibleOnline = "eligible_online", fullOnline = "full_online", digitised
    case finishedOnTime = "finished_on_time", finishedLate = "finished_late"
    case returned, electronicResult = "electronic_result", rated, satisfied
}

extension DossierStore {
    func bump(_ counters: [StatCounter], for dossier: Dossier, in session: any SQLDatabase) async throws {
        guard !counters.isEmpty else { return }
        let columns = counters.map(\.rawValue)
        let day = Self.day(of: dossier.submittedAt)
        try await session.raw(
            """
            INSERT INTO dossier_stats (day, agency_id, unit_code, procedure_code, \(unsafeRaw: columns.joined(separator: ", ")))
            VALUES (\(bind: day), \(bind: dossier.handlingAgencyId), \(bind: dossier.unitCode ?? ""), \(bind: dossier.procedureCode),
                    \(unsafeRaw: columns.map { _ in "1" }.joined(separator: ", ")))
            ON CONFLICT (day, agency_id, unit_code, procedure_code) DO UPDATE SET
            \(unsafeRaw: columns.map { "\($0) = dossier_stats.\($0) + 1" }.joined(separator: ", "))
            """
        ).run()
    }

    /// Moves one dossier from one status count to another.
    func moveStatus(_ dossier: Dossier, from old: DossierStatus?, in session: any SQLDatabase) async throws {
        guard old != dossier.status else { return }
        let day = Self.day(of: dossier.submittedAt)
        if let old {
            try await session.raw(
                """
                UPDATE dossier_status_counts SET n = n - 1
                WHERE day = \(bind: day) AND agency_id = \(bind: dossier.handlingAgencyId) AND unit_code = \(bind: dossier.unitCode ?? "")
                  AND procedure_code = \(bind: dossier.procedureCode) AND status = \(bind: old.rawValue)
                """
            ).run()
        }
        try await session.raw(
            """
            INSERT INTO dossier_status_counts (day, agency_id, unit_code, procedure_code, status, n)
            VALUES (\(bind: day), \(bind: dossier.handlingAgencyId), \(bind: dossier.unitCode ?? ""), \(bind: dossier.procedureCode),
                    \(bind: dossier.status.rawValue), 1)
            ON CONFLICT (day, agency_id, unit_code, procedure_code, status) DO UPDATE SET n = dossier_status_counts.n + 1
            """
        ).run()
    }

    /// Counters a receipt adds.
    static func receiptCounters(_ dossier: Dossier, procedure: Procedure) -> [StatCounter] {
        var counters: [StatCounter] = [.received]
        switch dossier.channel {
        case .direct: counters.append(.direct)
        case .online: counters.append(.online)
        case .postal: counters.append(.postal)
        }
        if procedure.fullOnline { counters.append(.eligibleOnline) }
        if dossier.fullOnline { counters.append(.fullOnline) }
        if dossier.digitised { counters.append(.digitised) }
        return counters
    }
}
