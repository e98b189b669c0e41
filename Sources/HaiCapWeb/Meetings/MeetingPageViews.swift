import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

extension MeetingPages {
    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = request.query
        let now = services.clock.now()
        let past = query["xem"] == "da-qua"
        var unit = query["don-vi"].flatMap { $0.isEmpty ? nil : $0 }
        if let chosen = unit, services.reference.unitsByCode[chosen] == nil { unit = nil }
        let today = VietnamTime.date(VietnamTime.localDate(of: now), minutes: 0)
        let asked = Pager(query, size: Self.pageSize)
        let page = try await services.meetings.list(
            for: principal, from: past ? nil : today, to: past ? today : nil, unit: unit, limit: asked.size, offset: asked.offset)
        let pager = asked.with(total: page.total)
        let flash = await pages.takeFlash(request, context: context, now: now)
        let rows: [[String: Any]] = page.items.map { item in
            [
                "when": DossierViews.time(item.next), "href": SitePath.meeting(id: item.meeting.id).href, "title": item.meeting.title,
                "series": item.meeting.recurrence != nil, "organiser": item.meeting.organiserAgencyName,
                "units": DossierViews.number(item.unitCount), "mode": item.meeting.mode.label, "status": item.meeting.status.label
            ]
        }
        let units = services.reference.units.sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
        let model: [String: Any] = [
            "tabs": [
                ["label": "Sắp tới", "href": SitePath.meetings.href, "current": !past],
                ["label": "Đã qua", "href": QueryString.link(SitePath.meetings.href, [("xem", "da-qua")]), "current": past]
            ],
            "view": past ? "da-qua" : "", "canFilter": principal.seesWholeCity,
            "units": units.map { ["value": $0.code, "label": $0.name, "selected": $0.code == unit] },
            "rows": rows, "hasRows": !rows.isEmpty, "canOrganise": Policy.allows(principal, .organiseMeetings),
            "pager": pager.model(base: SitePath.meetings.href, query: query, noun: "cuộc họp"),
            "message": flash?["message"] ?? "", "hasMessage": flash?["message"] != nil
        ]
        return try pages.page(
            "meetings", title: "Lịch họp", crumbs: [.init(label: "Lịch họp", href: nil)], model: model, context: context,
            currentPath: SitePath.meetings.href)
    }

    func freeSlots(_ query: FormFields, context: AppRequestContext) async throws -> FreeSlotsDTO {
        let principal = try context.requirePrincipal()
        var check = Validator()
        let times = MeetingForm.times(query, into: &check)
        let minutes = times.map { Int($0.1.timeIntervalSince($0.0) / 60) } ?? 60
        let units = query["allUnits"] == "1" ? services.reference.units.map(\.code) : query.all("units").filter { !$0.isEmpty }
        let from = times.map { VietnamTime.localDate(of: $0.0) } ?? VietnamTime.localDate(of: services.clock.now())
        let result = try await services.meetings.freeSlots(
            units: units, people: [], minutes: minutes, from: from, days: 10, by: principal, at: services.clock.now())
        return FreeSlotsDTO(
            slots: result.slots.map {
                .init(start: DossierViews.time($0.start), end: DossierViews.time($0.end), conflicts: $0.conflicts.map { result.names[$0] ?? $0 })
            }, allFree: result.allFree)
    }

    func form(
        _ fields: FormFields, problems: [FieldProblem], conflicts: [RoomConflict], slots: FreeSlotsDTO?, searched: Bool,
        context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        var values = fields.pairs.reduce(into: [String: String]()) { $0[$1.0] = $1.1 }
        if values["day"] == nil {
            let tomorrow = VietnamTime.localDate(of: services.clock.now()).adding(days: 1)
            values["day"] = VietnamTime.text(tomorrow)
            values["from"] = "08:00"
            values["to"] = "09:30"
        }
        let chosen = Set(fields.all("units"))
        let units = services.reference.units
            .filter { Policy.mayInvite(principal, unit: $0.code) }
            .sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
        let mode = fields["mode"] ?? MeetingMode.online.rawValue
        let model: [String: Any] = [
            "values": values, "wholeCity": principal.seesWholeCity,
            "scopeNote": principal.seesWholeCity
                ? "Cơ quan cấp Thành phố mời được mọi phường, xã, đặc khu." : "Cán bộ phường, xã mời được điểm cầu của đơn vị mình.",
            "units": units.map { ["value": $0.code, "label": $0.name, "selected": chosen.contains($0.code) || units.count == 1] },
            "modes": MeetingMode.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == mode] },
            "repeats": [("", "Không lặp"), ("WEEKLY", "Hằng tuần"), ("DAILY", "Hằng ngày"), ("MONTHLY", "Hằng tháng")].map {
                ["value": $0.0, "label": $0.1, "selected": $0.0 == (fields["repeat"] ?? "")]
            },
            "dayOffs": Recurrence.DayOffRule.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == fields["dayOff"]] },
            "invite": fields.pairs.isEmpty || fields["invite"] == "1",
            "conflicts": conflicts.map {
                ["room": $0.roomName, "title": $0.meetingTitle, "when": DossierViews.time($0.start), "href": SitePath.meeting(id: $0.meetingId).href]
            },
            "hasConflicts": !conflicts.isEmpty,
            "slots": (slots?.slots ?? []).map {
                ["when": "\($0.start) – \($0.end.suffix(16).prefix(5))", "conflicts": $0.conflicts.joined(separator: ", ")]
            },
            "hasSlots": !(slots?.slots.isEmpty ?? true), "allFree": slots?.allFree ?? true, "searched": searched,
            "problems": FieldLabels.rows(problems, labels: MeetingForm.labels), "hasProblems": !problems.isEmpty
        ]
        return try pages.page(
            "meeting-form", title: "Lên lịch họp",
            crumbs: [.init(label: "Lịch họp", href: SitePath.meetings.href), .init(label: "Lên lịch họp", href: nil)], model: model,
            context: context, status: status, currentPath: SitePath.meetings.href)
    }

    func meetingPage(
        _ id: Int, request: Request, context: AppRequestContext, problems: [FieldProblem], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let now = services.clock.now()
        let meeting = try await services.meetings.get(id, for: principal)
        let flash = status == .ok ? await pages.takeFlash(request, context: context, now: now) : nil
        let settings = services.meetings.settings
        let next = meeting.status == .scheduled ? meeting.occurrence(joiningAt: now, grace: settings.grace) : nil
        let organises = Policy.organises(principal, organiser: meeting.organiserAgencyId)
        let early = meeting.isModerator(principal) || (principal.unitCode.map(meeting.unitCodes.contains) ?? false)
        let joins = try await services.meetings.joins(id)
        let conclusions = try await services.meetings.conclusions(meeting: id, for: principal, limit: 200).items
        let events = try await services.timeline.events(of: CaseRef(.meeting, id))
        let ownUnit = principal.unitCode.flatMap { meeting.unitCodes.contains($0) ? $0 : nil }
        let canMarkAny = meeting.status != .cancelled
        var model: [String: Any] = [
            "title": meeting.title, "status": meeting.status.label, "mode": meeting.mode.label, "organiser": meeting.organiserAgencyName,
            "chair": meeting.chair, "agenda": meeting.agenda, "hasAgenda": !meeting.agenda.isEmpty, "hasVideo": meeting.mode.hasVideo,
            "early": settings.earlyMinutes, "icsHref": "/hop/\(id)/lich.ics", "csvHref": "/hop/\(id)/diem-danh.csv",
            "place": meeting.units.first?.room.name ?? meeting.organiserAgencyName,
            "joinHref": SitePath.meetingAction(id: id, action: "vao").href,
            "markHref": SitePath.meetingAction(id: id, action: "diem-danh").href,
            "answerHref": SitePath.meetingAction(id: id, action: "tra-loi").href,
            "readyHref": SitePath.meetingAction(id: id, action: "san-sang").href,
            "minutesHref": SitePath.meetingAction(id: id, action: "bien-ban").href,
            "approveHref": SitePath.meetingAction(id: id, action: "duyet-bien-ban").href,
            "concludeHref": SitePath.meetingAction(id: id, action: "ket-luan").href,
            "completeHref": SitePath.meetingAction(id: id, action: "hoan-thanh").href,
            "rescheduleHref": SitePath.meetingAction(id: id, action: "doi-lich").href,
            "closeHref": SitePath.meetingAction(id: id, action: "ket-thuc").href,
            "cancelHref": SitePath.meetingAction(id: id, action: "huy").href,
            "canOrganise": organises && meeting.status == .scheduled, "canConclude": organises && meeting.status != .cancelled,
            "canMinute": organises || principal.userId == meeting.secretaryUserId || principal.userId == meeting.hostUserId,
            "canApprove": organises && meeting.minutes != nil && meeting.minutesApprovedAt == nil,
            "minutes": meeting.minutes ?? "", "hasMinutes": meeting.minutes != nil, "minutesVersion": meeting.minutesVersion,
            "approved": meeting.minutesApprovedAt != nil, "canMarkAny": canMarkAny,
            "answers": RSVPAnswer.allCases.filter { $0 != .pending }.map { ["value": $0.rawValue, "label": $0.label] },
            "message": flash?["message"] ?? "", "hasMessage": flash?["message"] != nil,
            "problems": FieldLabels.rows(problems, labels: MeetingForm.labels), "hasProblems": !problems.isEmpty,
            "timeline": TimelineRow.rows(events, for: .staff)
        ]
        if let ownUnit, Policy.meetingRecorders.contains(principal.role) { model["ownUnit"] = ownUnit }
        if let next {
            let open = early ? next.start - settings.early : next.start
            model["live"] = true
            model["when"] = "\(DossierViews.time(next.start)) – \(DossierViews.time(next.end).prefix(5))"
            if next.state == .moved, let holiday = next.holiday { model["moved"] = holiday }
            model["startMillis"] = Int(next.start.timeIntervalSince1970 * 1000)
            model["openMillis"] = Int(open.timeIntervalSince1970 * 1000)
            model["waitText"] = open <= now ? "Phòng họp đang mở." : "Phòng họp mở cho Anh/Chị lúc \(DossierViews.time(open))."
        }
        model["units"] = meeting.units.map { line -> [String: Any] in
            let mayMark =
                canMarkAny
                && (Policy.marksAttendance(principal, unit: line.unitCode, organiser: meeting.organiserAgencyId)
                    || principal.userId == meeting.secretaryUserId || principal.userId == meeting.hostUserId)
            return [
                "code": line.unitCode, "name": line.unitName, "room": line.room.name, "rsvp": line.rsvp.label,
                "ready": line.readyAt.map { DossierViews.time($0) } ?? "—", "attendance": line.attendance?.label ?? "Chưa điểm danh",
                "note": line.attendanceNote ?? "", "joined": joins[line.unitCode].map { DossierViews.time($0) } ?? "—", "canMark": mayMark,
                "statuses": AttendanceStatus.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0 == line.attendance] }
            ]
        }
        model["hasUnits"] = !meeting.units.isEmpty
        model["people"] = meeting.people.map { ["name": $0.name, "role": $0.role.label, "rsvp": $0.rsvp.label] }
        model["hasPeople"] = !meeting.people.isEmpty
        let held = meeting.occurrences
        model["occurrences"] = held.map { occurrence -> [String: Any] in
            let note: String =
                switch occurrence.state {
                case .skipped: "không họp (\(occurrence.holiday ?? "ngày nghỉ"))"
                case .moved: "dời từ \(DossierViews.day(occurrence.original)) do \(occurrence.holiday ?? "ngày nghỉ")"
                case .cancelled: "không họp"
                case .edited: "đổi giờ"
                case .regular: ""
                }
            return ["when": DossierViews.time(occurrence.start), "note": note]
        }
        model["hasOccurrences"] = held.count > 1
        model["occurrenceCount"] = DossierViews.number(held.count)
        model["conclusions"] = conclusions.map { conclusion -> [String: Any] in
            [
                "id": conclusion.id, "text": conclusion.text, "owner": conclusion.agencyName,
                "due": conclusion.due.map { DossierViews.time($0) } ?? "—",
                "status": conclusion.status.label, "overdue": conclusion.isOverdue(at: now),
                "canComplete": conclusion.status == .open && (principal.agencyId == conclusion.agencyId || organises)
            ]
        }
        model["hasConclusions"] = !conclusions.isEmpty
        var owners = [principal.agencyId, meeting.organiserAgencyId] + meeting.units.map(\.room.agencyId)
        owners = owners.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var ownerOptions: [[String: Any]] = []
        for agency in owners {
            if let found = try? await services.agencies.get(agency) { ownerOptions.append(["value": found.id, "label": found.name]) }
        }
        model["owners"] = ownerOptions
        return try pages.page(
            "meeting", title: meeting.title,
            crumbs: [.init(label: "Lịch họp", href: SitePath.meetings.href), .init(label: meeting.title, href: nil)], model: model,
            context: context, status: status, currentPath: SitePath.meetings.href)
    }

    /// Every form of the meeting page: each answers 303 back to it, or 400 there with the problems.
    func action(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.intParam("id")
        let name = try context.param("action")
        let fields = try await FormFields.from(request, context: context)
        let now = services.clock.now()
        let back = SitePath.meeting(id: id).href
        let store = services.meetings
        do {
            let message: String
            switch name {
            case "vao":
                let grant = try await store.join(id, by: principal, at: now)
                guard grant.notBefore <= now else {
                    return await pages.redirect(
                        back, message: "Phòng họp chưa mở: Anh/Chị vào được từ \(DossierViews.time(grant.notBefore)).", context: context, now: now)
                }
                return PageRenderer.redirect(try await tokens.token(for: grant, at: now).url)
            case "diem-danh":
                guard let status = AttendanceStatus(rawValue: fields["status"] ?? "") else {
                    throw ValidationError(field: "status", "Chọn trạng thái điểm danh.")
                }
                _ = try await store.markAttendance(id, unit: fields["unit"] ?? "", status, note: fields["note"] ?? "", by: principal, at: now)
                message = "Đã điểm danh."
            case "tra-loi":
                guard let answer = RSVPAnswer(rawValue: fields["answer"] ?? ""), answer != .pending else {
                    throw ValidationError(field: "answer", "Chọn câu trả lời.")
                }
                let unit = fields["unit"].flatMap { $0.isEmpty ? nil : $0 }
                _ = try await store.answer(id, unit: unit, answer, by: principal, at: now)
                message = "Đã gửi trả lời: \(answer.label)."
            case "san-sang":
                _ = try await store.markReady(id, unit: fields["unit"] ?? "", by: principal, at: now)
                message = "Đã báo điểm cầu sẵn sàng."
            case "bien-ban":
                _ = try await store.saveMinutes(id, text: fields["minutes"], approve: false, by: principal, at: now)
                message = "Đã lưu bản mới của biên bản."
            case "duyet-bien-ban":
                _ = try await store.saveMinutes(id, text: nil, approve: true, by: principal, at: now)
                message = "Đã duyệt biên bản."
            case "ket-luan":
                var check = Validator()
                let days = fields.int("days", default: 5, range: 1...365, into: &check)
                try check.check()
                let conclusion = try await store.conclude(
                    id, text: fields["text"] ?? "", owner: fields["owner"] ?? "", days: days, by: principal, at: now)
                message = "Đã giao kết luận, hạn \(conclusion.due.map { DossierViews.time($0) } ?? "")."
            case "hoan-thanh":
                var check = Validator()
                let conclusion = fields.int("conclusion", default: 0, range: 1...Int(Int32.max), into: &check)
                try check.check()
                _ = try await store.actOnConclusion(conclusion, .complete, note: "", by: principal, at: now)
                message = "Đã ghi nhận hoàn thành kết luận."
            case "doi-lich":
                var check = Validator()
                let times = MeetingForm.times(fields, into: &check)
                try check.check()
                let saved = try await store.act(
                    id, .reschedule, MeetingActionInput(start: times?.0, end: times?.1, reason: fields["reason"] ?? ""), by: principal, at: now)
                message = "Đã đổi lịch họp sang \(DossierViews.time(saved.meeting.start)); giấy mời mới đang được gửi."
            case "ket-thuc":
                _ = try await store.act(id, .close, MeetingActionInput(), by: principal, at: now)
                message = "Đã kết thúc cuộc họp."
            case "huy":
                _ = try await store.act(id, .cancel, MeetingActionInput(reason: fields["reason"] ?? ""), by: principal, at: now)
                message = "Đã hủy cuộc họp và báo cho người được mời."
            default:
                throw NotFoundError("page", name)
            }
            return await pages.redirect(back, message: message, context: context, now: now)
        } catch let error as ValidationError {
            return try await meetingPage(id, request: request, context: context, problems: error.problems, status: .badRequest)
        } catch let error as MeetingConflictError {
            return try await meetingPage(
                id, request: request, context: context, problems: [FieldProblem(field: "day", message: error.message)], status: .conflict)
        }
    }

    func board(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = request.query
        let now = services.clock.now()
        let mine = query["xem"] == "duoc-giao"
        let asked = Pager(query, size: 50)
        let page = try await services.meetings.conclusions(for: principal, mine: mine, limit: asked.size, offset: asked.offset)
        let pager = asked.with(total: page.total)
        let model: [String: Any] = [
            "tabs": [
                ["label": "Kết luận các cuộc họp do đơn vị tổ chức", "href": SitePath.meetingConclusions.href, "current": !mine],
                [
                    "label": "Nhiệm vụ được giao cho đơn vị", "href": QueryString.link(SitePath.meetingConclusions.href, [("xem", "duoc-giao")]),
                    "current": mine
                ]
            ],
            "rows": page.items.map { conclusion -> [String: Any] in
                [
                    "text": conclusion.text, "meeting": conclusion.meetingTitle, "href": SitePath.meeting(id: conclusion.meetingId).href,
                    "owner": conclusion.agencyName, "due": conclusion.due.map { DossierViews.time($0) } ?? "—", "status": conclusion.status.label,
                    "overdue": conclusion.isOverdue(at: now)
                ]
            },
            "hasRows": !page.items.isEmpty,
            "pager": pager.model(base: SitePath.meetingConclusions.href, query: query, noun: "kết luận")
        ]
        return try pages.page(
            "meeting-conclusions", title: "Theo dõi kết luận cuộc họp",
            crumbs: [.init(label: "Lịch họp", href: SitePath.meetings.href), .init(label: "Theo dõi kết luận", href: nil)], model: model,
            context: context, currentPath: SitePath.meetings.href)
    }

    func rooms(
        _ request: Request, _ context: AppRequestContext, problems: [FieldProblem], status: HTTPResponse.Status = .ok
    ) async throws
        -> Response
    {
        let principal = try context.requirePrincipal()
        let now = services.clock.now()
        let flash = status == .ok ? await pages.takeFlash(request, context: context, now: now) : nil
        let rooms = try await services.meetings.rooms(unit: principal.unitCode)
        let model: [String: Any] = [
            "rooms": rooms.map { room -> [String: Any] in
                [
                    "id": room.id, "name": room.name, "capacity": room.capacity, "equipment": room.equipment, "sipAddress": room.sipAddress ?? "",
                    "metronetLine": room.metronetLine ?? "", "technicianName": room.technicianName ?? "",
                    "technicianPhone": room.technicianPhone ?? "", "technicianEmail": room.technicianEmail ?? "",
                    "editable": principal.role == .admin || (principal.agencyId == room.agencyId && Policy.meetingRecorders.contains(principal.role))
                ]
            },
            "message": flash?["message"] ?? "", "hasMessage": flash?["message"] != nil,
            "problems": FieldLabels.rows(problems, labels: MeetingForm.labels), "hasProblems": !problems.isEmpty
        ]
        return try pages.page(
            "meeting-rooms", title: "Phòng họp trực tuyến",
            crumbs: [.init(label: "Lịch họp", href: SitePath.meetings.href), .init(label: "Phòng họp", href: nil)], model: model, context: context,
            status: status, currentPath: SitePath.meetings.href)
    }
}
