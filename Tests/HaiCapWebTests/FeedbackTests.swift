import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Testing

/// 1022 reports through the stores, with a frozen clock, on SQLite and (in CI) PostgreSQL:
/// routing on real points, duplicates, deadlines over holidays, reopening, access, bad input.
@Suite("1022 feedback: routing, deadlines, handling")
struct FeedbackTests {
    /// Monday 23/11/2026 09:00; Tuesday 24/11 is Ngày Văn hóa Việt Nam, a day off from 2026.
    static let monday = VietnamTime.date(2026, 11, 23, 9, 0)

    static func draft(
        _ category: String = "chieu-sang", lat: Double? = nil, lon: Double? = nil, address: String? = nil,
        description: String = "Đèn đường trước nhà số 12 không sáng ba đêm liền"
    ) -> ReportDraft {
        ReportDraft(
            categoryCode: category, description: description, lat: lat.map { String($0) }, lon: lon.map { String($0) },
            address: address, name: "Nguyễn Văn An", phone: "0903123456", email: "an@example.vn", channel: .web)
    }

    static func committee(_ services: AppServices, _ unit: String) async throws -> String {
        try await services.agencies.list(unitCode: unit, kind: .unitPeoplesCommittee).items.first!.id
    }

    static func reportCount(_ services: AppServices) async throws -> Int {
        try await services.database.sql.raw("SELECT COUNT(*) AS n FROM feedback_reports").first()!.decode(column: "n", as: Int.self)
    }

    @Test("Every unit's centre lies in its own area; most old wards fall in the unit that took them over")
    func approximateBoundaries() async throws {
        let reference = try ReferenceFiles.load()
        let geography = try GeographyStore.approximate(reference)
        #expect(geography.isApproximate)
        #expect(geography.shapes.count == 168)
        for unit in reference.units {
            #expect(geography.unit(at: GeoPoint(lat: unit.latitude, lon: unit.longitude)) == unit.code, "\(unit.code) \(unit.name)")
        }
        // Independent check: the official conversion table, for old wards taken over whole.
        var agree = 0, total = 0
        for place in try ReferenceFiles.oldWardPlaces() {
            guard let ward = reference.oldWardsByAnyCode[place.code] else { continue }
            let successors = reference.successions(of: ward)
            guard successors.count == 1 else { continue }
            total += 1
            if geography.unit(at: place.centroid) == successors[0].newUnitCode { agree += 1 }
        }
        #expect(total > 350)
        #expect(Double(agree) / Double(total) > 0.9, "\(agree)/\(total)")
        // Areas do not overlap: the total is close to the city's 6,772 km² (with the land margin).
        let area = geography.shapes.reduce(0) { $0 + $1.shape.areaKm2 }
        #expect(area > 5_000 && area < 12_000, "\(area) km²")
    }

    @Test("A point inside each of 24 units goes to that unit's UBND; the sea and other provinces go to the operators")
    func routingOnRealPoints() async throws {
        try await TestDatabase.withServices { services in
            let units = stride(from: 0, to: 168, by: 7).map { services.reference.units[$0] }
            #expect(units.count == 24)
            for unit in units {
                let submitted = try await services.reports.submit(Self.draft(lat: unit.latitude, lon: unit.longitude), by: nil, at: Self.monday)
                #expect(submitted.report.unitCode == unit.code)
                #expect(submitted.report.agencyId == (try await Self.committee(services, unit.code)), "\(unit.name)")
                #expect(submitted.report.boundaryApproximate)
            }
            for (lat, lon) in [(10.30, 106.95), (21.0285, 105.8542), (10.0, 105.0)] {
                let submitted = try await services.reports.submit(Self.draft(lat: lat, lon: lon), by: nil, at: Self.monday)
                #expect(submitted.report.unitCode == nil)
                #expect(submitted.report.agencyId == AgencyScheme.operators1022Id)
                #expect(submitted.report.forwardedAt == nil)
                #expect(submitted.report.forwardDue == Self.monday.addingTimeInterval(5 * 60))
            }
            // An old address and a new one, without a position.
            let old = try await services.reports.submit(Self.draft(address: "45 Lê Thánh Tôn, Phường Bến Nghé, Quận 1"), by: nil, at: Self.monday)
            #expect(old.report.unitCode == "26740")
            let current = try await services.reports.submit(Self.draft(address: "12 Lê Lợi, Phường Bến Thành"), by: nil, at: Self.monday)
            #expect(current.report.unitCode == "26743")
            let unknown = try await services.reports.submit(Self.draft(address: "đâu đó không rõ"), by: nil, at: Self.monday)
            #expect(unknown.report.agencyId == AgencyScheme.operators1022Id)
        }
    }

