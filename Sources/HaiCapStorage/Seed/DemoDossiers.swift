import Foundation
import HaiCapDomain
import SQLKit

/// Demo dossiers for a newcomer's first start (demo mode only): a few thousand dossiers over the
/// past four months across the 168 wards, pushed through the real intake and action paths, so
/// every queue, counter, timeline and indicator holds consistent data. Deterministic.
public struct DemoDossiers: Sendable {
    let database: Database
    let dossiers: DossierStore
    let procedures: ProcedureStore
    let agencies: AgencyStore
    let accounts: AccountStore
    let calendars: CalendarStore

    public init(
        database: Database, dossiers: DossierStore, procedures: ProcedureStore, agencies: AgencyStore,
        accounts: AccountStore, calendars: CalendarStore
    ) {
        self.database = database
        self.dossiers = dossiers
        self.procedures = procedures
        self.agencies = agencies
        self.accounts = accounts
        self.calendars = calendars
    }

    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
    static let middleNames = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Quốc", "Gia", "Bảo", "Thu", "Hữu", "Anh"]
    static let givenNames = [
        "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Khang", "Lan", "Linh",
        "Long", "Mai", "My", "Nam", "Ngân", "Nhi", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tú", "Vy", "Yến"
    ]
    /// Procedure mix of a commune centre: mostly civil status and certification.
    static let mix: [(String, Int)] = [
        ("1.001193", 28), ("2.000815", 30), ("2.000884", 10), ("2.000908", 7), ("1.004873", 10),
        ("2.000635", 9), ("1.009994", 6)
    ]

    struct Ward {
        var centre: Agency
        var committee: String
        var unitCode: String
    }

    /// Creates `count` dossiers when there are none yet; returns how many were created.
    @discardableResult
    public func seedIfEmpty(count: Int, now: Date) async throws -> Int {
        let existing = try await database.sql.raw("SELECT COUNT(*) AS n FROM dossiers").first()?.decode(column: "n", as: Int.self) ?? 0
        guard count > 0, existing == 0 else { return 0 }
        var random = SeededGenerator(seed: 766)
        let today = VietnamTime.localDate(of: now)
        var catalogue: [String: Procedure] = [:]
        for procedure in try await procedures.catalogue(on: today) { catalogue[procedure.code] = procedure }
        let centres = try await agencies.list(kind: .unitServiceCentre, limit: 1000).items
        let committees = Dictionary(
            try await agencies.list(kind: .unitPeoplesCommittee, limit: 1000).items.compactMap { a in a.unitCode.map { ($0, a.id) } },
            uniquingKeysWith: { first, _ in first })
        let wards = centres.compactMap { centre in
            centre.unitCode.flatMap { code in committees[code].map { Ward(centre: centre, committee: $0, unitCode: code) } }
        }
        guard !wards.isEmpty else { return 0 }
        let calendar = try await calendars.calendar()
        let department = try await principal("so.xaydung")
        var created = 0
        for index in 0..<count {
            let ward: Ward
            switch random.next() % 10 {
            case 0, 1, 2: ward = wards.first { $0.unitCode == "26737" } ?? wards[0]
            case 3: ward = wards.first { $0.unitCode == "26743" } ?? wards[0]
            default: ward = wards[Int(random.next() % UInt64(wards.count))]
            }
            let code = Self.pick(Self.mix, &random)
            guard let procedure = catalogue[code] else { continue }
            let staff = try await self.staff(for: ward)
            // Submitted at a working moment within the last 120 days.
            var submitted = now.addingTimeInterval(-Double(random.next() % (120 * 86_400)))
            submitted = calendar.nextWorkingInstant(from: submitted)
            if submitted > now { continue }
            do {
                try await run(
                    index: index, procedure: procedure, ward: ward, staff: staff, department: department,
                    submitted: submitted, now: now, calendar: calendar, random: &random)
                created += 1
            } catch let error as any HaiCapError {
                // A generated path the rules refuse is skipped, as a real desk would; it never stops the seeding.
                _ = error
            }
        }
        // History is already synced; a few recent messages stay failed so the sync page has something to show.
        try await database.sql.raw(
            "UPDATE outbox_messages SET state = 'delivered', delivered_at = created_at + 20000, attempts = 1 WHERE topic = 'portal'"
        ).run()
        try await database.sql.raw(
            """
            UPDATE outbox_messages SET state = 'failed', delivered_at = NULL, attempts = 12,
                last_error = 'HTTP 503: Hệ thống đang bận (dữ liệu demo)' WHERE id IN (SELECT id FROM outbox_messages WHERE topic = 'portal' ORDER BY id DESC LIMIT 3)
            """
        ).run()
        return created
    }

