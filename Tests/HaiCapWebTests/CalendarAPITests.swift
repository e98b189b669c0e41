import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Calendar API, pages and the announcement editor")
struct CalendarAPITests {
    static let json: HTTPFields = [.contentType: "application/json"]

    @Test("GET /api/v1/calendar/2025: holidays with names and kinds, the worked Saturday 26/4")
    func year() async throws {
        try await WebHarness.run { _, client in
            let json = try await client.execute(uri: "/api/v1/calendar/2025", method: .get).json()
            let holidays = json["holidays"] as? [[String: Any]] ?? []
            let dates = Set(holidays.compactMap { $0["date"] as? String })
            // The official 2025 Tết break: Saturday 25/1 to Sunday 2/2; weekdays 27/1–31/1 are days off.
            #expect(
                dates.isSuperset(of: [
                    "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
                    "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"
                ]))
            #expect(holidays.allSatisfy { ($0["name"] as? String)?.isEmpty == false && $0["kind"] != nil })
            let weekends = (json["workingWeekends"] as? [[String: Any]] ?? []).compactMap { $0["date"] as? String }
            #expect(weekends == ["2025-04-26"])
            #expect(try await client.execute(uri: "/api/v1/calendar/2300", method: .get).status == .badRequest)
        }
    }

    @Test("lunar ↔ solar: Tết 2025 is 29/1, Giỗ Tổ 10/3 Ất Tỵ is 7/4/2025; a missing leap month is a clear 400")
    func lunarSolar() async throws {
        try await WebHarness.run { _, client in
            let lunar = try await client.execute(uri: "/api/v1/calendar/lunar?date=2025-01-29", method: .get).json()
            #expect(lunar["day"] as? Int == 1 && lunar["month"] as? Int == 1 && lunar["year"] as? Int == 2025 && lunar["leap"] as? Bool == false)
            let solar = try await client.execute(uri: "/api/v1/calendar/solar?lunarYear=2025&lunarMonth=3&lunarDay=10&leap=false", method: .get)
                .json()
            #expect(solar["date"] as? String == "2025-04-07")
            let leap = try await client.execute(uri: "/api/v1/calendar/solar?lunarYear=2025&lunarMonth=6&lunarDay=1&leap=true", method: .get).json()
            #expect(leap["date"] as? String == "2025-07-25")
            #expect(
                try await client.execute(uri: "/api/v1/calendar/solar?lunarYear=2025&lunarMonth=3&lunarDay=1&leap=true", method: .get).status
                    == .badRequest)
            #expect(try await client.execute(uri: "/api/v1/calendar/lunar?date=2025-02-30", method: .get).status == .badRequest)
        }
    }

    @Test("POST /api/v1/calendar/deadline: the 15:00 cut-off on the Friday before Tết 2025, and a pause over a weekend")
    func deadline() async throws {
        try await WebHarness.run { _, client in
            func due(_ body: String) async throws -> [String: Any] {
                try await client.execute(uri: "/api/v1/calendar/deadline", method: .post, headers: Self.json, body: ByteBuffer(string: body)).json()
            }
            #expect(
                try await due(#"{"start":"2025-01-24T14:59:00+07:00","duration":0,"unit":"workingDays"}"#)["due"] as? String
                    == "2025-01-24T17:00:00+07:00")
            let late = try await due(#"{"start":"2025-01-24T15:01:00+07:00","duration":0,"unit":"workingDays"}"#)
            #expect(late["due"] as? String == "2025-02-03T17:00:00+07:00")
            let skipped = (late["skipped"] as? [[String: Any]] ?? []).compactMap { $0["date"] as? String }
            #expect(
                skipped == [
                    "2025-01-25", "2025-01-26", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"
                ])
            // 3 calendar days paused from Friday 10:00 to Monday 10:00 = 8 working hours: the due date moves one working day.
            let plain = try await due(#"{"start":"2025-03-03T08:00:00+07:00","duration":5,"unit":"workingDays"}"#)
            let paused = try await due(
                #"{"start":"2025-03-03T08:00:00+07:00","duration":5,"unit":"workingDays","pauses":[{"from":"2025-03-07T10:00:00+07:00","to":"2025-03-10T10:00:00+07:00"}]}"#
            )
            #expect(plain["due"] as? String == "2025-03-10T17:00:00+07:00")
            #expect(paused["due"] as? String == "2025-03-11T17:00:00+07:00")
            #expect(paused["workingMinutesPaused"] as? Int == 480)
            let bad = try await client.execute(
                uri: "/api/v1/calendar/deadline", method: .post, headers: Self.json,
                body: ByteBuffer(string: #"{"start":"hôm qua","duration":-1,"unit":"weeks"}"#))
            #expect(bad.status == .badRequest)
            let fields = ((try bad.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["start", "duration", "unit"])
        }
    }

    @Test("an agency's own office hours (Saturday morning) are used when the agency is named")
    func agencyHours() async throws {
        try await WebHarness.run { harness, client in
            let centre = try #require(try await harness.services.agencies.list(unitCode: "26737", kind: .unitServiceCentre).items.first)
            try await harness.services.calendars.setHours(
                WorkingHours.standard.withSaturday([WorkingPeriod("07:30", "11:30")]),
                agencyId: centre.id, by: nil, at: harness.services.clock.now())
            let body = #"{"start":"2025-03-07T16:00:00+07:00","duration":2,"unit":"workingHours","agency":"\#(centre.id)"}"#
            let json = try await client.execute(uri: "/api/v1/calendar/deadline", method: .post, headers: Self.json, body: ByteBuffer(string: body))
                .json()
            #expect(json["due"] as? String == "2025-03-08T08:30:00+07:00")
        }
    }

    @Test("an administrator sets a centre's Saturday hours on the agency page; bad hours save nothing")
    func agencyHoursForm() async throws {
        try await WebHarness.run { harness, client in
            let centre = try #require(try await harness.services.agencies.list(unitCode: "26737", kind: .unitServiceCentre).items.first)
            var headers = try await harness.browser("admin")
            headers[.contentType] = "application/x-www-form-urlencoded"
            let name = centre.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let bad = "_csrf=\(WebHarness.csrf)&id=\(centre.id)&name=\(name)&workingHours=T2-T6%3A+07%3A30-25%3A00"
            let refused = try await client.execute(
                uri: "/quan-tri/co-quan/\(centre.id)", method: .post, headers: headers, body: ByteBuffer(string: bad))
            #expect(refused.status == .badRequest)
            #expect(try await harness.services.calendars.hours(agencyId: centre.id) == nil)
            let good =
                "_csrf=\(WebHarness.csrf)&id=\(centre.id)&name=\(name)&workingHours=T2-T6%3A+07%3A30-11%3A30%2C+13%3A00-17%3A00%3B+T7%3A+07%3A30-11%3A30"
            let saved = try await client.execute(
                uri: "/quan-tri/co-quan/\(centre.id)", method: .post, headers: headers, body: ByteBuffer(string: good))
            #expect(saved.status == .seeOther)
            #expect(
                try await harness.services.calendars.hours(agencyId: centre.id)
                    == WorkingHours.standard.withSaturday([WorkingPeriod("07:30", "11:30")]))
            let page = try await client.execute(uri: saved.headers[.location]!, method: .get, headers: headers)
            #expect(page.text.contains("T7: 07:30-11:30") && page.text.contains("Đã lưu"))
        }
    }

    @Test("changing an announcement recomputes open deadlines and says how many moved; bad input is refused whole")
    func announcementRecompute() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let start = VietnamTime.date(2031, 3, 3, 9, 0)
            try await services.deadlines.save(
                DeadlineClock(start: start, duration: .workingDays(10)), of: CaseRef(CaseKind("test", label: "thử", numericKey: false), "A"),
                agencyId: nil, now: services.clock.now())
            try await services.deadlines.save(
                DeadlineClock(start: start, duration: .workingDays(1)), of: CaseRef(CaseKind("test", label: "thử", numericKey: false), "B"),
                agencyId: nil, now: services.clock.now())
            let before = try #require(try await services.deadlines.cachedDue(of: CaseRef(CaseKind("test", label: "thử", numericKey: false), "A")))
            var headers = try await harness.browser("admin")
            headers[.contentType] = "application/x-www-form-urlencoded"
            let form =
                "_csrf=\(WebHarness.csrf)&source=Th%C3%B4ng+b%C3%A1o+th%E1%BB%AD&daysOff=2031-03-10+%7C+Ngh%E1%BB%89+th%E1%BB%AD+%7C+announcedOff&workingDays=&notes="
            let saved = try await client.execute(uri: "/quan-tri/lich-nghi/2031", method: .post, headers: headers, body: ByteBuffer(string: form))
            // Redirect after POST: the editor shows the outcome at a GET address, so a refresh does not save twice.
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location == "/quan-tri/lich-nghi?year=2031&luu=1")
            let shown = try await client.execute(uri: location, method: .get, headers: headers)
            #expect(shown.text.contains("1 hạn giải quyết đang mở thay đổi"))
            let after = try #require(try await services.deadlines.cachedDue(of: CaseRef(CaseKind("test", label: "thử", numericKey: false), "A")))
            #expect(after.timeIntervalSince(before) == 86_400)
            let year = try await client.execute(uri: "/api/v1/calendar/2031", method: .get).json()
            #expect((year["holidays"] as? [[String: Any]] ?? []).contains { $0["date"] as? String == "2031-03-10" })

            let bad = "_csrf=\(WebHarness.csrf)&source=&daysOff=2031-13-01+%7C+x&workingDays=2031-03-12+%7C+th%E1%BB%A9+T%C6%B0"
            let refused = try await client.execute(uri: "/quan-tri/lich-nghi/2031", method: .post, headers: headers, body: ByteBuffer(string: bad))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("không phải ngày (dd/mm/yyyy") && refused.text.contains("Chưa ghi căn cứ"))
            #expect(try await services.calendars.announcement(year: 2031)?.source == "Thông báo thử")
            #expect(try await services.audit.list(.init(action: "calendar.")).total == 1)
        }
    }

    @Test("the year page shows month grids with lunar dates and explains each day off")
    func yearPage() async throws {
        try await WebHarness.run { _, client in
            let page = try await client.execute(uri: "/lich-lam-viec/2025", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Ất Tỵ") && page.text.contains("Tháng 12"))
            #expect(page.text.contains("Tết Nguyên đán (mùng 1)") && page.text.contains("Làm bù cho thứ Sáu 02/05/2025"))
            #expect(page.text.contains("class=\"lunar first\">1/1<"))
            let calculator = try await client.execute(uri: "/tinh-han?start=2025-01-24T15%3A01&duration=0&unit=workingDays", method: .get)
            #expect(calculator.text.contains("Thứ Hai, 17:00 03/02/2025"))
        }
    }
}