    @Test("A category answered by a utility, and an administrator's rule, override the ward")
    func routingRules() async throws {
        try await TestDatabase.withServices { services in
            let saigon = services.reference.unitsByCode["26740"]!
            let power = try await services.reports.submit(
                Self.draft(
                    "dien", lat: saigon.latitude, lon: saigon.longitude,
                    description: "Dây điện võng thấp sát mặt đường"), by: nil, at: Self.monday)
            #expect(power.report.agencyId == StandardCategories.electricity)
            #expect(power.report.unitCode == "26740")
            let rule = try await services.feedbackCatalogue.addRule(
                RoutingRule(
                    categoryCode: "chieu-sang", unitCode: "26740", agencyId: StandardCategories.construction, note: "Tuyến đường do Thành phố quản lý"
                ),
                knownUnits: Set(services.reference.units.map(\.code)), by: nil, at: Self.monday)
            let light = try await services.reports.submit(Self.draft(lat: saigon.latitude, lon: saigon.longitude), by: nil, at: Self.monday)
            #expect(light.report.agencyId == StandardCategories.construction)
            let events = try await services.reports.events(of: light.report.id, publicOnly: true)
            #expect(events.contains { $0.action == "route" && $0.note.contains("quy tắc điều phối số \(rule.id)") })
            // Elsewhere the ward still answers.
            let tanDinh = services.reference.unitsByCode["26737"]!
            let other = try await services.reports.submit(Self.draft(lat: tanDinh.latitude, lon: tanDinh.longitude), by: nil, at: Self.monday)
            #expect(other.report.agencyId == (try await Self.committee(services, "26737")))
        }
    }

    @Test("Open reports of the same category within the radius are offered as duplicates, nearest first")
    func duplicates() async throws {
        try await TestDatabase.withServices { services in
            let base = GeoPoint(lat: 10.7769, lon: 106.7009)
            let first = try await services.reports.submit(Self.draft(lat: base.lat, lon: base.lon), by: nil, at: Self.monday)
            // About 30 m north, 80 m north, and the same place in another category.
            let near = GeoPoint(lat: base.lat + 30 / 111_195, lon: base.lon)
            let second = try await services.reports.submit(Self.draft(lat: near.lat, lon: near.lon), by: nil, at: Self.monday)
            _ = try await services.reports.submit(
                Self.draft(
                    "cay-xanh", lat: base.lat, lon: base.lon,
                    description: "Cây nghiêng sát nhà dân, sợ ngã"), by: nil, at: Self.monday)
            let probe = GeoPoint(lat: base.lat + 10 / 111_195, lon: base.lon)
            let found = try await services.reports.nearby(category: "chieu-sang", point: probe, radiusMetres: 50)
            #expect(found.map(\.report.id) == [first.report.id, second.report.id])
            #expect(abs(found[0].metres - 10) < 1)
            let far = GeoPoint(lat: base.lat - 80 / 111_195, lon: base.lon)
            #expect(try await services.reports.nearby(category: "chieu-sang", point: far, radiusMetres: 50).isEmpty)
            // A closed report is no longer offered; merging adds a follower.
            let admin = try await services.accounts.principal(for: try await services.accounts.find(username: "admin")!)
            _ = try await services.reports.act(
                second.report.id, .merge, ReportActionInput(mergeInto: first.report.id), by: .official(admin), at: Self.monday)
            let after = try await services.reports.nearby(category: "chieu-sang", point: probe, radiusMetres: 50)
            #expect(after.map(\.report.id) == [first.report.id])
            #expect(after[0].report.followers == 1)
        }
    }