    struct Staff {
        var officer: Principal
        var specialist: Principal
        var leader: Principal
        var clerk: Principal
    }

    func principal(_ username: String) async throws -> Principal? {
        guard let account = try await accounts.find(username: username) else { return nil }
        return try await accounts.principal(for: account)
    }

    /// The demo accounts where they exist (Tân Định, Bến Thành's desk); named stand-ins elsewhere.
    func staff(for ward: Ward) async throws -> Staff {
        func standIn(_ role: Role, _ agency: String) -> Principal {
            Principal(
                userId: 0, username: "demo.\(role.rawValue)", fullName: "\(role.label) (demo)", role: role, agencyId: agency,
                unitCode: ward.unitCode)
        }
        var staff = Staff(
            officer: standIn(.officer, ward.centre.id), specialist: standIn(.specialist, ward.committee),
            leader: standIn(.leader, ward.committee), clerk: standIn(.clerk, ward.committee))
        if ward.unitCode == "26737" {
            staff.officer = try await principal("motcua.tandinh") ?? staff.officer
            staff.specialist = try await principal("chuyenvien.tandinh") ?? staff.specialist
            staff.leader = try await principal("lanhdao.tandinh") ?? staff.leader
            staff.clerk = try await principal("vanthu.tandinh") ?? staff.clerk
        } else if ward.unitCode == "26743" {
            staff.officer = try await principal("motcua.benthanh") ?? staff.officer
        }
        return staff
    }

    static func pick(_ weighted: [(String, Int)], _ random: inout SeededGenerator) -> String {
        let total = weighted.reduce(0) { $0 + $1.1 }
        var roll = Int(random.next() % UInt64(total))
        for (value, weight) in weighted {
            if roll < weight { return value }
            roll -= weight
        }
        return weighted[0].0
    }

