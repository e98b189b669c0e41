import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The meeting pages: the calendar, scheduling (with free slots), one meeting (waiting room,
/// roll-call, minutes, conclusions, the organiser's actions), a guest's link, the follow-up board.
///
/// | route | permission |
/// |---|---|
/// | GET /hop, GET /hop/{id}, GET /hop/{id}/lich.ics, GET /hop/{id}/diem-danh.csv, POST /hop/{id}/{action}, GET /hop/ket-luan, GET and POST /hop/phong-hop | attendMeetings (meeting scope per meeting; each action checks its own rule) |
/// | GET /hop/moi, POST /hop | organiseMeetings |
/// | GET and POST /hop/khach/{secret} | everyone (the single-use secret) |
struct MeetingPages {
    let services: AppServices
    let pages: PageRenderer
    static let pageSize = 20

    var tokens: JitsiTokens { JitsiTokens(config: services.config, secret: services.jitsiSecret) }

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.meetings, .attendMeetings) { request, context in try await list(request, context) }
        routes.get(SitePath.Pattern.meetingNew, .organiseMeetings) { request, context in
            let query = request.query
            var slots: FreeSlotsDTO?
            if query["tim"] == "1" { slots = try? await freeSlots(query, context: context) }
            return try await form(query, problems: [], conflicts: [], slots: slots, searched: query["tim"] == "1", context: context)
        }
        routes.post(SitePath.Pattern.meetings, .organiseMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let fields = try await FormFields.from(request, context: context)
            let now = services.clock.now()
            do {
                let draft = try MeetingForm(fields: fields).draft(
                    units: services.reference.units.map(\.code), known: { services.reference.unitsByCode[$0] != nil }, now: now)
                let saved = try await services.meetings.schedule(draft, by: principal, at: now)
                var message = "Đã lên lịch họp; \(DossierViews.number(saved.invitations)) thư mời đang được gửi."
                if !saved.warnings.messages.isEmpty { message += " Lưu ý: " + saved.warnings.messages.prefix(3).joined(separator: " ") }
                return await pages.redirect(SitePath.meeting(id: saved.meeting.id).href, message: message, context: context, now: now)
            } catch let error as ValidationError {
                return try await form(
                    fields, problems: error.problems, conflicts: [], slots: nil, searched: false, context: context, status: .badRequest)
            } catch let error as MeetingConflictError {
                return try await form(
                    fields, problems: [], conflicts: error.conflicts, slots: nil, searched: false, context: context, status: .conflict)
            }
        }
        routes.get(SitePath.Pattern.meetingConclusions, .attendMeetings) { request, context in try await board(request, context) }
        routes.get(SitePath.Pattern.meetingRooms, .attendMeetings) { request, context in try await rooms(request, context, problems: []) }
        routes.post(SitePath.Pattern.meetingRooms, .attendMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let fields = try await FormFields.from(request, context: context)
            let now = services.clock.now()
            var check = Validator()
            let id = fields.int("id", default: 0, range: 0...Int(Int32.max), into: &check)
            let capacity = fields.int("capacity", default: 0, range: 0...100_000, into: &check)
            do {
                try check.check()
                var room = try await services.meetings.room(id)
                room.name = fields["name"] ?? room.name
                room.capacity = capacity
                room.equipment = fields["equipment"] ?? room.equipment
                room.sipAddress = fields["sipAddress"]
                room.metronetLine = fields["metronetLine"]
                room.technicianName = fields["technicianName"]
                room.technicianPhone = fields["technicianPhone"]
                room.technicianEmail = fields["technicianEmail"]
                _ = try await services.meetings.updateRoom(room, by: principal, at: now)
                return await pages.redirect(SitePath.meetingRooms.href, message: "Đã lưu thông tin phòng họp.", context: context, now: now)
            } catch let error as ValidationError {
                return try await rooms(request, context, problems: error.problems, status: .badRequest)
            }
        }
        routes.get(SitePath.Pattern.meeting, .attendMeetings) { request, context in
            try await meetingPage(try context.intParam("id"), request: request, context: context, problems: [])
        }
        routes.get("/hop/{id}/lich.ics", .attendMeetings) { _, context in
            let principal = try context.requirePrincipal()
            return MeetingICS.response(try await services.meetings.get(try context.intParam("id"), for: principal), services: services)
        }
        routes.get("/hop/{id}/diem-danh.csv", .attendMeetings) { _, context in
            let principal = try context.requirePrincipal()
            let meeting = try await services.meetings.get(try context.intParam("id"), for: principal)
            let joins = try await services.meetings.joins(meeting.id)
            let rows = meeting.units.map { line -> [String] in
                [
                    line.unitCode, line.unitName, line.room.name, line.rsvp.label, line.attendance?.label ?? "Chưa điểm danh",
                    line.attendanceNote ?? "",
                    line.attendanceBy ?? "", line.attendanceAt.map { DossierViews.time($0) } ?? "",
                    joins[line.unitCode].map { DossierViews.time($0) } ?? ""
                ]
            }
            var export = CSVExport(
                filename: "diem-danh-cuoc-hop-\(meeting.id).csv",
                header: ["Mã đơn vị", "Đơn vị", "Phòng họp", "Trả lời", "Điểm danh", "Ghi chú", "Người điểm danh", "Lúc", "Vào phòng lúc"])
            for row in rows { export.append(row) }
            return try export.response()
        }
        routes.post(SitePath.Pattern.meetingAction, .attendMeetings) { request, context in try await action(request, context) }
        routes.get(SitePath.Pattern.meetingGuest, .everyone) { _, context in
            let secret = try context.param("secret")
            let now = services.clock.now()
            let preview = try await services.meetings.guestPreview(secret: secret, at: now)
            let model: [String: Any] = [
                "title": preview.meeting.title, "organiser": preview.meeting.organiserAgencyName, "when": DossierViews.time(preview.occurrence.start),
                "agenda": preview.meeting.agenda, "hasAgenda": !preview.meeting.agenda.isEmpty,
                "startMillis": Int(preview.occurrence.start.timeIntervalSince1970 * 1000),
                "waitText": Self.waitText(until: preview.occurrence.start, now: now),
                "joinHref": SitePath.meetingGuest(secret: secret).href
            ]
            return try pages.page("meeting-guest", title: preview.meeting.title, model: model, context: context)
        }
        routes.post(SitePath.Pattern.meetingGuest, .everyone) { _, context in
            let secret = try context.param("secret")
            let now = services.clock.now()
            let (meeting, grant) = try await services.meetings.joinAsGuest(secret: secret, at: now)
            guard let grant else {
                return await pages.redirect(
                    SitePath.meetingGuest(secret: secret).href, message: "Chưa đến giờ họp «\(meeting.title)».", context: context, now: now)
            }
            return PageRenderer.redirect(try await tokens.token(for: grant, at: now).url)
        }
    }

    static func waitText(until start: Date, now: Date) -> String {
        start <= now ? "Cuộc họp đang diễn ra." : "Phòng họp mở lúc \(DossierViews.time(start))."
    }
}