    @Test("Five working days skip the weekend and the new 24/11 holiday; a request for information pauses the clock")
    func deadlines() async throws {
        try await TestDatabase.withServices { services in
            let tanDinh = services.reference.unitsByCode["26737"]!
            let report = try await services.reports.submit(Self.draft(lat: tanDinh.latitude, lon: tanDinh.longitude), by: nil, at: Self.monday)
            // Wed 25, Thu 26, Fri 27, Mon 30/11, Tue 1/12 (Tuesday 24/11 is a day off).
            #expect(VietnamTime.iso(report.report.due) == "2026-12-01T17:00:00+07:00")
            let april = try await services.reports.submit(
                Self.draft(lat: tanDinh.latitude, lon: tanDinh.longitude),
                by: nil, at: VietnamTime.date(2026, 4, 24, 10, 0))
            // Tue 28, Wed 29 (27/4 observed Giỗ Tổ, 30/4 and 1/5 off), Mon 4, Tue 5, Wed 6/5.
            #expect(VietnamTime.iso(april.report.due) == "2026-05-06T17:00:00+07:00")

            let leader = try await services.accounts.principal(for: try await services.accounts.find(username: "lanhdao.tandinh")!)
            let waiting = try await services.reports.act(
                report.report.id, .requestInformation,
                ReportActionInput(note: "Xin cho biết số nhà gần nhất với trụ đèn."),
                by: .official(leader), at: VietnamTime.date(2026, 11, 25, 9, 0))
            #expect(waiting.status == .waitingForInformation)
            #expect(!waiting.isOverdue(at: VietnamTime.date(2026, 12, 10, 9, 0)))
            // The reporter answers two working days later (Wed 09:00 → Fri 09:00): the due date moves by two working days.
            let resumed = try await services.reports.act(
                report.report.id, .supplyInformation, ReportActionInput(note: "Trước nhà số 14."),
                by: .reporter(token: report.token), at: VietnamTime.date(2026, 11, 27, 9, 0))
            #expect(resumed.status == .inProgress)
            #expect(VietnamTime.iso(resumed.due) == "2026-12-03T17:00:00+07:00")
            #expect(resumed.isOverdue(at: VietnamTime.date(2026, 12, 4, 8, 0)))
            let overdue = try await services.reports.list(
                {
                    var q = ReportStore.ListQuery(); q.queue = .overdue; return q
                }(),
                for: leader, now: VietnamTime.date(2026, 12, 4, 8, 0))
            #expect(overdue.items.map(\.id) == [april.report.id, report.report.id])
            let counts = try await services.reports.queueCounts(for: leader, now: VietnamTime.date(2026, 12, 4, 8, 0))
            #expect(counts[.overdue] == 2 && counts[.active] == 2 && counts[.inProgress] == 1 && counts[.new] == 1 && counts[.all] == 2)
        }
    }