    func run(
        index: Int, procedure: Procedure, ward: Ward, staff: Staff, department: Principal?, submitted: Date, now: Date,
        calendar: WorkCalendar, random: inout SeededGenerator
    ) async throws {
        let roll = Int(random.next() % 100)
        var channel: Channel = roll < 55 ? .direct : roll < 93 ? .online : .postal
        if procedure.terms(for: channel) == nil { channel = .direct }
        let name =
            "\(Self.familyNames[Int(random.next() % 16)]) \(Self.middleNames[Int(random.next() % 12)]) \(Self.givenNames[Int(random.next() % 30)])"
        let applicant = Applicant(
            name: name, idNumber: "079" + String(format: "%09d", Int(random.next() % 1_000_000_000)),
            phone: "09" + String(format: "%08d", Int(random.next() % 100_000_000)),
            email: random.next() % 3 == 0 ? "congdan\(index)@example.vn" : "")
        let forms: [SubmittedComponent.Form] = channel == .online ? [.uploaded, .uploaded, .reused] : [.scanned, .scanned, .scanned, .paper]
        let components = procedure.requiredComponents.map {
            SubmittedComponent(
                code: $0.code, name: $0.name, form: forms[Int(random.next() % UInt64(forms.count))],
                pages: 1 + Int(random.next() % 4), reusedFrom: nil)
        }.map { component -> SubmittedComponent in
            var component = component
            if component.form == .reused { component.form = .uploaded }
            return component
        }
        let decisionRoll = Int(random.next() % 100)
        let decision: IntakeRequest.Decision =
            channel != .direct
            ? .submitOnly
            : decisionRoll < 3
                ? .requestCompletion(items: [procedure.requiredComponents.last?.name ?? "Giấy tờ"], note: "")
                : decisionRoll < 5 ? .refuse(reason: "Hồ sơ không thuộc thẩm quyền giải quyết của phường.") : .receive
        let request = IntakeRequest(
            procedureCode: procedure.code, agencyId: ward.centre.id, channel: channel, applicant: applicant,
            components: components, decision: decision)
        let intakeBy: Principal? = channel == .online ? nil : staff.officer
        let result = try await dossiers.intake(request, by: intakeBy, at: submitted)
        var dossier = result.dossier
        let code = dossier.code
        var at = submitted
        // Per-step time: a share of the procedure's time, sometimes far too long (late dossiers).
        let days = procedure.terms(for: channel).map { $0.duration.unit == .workingDays ? max($0.duration.value, 0) : 1 } ?? 1
        let slow = random.next() % 100 < 9
        func step() -> Date {
            let base = days == 0 ? Double(15 + Int(random.next() % 60)) * 60 : Double(days) * 86_400 * (0.08 + Double(random.next() % 15) / 100)
            return calendar.nextWorkingInstant(from: at.addingTimeInterval(slow ? base * 3 : base))
        }
        func act(_ action: DossierAction, _ input: ActionInput = ActionInput(), by actor: Principal) async throws -> Bool {
            let next = step()
            guard next <= now else { return false }
            at = next
            do {
                dossier = try await dossiers.act(code, action, input, by: actor, at: at)
            } catch DossierError.apologyRequired {
                let newDue = calendar.addWorkingDays(2, to: at)
                dossier = try await dossiers.act(
                    code, .apologize, ActionInput(reason: "Hồ sơ cần xác minh thêm, chậm so với hẹn.", newDue: newDue),
                    by: staff.leader, at: at)
                dossier = try await dossiers.act(code, action, input, by: actor, at: at)
            }
            return true
        }
        if dossier.status == .submitted {
            let check = Int(random.next() % 100)
            if check < 4 {
                _ = try await act(.requestCompletion, ActionInput(items: ["Bản chụp giấy tờ tùy thân rõ nét hơn"]), by: staff.officer)
                return
            }
            guard try await act(.receive, by: staff.officer) else { return }
        }
        guard dossier.status == .received else { return }
        let fate = Int(random.next() % 100)
        if fate < 2 { _ = try await act(.withdraw, ActionInput(reason: "Công dân xin rút để bổ sung thông tin."), by: staff.officer); return }
        guard try await act(.assign, by: staff.specialist) else { return }
        if fate < 6 {
            guard try await act(.requestSupplement, ActionInput(items: ["Bản sao giấy tờ chứng minh nơi cư trú"]), by: staff.specialist) else {
                return
            }
            guard try await act(.supply, by: staff.officer) else { return }
        }
        if procedure.code == "1.009994" && fate % 3 == 0, let department {
            guard try await act(.transfer, by: staff.specialist) else { return }
            guard try await act(.transferBack, ActionInput(note: "Sở Xây dựng thống nhất cấp phép."), by: department) else { return }
        }
        if fate >= 6 && fate < 7 { _ = try await act(.stop, ActionInput(reason: "Công dân đề nghị dừng giải quyết."), by: staff.leader); return }
        guard try await act(.propose, ActionInput(note: "Đủ điều kiện giải quyết."), by: staff.specialist) else { return }
        if fate >= 96 {
            guard try await act(.reject, ActionInput(reason: "Thông tin trên giấy tờ không thống nhất."), by: staff.leader) else { return }
        } else {
            guard try await act(.approve, by: staff.leader) else { return }
            let electronic = dossier.channel == .online || random.next() % 3 == 0
            let file =
                electronic
                ? IntakeRequest.File(
                    componentCode: "", name: "ket-qua.pdf", contentType: "application/pdf",
                    data: Data("%PDF-1.4\n% HaiCap demo\n".utf8)) : nil
            guard
                try await act(
                    .sign, ActionInput(resultNumber: "\(100 + index)/\(VietnamTime.localDate(of: at).year)/KQ", resultFile: file),
                    by: staff.clerk)
            else { return }
        }
        let method: ReturnMethod = dossier.channel == .online ? .online : dossier.channel == .postal ? .post : .counter
        let ratingRoll = Int(random.next() % 10)
        let rating: Int? = ratingRoll < 6 ? 3 : ratingRoll < 8 ? 2 : ratingRoll < 9 ? 1 : nil
        _ = try await act(.return, ActionInput(returnMethod: method, rating: rating), by: staff.officer)
    }
}
