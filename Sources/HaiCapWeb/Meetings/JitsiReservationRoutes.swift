import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// HaiCap as Jitsi Meet's reservation system (Prosody's `mod_reservations`): a room is allowed only
/// around a scheduled meeting's occurrence, with the seconds it may live, so Prosody ends it on
/// time; a cancelled or closed meeting's room is refused and never revived.
///
/// | route | permission |
/// |---|---|
/// | POST /jitsi/conference, GET and DELETE /jitsi/conference/{id} | everyone (the reservation token, checked here) |
struct JitsiReservationRoutes {
    let services: AppServices

    struct Reservation: Encodable {
        var id: Int
        var name: String
        var mail_owner: String?
        var start_time: String
        var duration: Int

        init(_ reservation: ConferenceReservation) {
            id = reservation.id
            name = reservation.name
            mail_owner = reservation.mailOwner
            start_time = Self.format(reservation.startTime)
            duration = reservation.duration
        }

        /// What mod_reservations writes: `2026-12-10T08:00:00.000Z`.
        static func format(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: date)
        }
    }

    struct Message: Encodable { var message: String }
    struct Conflict: Encodable {
        var conflict_id: Int
        var message: String
    }

    func register(_ routes: Routes) {
        routes.post("/jitsi/conference", .everyone) { request, context in
            try authorise(request)
            let fields = try await FormFields.from(request, context: context)
            guard let name = fields["name"], !name.isEmpty, name.count <= 200 else {
                return JSONBody.response(Message(message: "Thiếu tên phòng họp."), status: .badRequest)
            }
            let start = fields["start_time"].flatMap { VietnamTime.parseInstant($0) }
            do {
                let reservation = try await services.meetings.reserve(
                    name: name, startTime: start, mailOwner: fields["mail_owner"].map { String($0.prefix(254)) }, at: services.clock.now())
                return JSONBody.response(Reservation(reservation))
            } catch ConferenceRefusal.exists(let id) {
                return JSONBody.response(Conflict(conflict_id: id, message: "Phòng họp đã được mở."), status: .conflict)
            } catch ConferenceRefusal.refused(let reason) {
                return JSONBody.response(Message(message: reason), status: .forbidden)
            }
        }
        routes.get("/jitsi/conference/{id}", .everyone) { request, context in
            try authorise(request)
            let reservation = try await services.meetings.reservation(try context.intParam("id"), at: services.clock.now())
            return JSONBody.response(Reservation(reservation))
        }
        routes.delete("/jitsi/conference/{id}", .everyone) { request, context in
            try authorise(request)
            try await services.meetings.endReservation(try context.intParam("id"), at: services.clock.now())
            return JSONBody.response(Message(message: "Đã đóng phòng họp."))
        }
    }

    /// The shared secret Prosody is configured with; none configured refuses everyone.
    func authorise(_ request: Request) throws {
        let sent = request.headers[.authorization].flatMap { header -> String? in
            let parts = header.split(separator: " ", maxSplits: 1)
            return parts.count == 2 && parts[0].lowercased() == "bearer" ? String(parts[1]) : nil
        }
        guard let expected = services.config.jitsiReservationToken, let sent, Secrets.constantTimeEqual(sent, expected) else {
            throw AccessError.notAuthenticated
        }
    }
}
