import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The working-time calendar: year calendars, lunar conversion and the deadline calculator for
/// everyone; the yearly announcements for administrators.
///
/// | route | permission |
/// |---|---|
/// | GET /lich-lam-viec, /lich-lam-viec/{year}, /tinh-han; GET /api/v1/calendar/… ; POST /api/v1/calendar/deadline | everyone |
/// | GET/POST /quan-tri/lich-nghi…, PUT /api/v1/calendar/announcements/{year} | administer |
struct CalendarRoutes {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get("/api/v1/calendar/lunar", .everyone) { request, _ in
            let date = try CalendarInput.date(request.query.get("date"), field: "date")
            try Self.checkYear(date.year, field: "date")
            let lunar = LunarCalendar.lunar(from: date)
            return JSONBody.response(
                LunarDTO(
                    day: lunar.day, month: lunar.month, year: lunar.year, leap: lunar.isLeapMonth,
                    canChi: CanChi.year(lunar.year)))
        }
        routes.get("/api/v1/calendar/solar", .everyone) { request, _ in
            let params = request.query
            var check = Validator()
            let year = params.get("lunarYear").flatMap(Int.init)
            let month = params.get("lunarMonth").flatMap(Int.init)
            let day = params.get("lunarDay").flatMap(Int.init)
            let leapText = params.get("leap") ?? "false"
            check.require(year.map { (1900...2199).contains($0) } ?? false, "lunarYear", "Năm âm lịch phải là số từ 1900 đến 2199.")
            check.require(month.map { (1...12).contains($0) } ?? false, "lunarMonth", "Tháng âm lịch phải là số từ 1 đến 12.")
            check.require(day.map { (1...30).contains($0) } ?? false, "lunarDay", "Ngày âm lịch phải là số từ 1 đến 30.")
            check.require(["true", "false", "1", "0"].contains(leapText), "leap", "leap phải là true hoặc false.")
            try check.check()
            let lunar = LunarDate(day: day!, month: month!, year: year!, isLeapMonth: leapText == "true" || leapText == "1")
            guard let solar = LunarCalendar.solar(from: lunar) else {
                throw ValidationError(
                    field: lunar.isLeapMonth ? "leap" : "lunarDay",
                    lunar.isLeapMonth
                        ? "Năm \(year!) không có tháng \(month!) nhuận (hoặc tháng nhuận không có ngày \(day!))."
                        : "Tháng \(month!) năm \(year!) âm lịch không có ngày \(day!).")
            }
            return JSONBody.response(SolarDTO(date: solar.iso))
        }
        routes.post("/api/v1/calendar/deadline", .everyone) { request, context in
            let body = try await JSONInput.decode(DeadlineRequest.self, from: request, context: context)
            return JSONBody.response(try await DeadlineCalculator(services: services).compute(body))
        }
        routes.get("/api/v1/calendar/announcements/{year}", .everyone) { _, context in
            let year = try Self.year(context)
            guard let announcement = try await services.calendars.announcement(year: year) else {
                throw NotFoundError("announcement", String(year))
            }
            return JSONBody.response(announcement)
        }
        routes.add(.put, "/api/v1/calendar/announcements/{year}", .administer) { request, context in
            let year = try Self.year(context)
            let announcement = try await JSONInput.decode(YearAnnouncement.self, from: request, context: context)
            guard announcement.year == year else {
                throw ValidationError(field: "year", "Năm trong nội dung (\(announcement.year)) khác năm trên địa chỉ (\(year)).")
            }
            let changed = try await services.calendars.save(announcement, by: context.principal, at: services.clock.now())
            return JSONBody.response(AnnouncementSaved(year: year, recomputed: changed))
        }
        routes.get("/api/v1/calendar/{year}", .everyone) { _, context in
            let year = try Self.year(context)
            return JSONBody.response(try await yearDTO(year))
        }

        routes.get(SitePath.Pattern.calendar, .everyone) { _, _ in
            PageRenderer.redirect(SitePath.calendarYear(VietnamTime.localDate(of: services.clock.now()).year).href)
        }
        routes.get(SitePath.Pattern.calendarYear, .everyone) { _, context in
            let year = try Self.year(context)
            let model = try await YearCalendarPage(services: services).model(year: year)
            return try pages.page(
                "calendar-year", title: "Lịch làm việc năm \(year)",
                crumbs: [.init(label: "Lịch làm việc \(year)", href: nil)], model: model, context: context,
                currentPath: SitePath.calendar.href)
        }
        routes.get(SitePath.Pattern.calculator, .everyone) { request, context in
            try await CalculatorPage(services: services, pages: pages).render(request: request, context: context)
        }
        routes.get(SitePath.Pattern.adminAnnouncements, .administer) { request, context in
            try await AnnouncementEditor(services: services, pages: pages).render(
                year: request.query.get("year").flatMap(Int.init),
                context: context, problems: [],
                saved: request.query.get("luu").flatMap(Int.init))
        }
        routes.post(SitePath.Pattern.adminAnnouncement, .administer) { request, context in
            try await AnnouncementEditor(services: services, pages: pages).save(year: try Self.year(context), request: request, context: context)
        }
    }

    func yearDTO(_ year: Int) async throws -> CalendarYearDTO {
        let calendar = try await services.calendars.calendar()
        let announcement = try await services.calendars.announcement(year: year)
        return CalendarYearDTO(
            year: year, canChi: CanChi.year(year), announced: announcement != nil, source: announcement?.source,
            holidays: calendar.holidays(year: year).map { HolidayDTO(date: $0.date.iso, name: $0.name, kind: $0.kind.rawValue) },
            workingWeekends: Holidays.workingWeekendDays(year, announcement: announcement).map { date in
                WorkingWeekendDTO(date: date.iso, reason: announcement?.workingDays.first { $0.date == date }?.reason ?? "Làm bù")
            })
    }

    static func year(_ context: AppRequestContext) throws -> Int {
        let raw = try context.param("year")
        guard let year = Int(raw) else { throw ValidationError(field: "year", "Năm phải là số, ví dụ 2026.") }
        try checkYear(year, field: "year")
        return year
    }

    static func checkYear(_ year: Int, field: String) throws {
        guard (1900...2199).contains(year) else { throw ValidationError(field: field, "Năm phải trong khoảng 1900–2199.") }
    }
}
