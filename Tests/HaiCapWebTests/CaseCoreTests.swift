import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import SQLKit
import Testing

/// The case core on both databases: the ledger writes all or nothing, a case changes once under
/// two simultaneous actions, and the SQL twin of the scope rule agrees with `Policy`.
@Suite("Case core: ledger, concurrency, scope")
struct CaseCoreTests {
    static let monday = VietnamTime.date(2026, 11, 23, 9, 0)

    struct ExtraFailed: Error {}

    /// A kind without a table: its clock starts, its row is "written", and its extra may throw
    /// after everything else was written inside the transaction.
    struct Probe: CaseTransition {
        let ref: CaseRef
        let failing: Bool

        func load(at now: Date, in session: any SQLDatabase) async throws -> (CaseRef, Int) { (ref, 0) }

        func decide(
            _ subject: inout Int, ref: CaseRef, clock: DeadlineClock?, at now: Date,
            in session: any SQLDatabase
        ) async throws -> CaseStep {
            CaseStep(
                action: "start", from: nil, to: "open", note: "Bắt đầu", isPublic: true,
                clock: [.start(DeadlineClock(start: now, duration: .workingDays(3)))], agencyId: nil, auditDetail: "thử")
        }

        func write(
            _ subject: inout Int, step: inout CaseStep, due: Date?, running: Bool, at now: Date,
            in session: any SQLDatabase
        ) async throws {
            subject = running ? 1 : 0
        }

        func extras(_ subject: Int, ref: CaseRef, step: CaseStep, at now: Date, in session: any SQLDatabase) async throws {
            if failing { throw ExtraFailed() }
        }
    }

    static func principal(_ services: AppServices, _ username: String) async throws -> Principal {
        try await services.accounts.principal(for: try #require(try await services.accounts.find(username: username)))
    }

    @Test("an extra that throws leaves no clock, timeline event or audit entry; the same transition without it writes all three")
    func ledgerIsAtomic() async throws {
        try await TestDatabase.withServices { services in
            let kind = CaseKind("probe", label: "thử", numericKey: false)
            let ledger = CaseLedger(
                database: services.database, deadlines: services.deadlines, timeline: services.timeline,
                audit: services.audit)
            let calendar = try await services.calendars.calendar(agencyId: nil)
            func audited(_ id: String) async throws -> Int {
                try await services.database.sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE target_id = \(bind: id)")
                    .first()!.decode(column: "n", as: Int.self)
            }
            let failed = CaseRef(kind, "A")
            await #expect(throws: ExtraFailed.self) {
                _ = try await ledger.record(
                    Probe(ref: failed, failing: true), by: nil, actorName: "Hệ thống", calendar: calendar,
                    at: Self.monday)
            }
            #expect(try await services.deadlines.clock(of: failed) == nil)
            #expect(try await services.timeline.events(of: failed).isEmpty)
            #expect(try await audited("A") == 0)

            let done = CaseRef(kind, "B")
            let (_, running) = try await ledger.record(
                Probe(ref: done, failing: false), by: nil, actorName: "Hệ thống", calendar: calendar,
                at: Self.monday)
            #expect(running == 1)
            #expect(try await services.deadlines.clock(of: done) != nil)
            #expect(try await services.timeline.events(of: done).map(\.action) == ["start"])
            #expect(try await audited("B") == 1)
        }
    }

