import Foundation
import HaiCapDomain
import SQLKit

extension DossierStore {
    public struct IntakeResult: Sendable {
        public var dossier: Dossier
        /// Printed on the receipt (Mẫu 01) and never stored in clear.
        public var secret: String
    }

    /// Creates a dossier: at the counter (received, completion requested or refused at once), or
    /// submitted online or by post (waiting for the desk's check). The code, the dossier, its
    /// files, deadline, timeline, audit entry, counters and portal message commit together.
    public func intake(_ request: IntakeRequest, by principal: Principal?, at now: Date) async throws -> IntakeResult {
        guard let agencyId = request.agencyId ?? principal?.agencyId else {
            throw ValidationError(field: "agency", "Chọn phường, xã (cơ quan) nhận hồ sơ.")
        }
        guard let agency = try? await agencies.get(agencyId) else {
            throw ValidationError(field: "agency", "Không có cơ quan mã «\(agencyId)».")
        }
        guard let unitCode = agency.unitCode, agency.kind == .unitServiceCentre || agency.kind == .unitPeoplesCommittee else {
            throw ValidationError(field: "agency", "Hồ sơ được nộp tới Trung tâm phục vụ hành chính công hoặc UBND của một phường, xã, đặc khu.")
        }
        if let principal { try Policy.require(principal, .signedIn, agency: agency) }
        let today = VietnamTime.localDate(of: now)
        guard let procedure = try? await procedures.inForce(code: request.procedureCode, on: today) else {
            throw ValidationError(field: "procedure", "Không có thủ tục mã «\(request.procedureCode)» đang có hiệu lực.")
        }
        guard let terms = procedure.terms(for: request.channel) else {
            throw DossierError.procedureNotOffered(procedure: procedure.code, channel: request.channel)
        }
        try request.validate(against: procedure)
        if request.decision == .receive {
            let missing = request.missingRequired(procedure)
            guard missing.isEmpty else { throw DossierError.incomplete(missing: missing.map(\.name)) }
        }
        let handlingAgencyId = try await handlingAgency(for: procedure, unitCode: unitCode, receiving: agency)
        let calendar = try await calendars.calendar(agencyId: handlingAgencyId)
        let secret = Self.newSecret()
        let actorName = principal?.fullName ?? request.applicant.name
        // The desk's decision is the dossier's first action, run by the same code as later ones.
        let (action, input): (DossierAction?, ActionInput) =
            switch request.decision {
            case .receive: (.receive, ActionInput())
            case .requestCompletion(let items, let note): (.requestCompletion, ActionInput(note: note, items: items))
            case .refuse(let reason): (.refuse, ActionInput(reason: reason))
            case .submitOnly: (nil, ActionInput())
            }
        let creation = DossierTransition.Creation(
            request: request, agency: agency, unitCode: unitCode, handlingAgencyId: handlingAgencyId,
            secret: secret, day: today)
        let transition = DossierTransition(
            store: self, target: .new(creation), action: action, input: input,
            actor: principal.map(CaseActor.official) ?? .citizen, actorName: actorName,
            procedure: procedure, calendar: calendar)
        let (_, dossier) = try await ledger.record(transition, by: principal, actorName: actorName, calendar: calendar, at: now)
        return IntakeResult(dossier: dossier, secret: secret)
    }

