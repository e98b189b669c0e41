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
    public func submit(_ draft: ReportDraft, photos: [ReportPhoto] = [], by actor: Principal?, open311KeyId: Int? = nil,
                       at now: Date) async throws -> Submitted {
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
            placeNote = unitCode == nil ? "Vị trí nằm ngoài địa giới Thành phố." : "Xác định đơn vị theo vị trí\(approximate ? " (ranh giới gần đúng)" : "")."
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
        let token = Secrets.token(bytes: 9)
        let toOperators = agency.id == AgencyScheme.operators1022Id
        let reporterJSON = String(decoding: try StoredJSON.encoder.encode(new.reporter), as: UTF8.self)
        let attributesJSON = String(decoding: try StoredJSON.encoder.encode(new.attributes), as: UTF8.self)
        let unitName = unitCode.flatMap { reference.unitsByCode[$0]?.name }
        let search = VietnameseText.fold([new.description, new.address ?? "", category.name, unitName ?? ""].joined(separator: " "))
        let actorName = actor?.fullName ?? (new.reporter.anonymous ? "Người dân (ẩn danh)" : "Người dân")

        let (unit, isApproximate, place) = (unitCode, approximate, placeNote)
        let report = try await database.transaction { session in
            let row = try await session.raw("""
                INSERT INTO feedback_reports (category_code, category_name, description, search, lat, lon, address, unit_code, unit_name,
                    agency_id, agency_name, agency_unit_code, status, is_open, channel, reporter, attributes, media_url, token_hash,
                    received_at, forward_due_at, forwarded_at, due_at, updated_at, boundary_approximate, open311_key_id)
                VALUES (\(bind: category.code), \(bind: category.name), \(bind: new.description), \(bind: search),
                    \(bind: new.point?.lat), \(bind: new.point?.lon), \(bind: new.address), \(bind: unit), \(bind: unitName),
                    \(bind: agency.id), \(bind: agency.name), \(bind: agency.unitCode), \(bind: ReportStatus.new.rawValue), 1,
                    \(bind: new.channel.rawValue), \(bind: reporterJSON), \(bind: attributesJSON), \(bind: new.mediaURL), \(bind: SecretDigest.of(token)),
                    \(bind: now.millis), \(bind: now.addingTimeInterval(Double(category.forwardMinutes) * 60).millis),
                    \(bind: toOperators ? nil : now.millis), \(bind: due.millis), \(bind: now.millis), \(bind: isApproximate ? 1 : 0),
                    \(bind: open311KeyId))
                RETURNING id
                """).first()
            guard let id = try row?.decode(column: "id", as: Int.self) else { throw NotFoundError("report", "?") }
            try await deadlines.save(clock, caseType: Self.caseType, caseId: String(id), agencyId: agency.id, calendar: calendar,
                                     now: now, in: session)
            try await storePhotos(photos, kind: "report", reportId: id, at: now, in: session)
            try await timeline.append(TimelineEvent(caseType: Self.caseType, caseId: String(id), at: now, actorUserId: actor?.userId,
                                                    actorName: actorName, action: "submit", fromState: nil,
                                                    toState: ReportStatus.new.rawValue,
                                                    note: "Tiếp nhận phản ánh qua \(new.channel.label.lowercased()). \(place)",
                                                    isPublic: true), in: session)
            try await timeline.append(TimelineEvent(caseType: Self.caseType, caseId: String(id), at: now, actorUserId: nil,
                                                    actorName: "Hệ thống điều phối", action: "route", fromState: nil,
                                                    toState: ReportStatus.new.rawValue,
                                                    note: "Chuyển đến \(agency.name). \(decision.reason)", isPublic: true), in: session)
            try await audit.append(AuditEvent("feedback.submit", "feedback", String(id), "\(category.code) → \(agency.id)"),
                                   by: actor, at: now, in: session)
            return try await get(id, in: session)
        }
        return Submitted(report: report, token: token, routingNote: decision.reason)
    }
}