    @Test("two simultaneous answers to one report: one lands, the other is a conflict, and the history has one answer")
    func concurrentReportActions() async throws {
        try await TestDatabase.withServices { services in
            let operatorOne = try await Self.principal(services, "tongdai1022")
            let submitted = try await services.reports.submit(
                FeedbackTests.draft(address: "45 Lê Thánh Tôn, Phường Bến Nghé, Quận 1"),
                by: nil, at: Self.monday)
            let id = submitted.report.id
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<2 {
                    group.addTask {
                        do {
                            _ = try await services.reports.act(
                                id, .answer, ReportActionInput(note: "Đã sửa đèn đường, lần \(n + 1)."),
                                by: .official(operatorOne), at: Self.monday.addingTimeInterval(60))
                            return true
                        } catch let error as any HaiCapError {
                            #expect(error.kind == .conflict, "\(error.code)")
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let answers = try await services.reports.events(of: id, publicOnly: false).filter { $0.action == "answer" }
            #expect(answers.count == 1)
        }
    }

    @Test("a bulk action goes case by case: refusals are listed in order with their reason, the rest is done; above the limit nothing runs")
    func bulkRunner() async throws {
        try await TestDatabase.withServices { services in
            let operatorOne = try await Self.principal(services, "tongdai1022")
            var ids: [Int] = []
            for street in ["45 Lê Thánh Tôn", "12 Pasteur", "8 Nguyễn Huệ"] {
                ids.append(
                    try await services.reports.submit(
                        FeedbackTests.draft(address: "\(street), Phường Bến Nghé, Quận 1"), by: nil,
                        at: Self.monday
                    ).report.id)
            }
            _ = try await services.reports.act(
                ids[1], .close, ReportActionInput(note: "Trùng nội dung."), by: .official(operatorOne),
                at: Self.monday)
            let outcome = try await services.reports.bulk(
                ids, .close, ReportActionInput(note: "Đã xử lý xong."), by: operatorOne,
                at: Self.monday.addingTimeInterval(60))
            #expect(outcome.results.map(\.key) == ids)
            #expect(outcome.done == [ids[0], ids[2]])
            #expect(outcome.refused.map(\.key) == [ids[1]])
            #expect(outcome.refused.first?.message.isEmpty == false)
            for id in [ids[0], ids[2]] { #expect(try await services.reports.get(id).status == .closed) }

            let tooMany = Array(repeating: ids[0], count: CaseBulk.limit + 1)
            await #expect(throws: ValidationError.self) {
                _ = try await services.reports.bulk(
                    tooMany, .assign, ReportActionInput(assigneeId: operatorOne.userId), by: operatorOne,
                    at: Self.monday)
            }
            await #expect(throws: ValidationError.self) {
                _ = try await services.reports.bulk([], .close, ReportActionInput(note: "x"), by: operatorOne, at: Self.monday)
            }
        }
    }

    @Test("two simultaneous proposals on one dossier: one lands, the other is a conflict")
    func concurrentDossierActions() async throws {
        try await TestDatabase.withServices { services in
            let officer = try await Self.principal(services, "motcua.tandinh")
            let specialist = try await Self.principal(services, "chuyenvien.tandinh")
            let request = IntakeRequest(
                procedureCode: "2.000815", agencyId: nil, channel: .direct,
                applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
                components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
            let code = try await services.dossiers.intake(request, by: officer, at: Self.monday).dossier.code
            _ = try await services.dossiers.act(code, .assign, ActionInput(), by: specialist, at: Self.monday)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            _ = try await services.dossiers.act(
                                code, .propose, ActionInput(note: "Đủ điều kiện"), by: specialist,
                                at: Self.monday.addingTimeInterval(60))
                            return true
                        } catch let error as any HaiCapError {
                            #expect(error.kind == .conflict, "\(error.code)")
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let proposals = try await services.timeline.events(of: CaseRef(.dossier, code)).filter { $0.action == "propose" }
            #expect(proposals.count == 1)
        }
    }

    @Test("every demo official's report list is exactly the reports Policy says they reach")
    func scopeTwinAgreesWithPolicy() async throws {
        try await TestDatabase.withServices { services in
            for address in [
                "45 Lê Thánh Tôn, Phường Bến Nghé, Quận 1", "12 Hai Bà Trưng, Phường Tân Định, Quận 1",
                "5 Lý Tự Trọng, Phường Bến Thành, Quận 1"
            ] {
                _ = try await services.reports.submit(FeedbackTests.draft(address: address), by: nil, at: Self.monday)
            }
            var everything = ReportStore.ListQuery()
            everything.queue = .all
            everything.limit = 500
            let admin = try await Self.principal(services, "admin")
            let all = try await services.reports.list(everything, for: admin, now: Self.monday).items
            #expect(all.count == 3)
            for username in ["lanhdao.tandinh", "motcua.benthanh", "so.xaydung", "tongdai1022", "chuyenvien.tandinh"] {
                let principal = try await Self.principal(services, username)
                let listed = Set(try await services.reports.list(everything, for: principal, now: Self.monday).items.map(\.id))
                let reached = Set(all.filter { Policy.reaches(principal, ReportStore.scope(of: $0)) }.map(\.id))
                #expect(listed == reached, "\(username)")
            }
        }
    }

    @Test("an overdue dossier with portal messages gets one escalation to its leaders, once however often the watch runs")
    func deadlineWatchEscalatesOnce() async throws {
        try await TestDatabase.withServices { services in
            let officer = try await Self.principal(services, "motcua.tandinh")
            let request = IntakeRequest(
                procedureCode: "2.000815", agencyId: nil, channel: .direct,
                applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
                components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
            _ = try await services.dossiers.intake(request, by: officer, at: Self.monday)
            let later = Self.monday.addingTimeInterval(60 * 86_400)
            let first = try await services.deadlineWatch.run(now: later)
            #expect(first.escalations == 1)
            #expect(try await services.deadlineWatch.run(now: later).escalations == 0)
        }
    }
}

/// The outbox keys a message by its kind as well as its case's id: a 1022 report and a document
/// with the same number are different cases (found when documents joined the deadline watch).
@Suite("Outbox keys per kind")
struct OutboxKeyTests {
    @Test("two kinds' cases with the same id each get their message on one topic")
    func sameIdTwoKinds() async throws {
        try await TestDatabase.withServices(demo: false) { services in
            let database = services.database
            let outbox = Outbox(database: database)
            let now = VietnamTime.date(2026, 11, 23, 9, 0)
            for kind in [CaseKind.feedback, .document] {
                try await database.transaction { session in
                    try await outbox.enqueue(
                        topic: "notice", destination: "user:1", for: CaseRef(kind, "5"), payload: { _ in "{}" }, at: now, in: session)
                }
            }
            let rows = try await database.sql.raw("SELECT case_type FROM outbox_messages ORDER BY id").all()
            #expect(try rows.map { try $0.decode(column: "case_type", as: String.self) } == ["feedback", "document"])
        }
    }
}
