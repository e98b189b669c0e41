import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The administrators' editor of the yearly announcements (days off, working Saturdays in
/// exchange, source). Saving recomputes every open deadline and says how many moved.
struct AnnouncementEditor {
    let services: AppServices
    let pages: PageRenderer

    /// The kind of a day off as the editor writes it (the stored code is also accepted when read back).
    static let kindWords: [(kind: HolidayKind, word: String)] = [
        (.tetExtra, "nghỉ Tết"), (.announcedOff, "hoán đổi"), (.observed, "nghỉ bù"), (.statutory, "lễ")
    ]

    static func kind(from text: String) -> HolidayKind? {
        let folded = VietnameseText.fold(text)
        return kindWords.first { VietnameseText.fold($0.word) == folded }?.kind ?? HolidayKind(rawValue: text)
    }

    /// "10/03/2031" as the editor shows it, or "2031-03-10" as earlier versions and the API write it.
    static func day(_ text: String) -> LocalDate? {
        if let date = LocalDate(iso: text) { return date }
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 3, let day = parts[0], let month = parts[1], let year = parts[2] else { return nil }
        return LocalDate(checkedYear: year, month: month, day: day)
    }

    static func word(for kind: HolidayKind) -> String {
        kindWords.first { $0.kind == kind }?.word ?? kind.rawValue
    }

    func render(
        year: Int?, context: AppRequestContext, problems: [FieldProblem], saved: Int?,
        draft: [String: Any]? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let all = try await services.calendars.announcements()
        let year = year ?? VietnamTime.localDate(of: services.clock.now()).year + 1
        let current = all.first { $0.year == year }
        var model: [String: Any] =
            draft ?? [
                "source": current?.source ?? "", "notes": current?.notes ?? "",
                "replacesTetBreak": current?.replacesTetBreak ?? false, "replacesObservedDays": current?.replacesObservedDays ?? false,
                "nationalDayExtra": current?.nationalDayExtra?.iso ?? "",
                "daysOff": (current?.daysOff ?? []).map {
                    "\(DossierViews.date($0.date)) | \($0.reason)" + ($0.kind.map { " | \(Self.word(for: $0))" } ?? "")
                }.joined(separator: "\n"),
                "workingDays": (current?.workingDays ?? []).map { "\(DossierViews.date($0.date)) | \($0.reason)" }.joined(separator: "\n")
            ]
        model["year"] = year
        model["exists"] = current != nil
        model["years"] = all.map { ["year": $0.year, "href": SitePath.adminAnnouncements(year: $0.year).href, "source": $0.source] }
        model["action"] = SitePath.adminAnnouncement(year: year).href
        model["pickAction"] = SitePath.adminAnnouncements(year: nil).href
        model["csrf"] = context.csrfToken
        model["problems"] = FieldLabels.rows(problems)
        model["hasProblems"] = !problems.isEmpty
        model["saved"] = saved.map { ["count": $0] } as Any
        model["calendarHref"] = SitePath.calendarYear(year).href
        return try pages.page(
            "admin-announcements", title: "Lịch nghỉ năm \(year)",
            crumbs: [.init(label: "Quản trị", href: SitePath.adminHome.href), .init(label: "Lịch nghỉ", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.adminAnnouncements(year: nil).href)
    }

    func save(year: Int, request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormFields.from(request, context: context)
        var check = Validator()
        func days(_ field: String, allowKind: Bool) -> [YearAnnouncement.Day] {
            var result: [YearAnnouncement.Day] = []
            for (index, line) in (form[field] ?? "").split(whereSeparator: \.isNewline).enumerated() {
                let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.allSatisfy(\.isEmpty) { continue }
                guard let date = Self.day(parts[0]) else {
                    check.require(false, field, "Dòng \(index + 1): «\(parts[0])» không phải ngày (dd/mm/yyyy, ví dụ 10/03/2031).")
                    continue
                }
                let reason = parts.count > 1 ? parts[1] : ""
                check.require(!reason.isEmpty, field, "Dòng \(index + 1): thiếu lý do sau dấu |.")
                var kind: HolidayKind?
                if allowKind, parts.count > 2, !parts[2].isEmpty {
                    kind = Self.kind(from: parts[2])
                    check.require(
                        kind != nil, field,
                        "Dòng \(index + 1): loại «\(parts[2])» không hợp lệ (chọn một trong: \(Self.kindWords.map(\.word).joined(separator: ", "))).")
                }
                result.append(.init(date: date, reason: reason, kind: kind))
            }
            return result
        }
        let daysOff = days("daysOff", allowKind: true)
        let workingDays = days("workingDays", allowKind: false)
        var extra: LocalDate?
        if let text = form["nationalDayExtra"], !text.isEmpty {
            extra = LocalDate(iso: text)
            check.require(extra != nil, "nationalDayExtra", "Ngày phải có dạng YYYY-MM-DD.")
        }
        let announcement = YearAnnouncement(
            year: year, source: (form["source"] ?? "").trimmingCharacters(in: .whitespaces), daysOff: daysOff, workingDays: workingDays,
            replacesTetBreak: form["replacesTetBreak"] == "1", replacesObservedDays: form["replacesObservedDays"] == "1",
            nationalDayExtra: extra, notes: form["notes"].flatMap { $0.isEmpty ? nil : $0 })
        for problem in announcement.validationErrors() { check.require(false, "announcement", problem) }
        let draft: [String: Any] = [
            "source": form["source"] ?? "", "notes": form["notes"] ?? "", "replacesTetBreak": form["replacesTetBreak"] == "1",
            "replacesObservedDays": form["replacesObservedDays"] == "1", "nationalDayExtra": form["nationalDayExtra"] ?? "",
            "daysOff": form["daysOff"] ?? "", "workingDays": form["workingDays"] ?? ""
        ]
        do {
            try check.check()
            let changed = try await services.calendars.save(announcement, by: context.principal, at: services.clock.now())
            // 303 to the editor: a refresh shows the page again instead of saving twice.
            return PageRenderer.redirect(SitePath.adminAnnouncements(year: year).href + "&luu=\(changed)")
        } catch let error as ValidationError {
            return try await render(year: year, context: context, problems: error.problems, saved: nil, draft: draft, status: .badRequest)
        }
    }
}
