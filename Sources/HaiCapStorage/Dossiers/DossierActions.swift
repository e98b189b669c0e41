import Foundation
import HaiCapDomain
import SQLKit

extension DossierStore {
    /// Applies one action through the case ledger: scope and the rule table are checked on the
    /// locked row, then the state, deadline, hand-over, timeline, audit entry, counters and
    /// portal message are written together.
    public func act(_ code: String, _ action: DossierAction, _ input: ActionInput, by principal: Principal, at now: Date) async throws -> Dossier {
        try input.validate(for: action, now: now)
        let before = try await visible(code, to: principal)
        guard Policy.mayAct(principal, Self.scope(of: before)) else { throw AccessError.forbidden }
        let procedure = try await procedures.version(code: before.procedureCode, version: before.procedureVersion)
        let calendar = try await calendars.calendar(agencyId: before.handlingAgencyId)
        // Things to look up before the transaction (SQLite has one connection, the transaction holds it).
        // Without an assignee, a specialist or leader takes the dossier themself ("nhận xử lý").
        let assignee: (id: Int, name: String)? =
            if action == .assign, let id = input.assigneeId {
                try await assignable(id, for: before)
            } else if action == .assign {
                try Self.selfAssignee(principal)
            } else { nil }
        let transition = DossierTransition(
            store: self, target: .existing(code: code), action: action, input: input,
            actor: .official(principal), actorName: principal.fullName, procedure: procedure,
            calendar: calendar, assignee: assignee,
            otherAgency: try await liaisonAgency(action, input: input, procedure: procedure))
        return try await ledger.record(transition, by: principal, actorName: principal.fullName, calendar: calendar, at: now).1
    }

    /// The agency asked in a consultation or transfer (a transfer goes to a city department).
    func liaisonAgency(_ action: DossierAction, input: ActionInput, procedure: Procedure) async throws -> Agency? {
        guard action == .consult || action == .transfer else { return nil }
        let id = input.agencyId ?? procedure.steps.first { $0.kind == .transfer }?.agencyId ?? ""
        guard let agency = try? await agencies.get(id) else { throw ValidationError(field: "agencyId", "Không có cơ quan mã «\(id)».") }
        if action == .transfer && agency.unitCode != nil {
            throw ValidationError(field: "agencyId", "Chỉ chuyển hồ sơ lên sở, ngành của Thành phố.")
        }
        return agency
    }

    static func selfAssignee(_ principal: Principal) throws(ValidationError) -> (id: Int, name: String) {
        guard Policy.examinesDossiers(principal.role) else {
            throw ValidationError(field: "assigneeId", "Chọn chuyên viên nhận hồ sơ.")
        }
        return (principal.userId, principal.fullName)
    }

    /// A specialist (or leader) of an agency serving the dossier's unit, not disabled.
    func assignable(_ userId: Int, for dossier: Dossier) async throws -> (id: Int, name: String) {
        guard
            let row = try await database.sql.raw(
                """
                SELECT u.id, u.full_name, u.role, u.disabled, a.unit_code FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = \(bind: userId)
                """
            ).first()
        else { throw ValidationError(field: "assigneeId", "Không có cán bộ mã \(userId).") }
        guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)), Policy.examinesDossiers(role) else {
            throw ValidationError(field: "assigneeId", "Chỉ phân công cho chuyên viên hoặc lãnh đạo.")
        }
        guard try row.decode(column: "disabled", as: Int.self) == 0 else {
            throw ValidationError(field: "assigneeId", "Tài khoản này đã bị khóa.")
        }
        guard try row.decode(column: "unit_code", as: String?.self) == dossier.unitCode else {
            throw ValidationError(field: "assigneeId", "Cán bộ này không thuộc phường, xã của hồ sơ.")
        }
        return (userId, try row.decode(column: "full_name", as: String.self))
    }

    func update(_ dossier: Dossier, running: Bool, at now: Date, in session: any SQLDatabase) async throws {
        let details = String(decoding: try Self.encoder.encode(dossier.details), as: UTF8.self)
        try await session.raw(
            """
            UPDATE dossiers SET status = \(bind: dossier.status.rawValue), resume_status = \(bind: dossier.resumeStatus?.rawValue),
                outcome = \(bind: dossier.outcome?.rawValue), received_at = \(bind: dossier.receivedAt?.millis),
                due_at = \(bind: dossier.due?.millis), finished_at = \(bind: dossier.finishedAt?.millis),
                returned_at = \(bind: dossier.returnedAt?.millis), open = \(bind: dossier.status.isClosed ? 0 : 1),
                paused = \(bind: dossier.status.isWaitingForApplicant ? 1 : 0), running = \(bind: running ? 1 : 0), assignee_id = \(bind: dossier.assigneeId),
                assignee_name = \(bind: dossier.assigneeName), apologies = \(bind: dossier.apologies), fee = \(bind: dossier.fee),
                electronic_result = \(bind: dossier.electronicResult ? 1 : 0), rating = \(bind: dossier.rating),
                details = \(bind: details), updated_at = \(bind: now.millis)
            WHERE code = \(bind: dossier.code)
            """
        ).run()
    }
}
