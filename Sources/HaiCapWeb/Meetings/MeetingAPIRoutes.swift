import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Meetings' JSON API.
///
/// | route | permission |
/// |---|---|
/// | GET /api/v1/meetings, GET /api/v1/meetings/{id}, its ICS, POST …/{id}/join, PUT …/{id}/attendance/{unit}, POST …/{id}/answer (a unit's, by its leaders and clerks, or one's own), GET …/{id}/conclusions, GET/POST /api/v1/meetings/conclusions/… | attendMeetings (meeting scope per meeting: organiser, invited units, invited people) |
/// | GET /api/v1/meetings/free-slots, POST /api/v1/meetings, POST …/{id}/actions/{action}, POST …/{id}/conclusions | organiseMeetings (a ward's organisers invite their own ward) |
struct MeetingAPIRoutes {
    let services: AppServices

    var tokens: JitsiTokens { JitsiTokens(config: services.config, secret: services.jitsiSecret) }

    func register(_ routes: Routes) {
        routes.get("/api/v1/meetings/free-slots", .organiseMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let query = request.query
            var check = Validator()
            let units = (query["units"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let people = (query["people"] ?? "").split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let minutes = query.int("minutes", default: 60, range: 15...720, into: &check)
            let days = query.int("days", default: 10, range: 1...30, into: &check)
            let now = services.clock.now()
            var from = VietnamTime.localDate(of: now)
            if let raw = query["from"], !raw.isEmpty {
                if let day = LocalDate(iso: raw) { from = day } else { check.require(false, "from", "Ngày bắt đầu tìm dạng YYYY-MM-DD.") }
            }
            check.require(units.count <= 200 && people.count <= 100, "units", "Tối đa 200 đơn vị và 100 cán bộ.")
            try check.check()
            let result = try await services.meetings.freeSlots(
                units: units, people: people, minutes: minutes, from: from, days: days, by: principal, at: now)
            return JSONBody.response(
                FreeSlotsDTO(
                    slots: result.slots.map {
                        .init(start: VietnamTime.iso($0.start), end: VietnamTime.iso($0.end), conflicts: $0.conflicts.map { result.names[$0] ?? $0 })
                    }, allFree: result.allFree))
        }
        routes.get("/api/v1/meetings", .attendMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let query = request.query
            var check = Validator()
            let limit = query.int("limit", default: 50, range: 1...200, into: &check)
            let offset = query.int("offset", default: 0, range: 0...1_000_000, into: &check)
            let from = try Self.instant(query["from"], "from", into: &check)
            let to = try Self.instant(query["to"], "to", into: &check)
            let unit = query["unit"].flatMap { $0.isEmpty ? nil : $0 }
            try check.check()
            let page = try await services.meetings.list(for: principal, from: from, to: to, unit: unit, limit: limit, offset: offset)
            var items: [MeetingDTO] = []
            for summary in page.items { items.append(MeetingDTO(try await services.meetings.get(summary.meeting.id))) }
            return JSONBody.response(MeetingPageDTO(items: items, total: page.total, limit: limit, offset: offset))
        }
        routes.post("/api/v1/meetings", .organiseMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONInput.decode(MeetingBody.self, from: request, context: context)
            let now = services.clock.now()
            let draft = try body.draft(known: { services.reference.unitsByCode[$0] != nil }, now: now)
            let saved = try await services.meetings.schedule(draft, by: principal, at: now)
            return JSONBody.response(
                MeetingCreatedDTO(
                    id: saved.meeting.id, room: saved.meeting.room, status: saved.meeting.status.rawValue, invitations: saved.invitations,
                    conflicts: saved.warnings.overridden.map(ConflictDTO.init), warnings: saved.warnings.messages),
                status: .created)
        }
        routes.get("/api/v1/meetings/{id}", .attendMeetings) { _, context in
            let principal = try context.requirePrincipal()
            return JSONBody.response(MeetingDTO(try await services.meetings.get(try context.intParam("id"), for: principal)))
        }
        routes.get("/api/v1/meetings/{id}/ics", .attendMeetings) { _, context in
            let principal = try context.requirePrincipal()
            return MeetingICS.response(try await services.meetings.get(try context.intParam("id"), for: principal), services: services)
        }
        routes.post("/api/v1/meetings/{id}/join", .attendMeetings) { _, context in
            let principal = try context.requirePrincipal()
            let now = services.clock.now()
            let grant = try await services.meetings.join(try context.intParam("id"), by: principal, at: now)
            return JSONBody.response(try await tokens.token(for: grant, at: now))
        }
        routes.post("/api/v1/meetings/{id}/actions/{action}", .organiseMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let raw = try context.param("action")
            guard let action = MeetingAction(rawValue: raw) else {
                throw ValidationError(field: "action", "Thao tác không có: \(raw.prefix(40)). Các thao tác: cancel, close, reschedule.")
            }
            let body = try await JSONInput.decodeOptional(MeetingActionBody.self, from: request, context: context)
            var check = Validator()
            let start = try Self.instant(body?.start, "start", into: &check)
            let end = try Self.instant(body?.end, "end", into: &check)
            let reason = body?.reason ?? ""
            check.require(reason.count <= 500, "reason", "Lý do dài tối đa 500 ký tự.")
            try check.check()
            let saved = try await services.meetings.act(
                try context.intParam("id"), action, MeetingActionInput(start: start, end: end, reason: reason),
                allowConflicts: body?.allowConflicts ?? false, by: principal, at: services.clock.now())
            return JSONBody.response(MeetingDTO(saved.meeting))
        }
        routes.post("/api/v1/meetings/{id}/answer", .attendMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONInput.decode(AnswerBody.self, from: request, context: context)
            guard let answer = RSVPAnswer(rawValue: body.answer), answer != .pending else {
                throw ValidationError(field: "answer", "Trả lời: tham-du, khong hoặc cu-nguoi-thay.")
            }
            let unit = body.unit.flatMap { $0.isEmpty ? nil : $0 }
            let meeting = try await services.meetings.answer(
                try context.intParam("id"), unit: unit, answer, by: principal, at: services.clock.now())
            return JSONBody.response(MeetingDTO(meeting))
        }
        routes.put("/api/v1/meetings/{id}/attendance/{unit}", .attendMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONInput.decode(AttendanceBody.self, from: request, context: context)
            guard let status = AttendanceStatus(rawValue: body.status) else {
                throw ValidationError(field: "status", "Trạng thái điểm danh: co-mat, vang-co-ly-do, vang hoặc den-muon.")
            }
            let meeting = try await services.meetings.markAttendance(
                try context.intParam("id"), unit: try context.param("unit"), status, note: body.note ?? "", by: principal,
                at: services.clock.now())
            return JSONBody.response(MeetingDTO(meeting))
        }
        routes.get("/api/v1/meetings/{id}/conclusions", .attendMeetings) { _, context in
            let principal = try context.requirePrincipal()
            let meeting = try await services.meetings.get(try context.intParam("id"), for: principal)
            let now = services.clock.now()
            let page = try await services.meetings.conclusions(meeting: meeting.id, for: principal, limit: 200)
            return JSONBody.response(page.items.map { ConclusionDTO($0, now: now) })
        }
        routes.post("/api/v1/meetings/{id}/conclusions", .organiseMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONInput.decode(ConclusionBody.self, from: request, context: context)
            let now = services.clock.now()
            let conclusion = try await services.meetings.conclude(
                try context.intParam("id"), text: body.text, owner: body.owner, days: body.days, by: principal, at: now)
            return JSONBody.response(ConclusionDTO(conclusion, now: now), status: .created)
        }
        routes.post("/api/v1/meetings/conclusions/{id}/actions/{action}", .attendMeetings) { request, context in
            let principal = try context.requirePrincipal()
            let raw = try context.param("action")
            guard let action = ConclusionAction(rawValue: raw) else {
                throw ValidationError(field: "action", "Thao tác không có: \(raw.prefix(40)). Các thao tác: progress, complete, reopen.")
            }
            let body = try await JSONInput.decodeOptional(MeetingActionBody.self, from: request, context: context)
            let now = services.clock.now()
            let conclusion = try await services.meetings.actOnConclusion(
                try context.intParam("id"), action, note: body?.reason ?? "", by: principal, at: now)
            return JSONBody.response(ConclusionDTO(conclusion, now: now))
        }
    }

    /// An ISO 8601 instant, or a problem for `field`; nil when absent.
    static func instant(_ raw: String?, _ field: String, into check: inout Validator) throws -> Date? {
        guard let raw, !raw.isEmpty else { return nil }
        let parsed = VietnamTime.parseInstant(raw)
        check.require(parsed != nil, field, "Thời điểm phải theo ISO 8601, ví dụ 2026-12-10T08:00:00+07:00.")
        return parsed
    }
}