    /// The new dossier in memory: its code (the counter row is updated inside the intake
    /// transaction), the components as the procedure names them, and the uploaded files.
    func newDossier(_ creation: DossierTransition.Creation, procedure: Procedure, at now: Date, in session: any SQLDatabase) async throws -> Dossier {
        let request = creation.request
        let code = try await nextCode(agencyId: creation.agency.id, day: creation.day, series: .of(request.channel), in: session)
        var components: [SubmittedComponent] = []
        for component in procedure.components {
            guard var given = request.components.first(where: { $0.code == component.code }) else {
                if component.required { components.append(SubmittedComponent(code: component.code, name: component.name, form: .missing)) }
                continue
            }
            given.name = component.name
            components.append(given)
        }
        for file in request.files {
            let id = try await storeFile(file, kind: "component", dossierCode: code, at: now, in: session)
            if let index = components.firstIndex(where: { $0.code == file.componentCode }) {
                components[index].fileId = id
                if components[index].form == .paper || components[index].form == .missing {
                    components[index].form = request.channel == .online ? .uploaded : .scanned
                }
            }
        }
        let present = components.filter { $0.form != .missing }
        let pages = present.first?.pages ?? 1
        return Dossier(
            code: code, procedureCode: procedure.code, procedureVersion: procedure.version, procedureName: procedure.name,
            receivingAgencyId: creation.agency.id, handlingAgencyId: creation.handlingAgencyId, unitCode: creation.unitCode,
            channel: request.channel, status: .submitted, submittedAt: now,
            fee: procedure.fee.amount(pages: pages, copies: request.copies),
            fullOnline: request.channel == .online && procedure.fullOnline,
            digitised: !present.isEmpty && present.allSatisfy { $0.form.isDigital },
            details: DossierDetails(applicant: request.applicant, summary: request.summary, components: components, copies: request.copies))
    }

    /// The commune's People's Committee decides commune procedures; the step template names the
    /// department for city ones.
    func handlingAgency(for procedure: Procedure, unitCode: String, receiving: Agency) async throws -> String {
        if procedure.agencyKind == .cityDepartment, let department = procedure.steps.compactMap(\.agencyId).first { return department }
        if receiving.kind == .unitPeoplesCommittee { return receiving.id }
        return try await agencies.list(unitCode: unitCode, kind: .unitPeoplesCommittee).items.first?.id ?? receiving.id
    }

    /// The next code of the agency's day in `series`. The counter row is updated inside the intake
    /// transaction: a failed intake rolls it back (no gap), and PostgreSQL's row lock on the
    /// upsert makes concurrent intakes on any number of servers wait for each other (no repeat).
    func nextCode(agencyId: String, day: LocalDate, series: DossierCode.Series, in session: any SQLDatabase) async throws -> String {
        let row = try await session.raw(
            """
            INSERT INTO dossier_code_sequences (agency_id, day, series, last)
            VALUES (\(bind: agencyId), \(bind: day.iso), \(bind: series.rawValue), 1)
            ON CONFLICT (agency_id, day, series) DO UPDATE SET last = dossier_code_sequences.last + 1
            RETURNING last
            """
        ).first()
        guard let n = try row?.decode(column: "last", as: Int.self), let sequence = series.sequence(n) else {
            throw DossierError.dayFull(series: series.rawValue)
        }
        return DossierCode.make(agencyId: agencyId, date: day, sequence: sequence)
    }

    func insert(_ dossier: Dossier, secret: String, running: Bool, at now: Date, in session: any SQLDatabase) async throws {
        let details = String(decoding: try Self.encoder.encode(dossier.details), as: UTF8.self)
        try await session.raw(
            """
            INSERT INTO dossiers (code, day, procedure_code, procedure_version, procedure_name, receiving_agency_id, handling_agency_id,
                unit_code, channel, status, applicant_name, id_number, phone, search_text, secret_digest, submitted_at, received_at,
                due_at, open, paused, running, fee, full_online, digitised, details, updated_at)
            VALUES (\(bind: dossier.code), \(bind: Self.day(of: dossier.submittedAt)), \(bind: dossier.procedureCode),
                \(bind: dossier.procedureVersion), \(bind: dossier.procedureName), \(bind: dossier.receivingAgencyId),
                \(bind: dossier.handlingAgencyId), \(bind: dossier.unitCode), \(bind: dossier.channel.rawValue), \(bind: dossier.status.rawValue),
                \(bind: dossier.details.applicant.name), \(bind: dossier.details.applicant.idNumber), \(bind: dossier.details.applicant.phone),
                \(bind: Self.searchText(dossier)), \(bind: SecretDigest.of(secret)), \(bind: dossier.submittedAt.millis),
                \(bind: dossier.receivedAt?.millis), \(bind: dossier.due?.millis), \(bind: dossier.status.isClosed ? 0 : 1),
                \(bind: dossier.status.isWaitingForApplicant ? 1 : 0), \(bind: running ? 1 : 0),
                \(bind: dossier.fee), \(bind: dossier.fullOnline ? 1 : 0), \(bind: dossier.digitised ? 1 : 0), \(bind: details),
                \(bind: now.millis))
            """
        ).run()
    }

