import Foundation
import HaiCapDomain
import SQLKit

extension ReportStore {
    public struct Submitted: Sendable {
        public let report: Report
        /// Shown once: the reporter's proof to follow up (reopen, rate, add information).
        public let token: String
        public let routingNote: String
    }

    /// Checks, places, routes and stores a report with its photos, all or nothing. The answer
    /// clock starts now; the forward deadline is the category's minutes from now.
    public func submit(
        _ draft: ReportDraft, photos: [ReportPhoto] = [], by actor: Principal?, open311KeyId: Int? = nil,
        at now: Date
    ) async throws -> Submitted {
        let category: FeedbackCategory
        do {
            category = try await catalogue.category(draft.categoryCode)
        } catch let error as FeedbackError {
            throw ValidationError(field: draft.channel == .open311 ? "service_code" : "category", error.message)
        }
        guard category.active else { throw ValidationError(field: "category", FeedbackError.inactiveCategory(category.code).message) }
        let new = try draft.validated(category: category)
        try ReportPhoto.validate(photos)

        // Place → unit: a position by the boundaries in force; else the address text.
        let geography = geography.geography
        var unitCode: String?
        var placeNote: String
        var approximate = false
        if let point = new.point {
            unitCode = geography.unit(at: point)
            approximate = geography.isApproximate
            placeNote =
                unitCode == nil ? "Vị trí nằm ngoài địa giới Thành phố." : "Xác định đơn vị theo vị trí\(approximate ? " (ranh giới gần đúng)" : "")."
        } else if let address = new.address, let found = places.find(address) {
            unitCode = found.unitCode
            placeNote = "Xác định đơn vị theo \(found.how)."
        } else {
            placeNote = "Không xác định được đơn vị từ địa chỉ."
        }
        let decision = try await catalogue.router().route(category: category, unitCode: unitCode)
        let agency = try await agencies.get(decision.agencyId)
        let calendar = try await calendars.calendar(agencyId: agency.id)
        let clock = DeadlineClock(start: now, duration: .workingDays(category.answerDays), extensionLimit: 1)
        let due = clock.due(in: calendar, now: now)
        // The switchboard works around the clock: its forwarding time is not office time.
        let forwardDue = DeadlineClock(start: now, duration: .clockMinutes(category.forwardMinutes)).due(in: calendar, now: now)
        let token = Secrets.token(bytes: 9)
        let actorName = actor?.fullName ?? (new.reporter.anonymous ? "Người dân (ẩn danh)" : "Người dân")
        let creation = ReportTransition.Creation(
            draft: new, category: category, agency: agency, unitCode: unitCode,
            unitName: unitCode.flatMap { reference.unitsByCode[$0]?.name }, approximate: approximate, placeNote: placeNote,
            routingReason: decision.reason, tokenHash: SecretDigest.of(token), clock: clock, due: due, forwardDue: forwardDue,
            open311KeyId: open311KeyId)
        let transition = ReportTransition(
            store: self, target: .new(creation), action: nil, input: ReportActionInput(),
            actor: actor.map(ReportActor.official) ?? .reporter(token: token), actorName: actorName,
            calendar: calendar, category: category, agency: agency, photos: photos)
        let (ref, report) = try await ledger.record(transition, by: actor, actorName: actorName, calendar: calendar, at: now)
        // The ledger read the new row whole; only photos, stored after it, change it (their count
        // is kept by the row), so it is read back only then.
        return Submitted(report: photos.isEmpty ? report : try await get(ref.number!), token: token, routingNote: decision.reason)
    }
}

extension ReportStore {
    /// A new report's row, with the due instant its clock gives; returns its number.
    func insert(_ creation: ReportTransition.Creation, at now: Date, in session: any SQLDatabase) async throws -> Int {
        let new = creation.draft
        let reporterJSON = String(decoding: try StoredJSON.encoder.encode(new.reporter), as: UTF8.self)
        let attributesJSON = String(decoding: try StoredJSON.encoder.encode(new.attributes), as: UTF8.self)
        let search = VietnameseText.fold(
            [new.description, new.address ?? "", creation.category.name, creation.unitName ?? ""]
                .joined(separator: " "))
        let toOperators = creation.agency.id == AgencyScheme.operators1022Id
        let row = try await session.raw(
            """
            INSERT INTO feedback_reports (category_code, category_name, description, search_text, lat, lon, address, unit_code, unit_name,
                agency_id, agency_name, agency_unit_code, status, open, running, channel, reporter, attributes, media_url, token_hash,
                received_at, forward_due_at, forwarded_at, due_at, updated_at, boundary_approximate, open311_key_id)
            VALUES (\(bind: creation.category.code), \(bind: creation.category.name), \(bind: new.description), \(bind: search),
                \(bind: new.point?.lat), \(bind: new.point?.lon), \(bind: new.address), \(bind: creation.unitCode),
                \(bind: creation.unitName), \(bind: creation.agency.id), \(bind: creation.agency.name), \(bind: creation.agency.unitCode),
                \(bind: ReportStatus.new.rawValue), 1, 1, \(bind: new.channel.rawValue), \(bind: reporterJSON), \(bind: attributesJSON),
                \(bind: new.mediaURL), \(bind: creation.tokenHash), \(bind: now.millis),
                \(bind: creation.forwardDue.millis),
                \(bind: toOperators ? nil : now.millis), \(bind: creation.due.millis), \(bind: now.millis),
                \(bind: creation.approximate ? 1 : 0), \(bind: creation.open311KeyId))
            RETURNING id
            """
        ).first()
        guard let id = try row?.decode(column: "id", as: Int.self) else { throw NotFoundError("report", "?") }
        return id
    }
}