    @Test("Answer, rate, reopen within the window with the reporter's token, not after it")
    func answerAndReopen() async throws {
        try await TestDatabase.withServices { services in
            let tanDinh = services.reference.unitsByCode["26737"]!
            let report = try await services.reports.submit(Self.draft(lat: tanDinh.latitude, lon: tanDinh.longitude), by: nil, at: Self.monday)
            let specialist = try await services.accounts.principal(for: try await services.accounts.find(username: "chuyenvien.tandinh")!)
            let assigned = try await services.reports.act(report.report.id, .assign, ReportActionInput(), by: .official(specialist), at: Self.monday)
            #expect(assigned.status == .inProgress)
            #expect(assigned.assigneeName == specialist.fullName)
            let answered = try await services.reports.act(
                report.report.id, .answer, ReportActionInput(note: "Đã thay bóng đèn, tuyến đường sáng trở lại."),
                by: .official(specialist), at: VietnamTime.date(2026, 11, 26, 10, 0))
            #expect(answered.status == .answered)
            #expect(answered.answeredOnTime == true)
            await #expect(throws: FeedbackError.notReporter) {
                try await services.reports.act(report.report.id, .rate, ReportActionInput(rating: 5), by: .reporter(token: "wrong"), at: Self.monday)
            }
            let rated = try await services.reports.act(
                report.report.id, .rate, ReportActionInput(rating: 2), by: .reporter(token: report.token),
                at: VietnamTime.date(2026, 11, 27, 10, 0))
            #expect(rated.rating == 2)
            let reopened = try await services.reports.act(
                report.report.id, .reopen, ReportActionInput(note: "Đèn lại tắt sau một ngày."),
                by: .reporter(token: report.token), at: VietnamTime.date(2026, 11, 30, 10, 0))
            #expect(reopened.status == .inProgress)
            #expect(reopened.reopenCount == 1)
            #expect(reopened.rating == nil)
            // A fresh five working days from the reopening: Tue 1, Wed 2, Thu 3, Fri 4, Mon 7/12.
            #expect(VietnamTime.iso(reopened.due) == "2026-12-07T17:00:00+07:00")
            _ = try await services.reports.act(
                report.report.id, .answer, ReportActionInput(note: "Đã thay bộ điều khiển của tủ điện chiếu sáng."),
                by: .official(specialist), at: VietnamTime.date(2026, 12, 1, 10, 0))
            await #expect(throws: FeedbackError.reopenWindowClosed(days: 7)) {
                try await services.reports.act(
                    report.report.id, .reopen, ReportActionInput(note: "Vẫn chưa được."),
                    by: .reporter(token: report.token), at: VietnamTime.date(2026, 12, 9, 10, 0))
            }
            let history = try await services.reports.events(of: report.report.id, publicOnly: true).map(\.action)
            #expect(history == ["submit", "route", "answer", "rate", "reopen", "answer"])
        }
    }

    @Test("Ward A's officials cannot see or handle ward B's reports")
    func wardScope() async throws {
        try await TestDatabase.withServices { services in
            let benThanh = services.reference.unitsByCode["26743"]!
            let report = try await services.reports.submit(Self.draft(lat: benThanh.latitude, lon: benThanh.longitude), by: nil, at: Self.monday)
            let tanDinh = try await services.accounts.principal(for: try await services.accounts.find(username: "lanhdao.tandinh")!)
            await #expect(throws: AccessError.forbidden) {
                try await services.reports.act(
                    report.report.id, .answer, ReportActionInput(note: "Trả lời thay phường khác."),
                    by: .official(tanDinh), at: Self.monday)
            }
            await #expect(throws: AccessError.forbidden) { try await services.reports.visible(report.report.id, to: tanDinh) }
            #expect(try await services.reports.list(ReportStore.ListQuery(), for: tanDinh, now: Self.monday).total == 0)
            #expect(try await services.reports.queueCounts(for: tanDinh, now: Self.monday)[.all] == 0)
            // A ward may only hand a report back to the operators, who forward it on.
            let operatorPrincipal = try await services.accounts.principal(for: try await services.accounts.find(username: "tongdai1022")!)
            let moved = try await services.reports.act(
                report.report.id, .forward,
                ReportActionInput(note: "Thuộc địa bàn phường Tân Định", agencyId: try await Self.committee(services, "26737")),
                by: .official(operatorPrincipal), at: Self.monday)
            #expect(moved.agencyUnitCode == "26737")
            #expect(try await services.reports.visible(report.report.id, to: tanDinh).id == report.report.id)
            await #expect(throws: ValidationError.self) {
                try await services.reports.act(
                    report.report.id, .forward, ReportActionInput(note: "Sai", agencyId: StandardCategories.construction),
                    by: .official(tanDinh), at: Self.monday)
            }
        }
    }

    @Test("Bad input is refused with the field and the reason, and nothing is stored")
    func badInput() async throws {
        try await TestDatabase.withServices { services in
            func refused(_ draft: ReportDraft, photos: [ReportPhoto] = [], field: String) async throws {
                do {
                    _ = try await services.reports.submit(draft, photos: photos, by: nil, at: Self.monday)
                    Issue.record("accepted a bad report (\(field))")
                } catch let error as ValidationError {
                    #expect(error.problems.contains { $0.field == field }, "\(error.problems)")
                }
            }
            try await refused(Self.draft(), field: "place")
            try await refused(Self.draft(lat: 95, lon: 106.7), field: "lat")
            try await refused(Self.draft(lat: 10.7, lon: 190), field: "long")
            try await refused(Self.draft("khong-co", lat: 10.7, lon: 106.7), field: "category")
            try await refused(Self.draft(lat: 10.7769, lon: 106.7009, description: "ngắn"), field: "description")
            try await refused(
                Self.draft("ha-tang", lat: 10.7769, lon: 106.7009, description: "Ổ gà lớn giữa đường Lê Lợi"), field: "attribute[muc-do]")
            var big = Data([0xFF, 0xD8, 0xFF, 0xE0])
            big.append(Data(count: ReportPhoto.maxBytes))
            try await refused(Self.draft(lat: 10.7769, lon: 106.7009), photos: [ReportPhoto(name: "lon.jpg", data: big)], field: "photos")
            try await refused(
                Self.draft(lat: 10.7769, lon: 106.7009), photos: [ReportPhoto(name: "virus.jpg", data: Data("MZ".utf8))], field: "photos")
            var contact = Self.draft(lat: 10.7769, lon: 106.7009)
            contact.phone = "12345"
            try await refused(contact, field: "phone")
            #expect(try await Self.reportCount(services) == 0)
        }
    }

    @Test("Leaving a wait by forwarding restarts the clock; agencies cannot speak for the reporter; merged reports do not reopen")
    func waitingAndMerged() async throws {
        try await TestDatabase.withServices { services in
            let tanDinh = services.reference.unitsByCode["26737"]!
            let report = try await services.reports.submit(Self.draft(lat: tanDinh.latitude, lon: tanDinh.longitude), by: nil, at: Self.monday)
            let leader = try await services.accounts.principal(for: try await services.accounts.find(username: "lanhdao.tandinh")!)
            let operatorPrincipal = try await services.accounts.principal(for: try await services.accounts.find(username: "tongdai1022")!)
            _ = try await services.reports.act(
                report.report.id, .requestInformation, ReportActionInput(note: "Xin cho biết số nhà gần nhất."),
                by: .official(leader), at: VietnamTime.date(2026, 11, 25, 9, 0))
            await #expect(throws: FeedbackError.notReporter) {
                try await services.reports.act(
                    report.report.id, .supplyInformation, ReportActionInput(note: "Tự điền thay người dân"),
                    by: .official(leader), at: VietnamTime.date(2026, 11, 26, 9, 0))
            }
            // Two working days later the ward hands it back to the operators: the pause ends there.
            let forwarded = try await services.reports.act(
                report.report.id, .forward,
                ReportActionInput(note: "Không thuộc thẩm quyền", agencyId: AgencyScheme.operators1022Id),
                by: .official(leader), at: VietnamTime.date(2026, 11, 27, 9, 0))
            #expect(forwarded.status == .new)
            let clock = try #require(try await services.deadlines.clock(of: CaseRef(.feedback, report.report.id)))
            #expect(!clock.isPaused)
            #expect(VietnamTime.iso(forwarded.due) == "2026-12-03T17:00:00+07:00")
            // The operator merges it into another report; the merged one never reopens.
            let other = try await services.reports.submit(Self.draft(lat: tanDinh.latitude, lon: tanDinh.longitude), by: nil, at: Self.monday)
            _ = try await services.reports.act(
                report.report.id, .merge, ReportActionInput(mergeInto: other.report.id),
                by: .official(operatorPrincipal), at: VietnamTime.date(2026, 11, 27, 10, 0))
            await #expect(throws: FeedbackError.self) {
                try await services.reports.act(
                    report.report.id, .reopen, ReportActionInput(note: "Chưa xử lý"), by: .reporter(token: report.token),
                    at: VietnamTime.date(2026, 11, 28, 10, 0))
            }
            #expect(try await services.reports.get(other.report.id).followers == 1)
        }
    }
}