    /// Renders what a lookup shows (after the transition's timeline event) into the dossier row.
    func storePublicView(_ dossier: Dossier, in session: any SQLDatabase) async throws {
        let view = try await renderPublicView(dossier, in: session)
        try await session.raw("UPDATE dossiers SET public_view = \(bind: view) WHERE code = \(bind: dossier.code)").run()
    }

    func renderPublicView(_ dossier: Dossier, in session: any SQLDatabase) async throws -> String {
        let events = try await session.raw(
            """
            SELECT at, action, note FROM timeline_events
            WHERE case_type = \(bind: CaseKind.dossier.name) AND case_id = \(bind: dossier.code) AND is_public = 1 ORDER BY id
            """
        ).all().map { row in
            PublicDossierView.Event(
                at: VietnamTime.iso(Date(millis: try row.decode(column: "at", as: Int64.self))),
                action: try row.decode(column: "action", as: String.self),
                note: try row.decode(column: "note", as: String.self))
        }
        return try PublicDossierView(dossier, events: events).json()
    }

    /// Code, applicant, identity number and procedure, folded for accent-insensitive search.
    static func searchText(_ dossier: Dossier) -> String {
        VietnameseText.fold(
            [
                dossier.code, dossier.details.applicant.name, dossier.details.applicant.idNumber,
                dossier.procedureCode, dossier.procedureName
            ].joined(separator: " | "))
    }

    /// Eight characters without look-alikes (0/O, 1/I), easy to read off a printed receipt.
    static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// Opens a hand-over record (Phiếu kiểm soát) and closes the previous one.
    /// A consultation or transfer (`share` of the total time, from the step template) gets its own
    /// deadline counted from the hand-over; the mandatory steps end at their cumulative share.
    func addHandover(
        _ dossier: Dossier, step: StepTemplate.Kind, from: String, to: String, toAgency: String?,
        calendar: WorkCalendar, now: Date, note: String, share: Double? = nil, in session: any SQLDatabase
    ) async throws {
        try await session.raw(
            """
            UPDATE dossier_handovers SET finished_at = \(bind: now.millis) WHERE dossier_code = \(bind: dossier.code) AND finished_at IS NULL
            """
        ).run()
        var stepDue: Date?
        if let clock = try await deadlines.clock(of: CaseRef(.dossier, dossier.code), in: session) {
            if let share {
                let total = calendar.workingTime(from: clock.start, to: clock.baseDue(in: calendar))
                stepDue = calendar.addWorkingMinutes(max(Int(Double(total) * share), 1), to: now)
            } else {
                stepDue = clock.stepDues(in: calendar, now: now).first { $0.name == step.rawValue }?.due ?? clock.due(in: calendar, now: now)
            }
        }
        try await session.raw(
            """
            INSERT INTO dossier_handovers (dossier_code, step, from_name, to_name, to_agency_id, at, step_due, note)
            VALUES (\(bind: dossier.code), \(bind: step.rawValue), \(bind: from), \(bind: to), \(bind: toAgency), \(bind: now.millis),
                    \(bind: stepDue?.millis), \(bind: note))
            """
        ).run()
    }

    func closeHandovers(_ code: String, at now: Date, in session: any SQLDatabase) async throws {
        try await session.raw(
            """
            UPDATE dossier_handovers SET finished_at = \(bind: now.millis) WHERE dossier_code = \(bind: code) AND finished_at IS NULL
            """
        ).run()
    }
}
