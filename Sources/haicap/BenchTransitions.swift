import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb

/// `haicap bench transitions`: the rate of a simple case action (a 1022 progress note) through
/// the case ledger — lock, rule, clock, row, timeline, audit — next to the baseline of the same
/// row, timeline and audit writes done by hand in one transaction, same database, same run.
/// The gap is what the ledger's checks and clock cost on top of the writes any action must do.
struct TransitionBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transitions")
    @Option(help: "Số phản ánh (mỗi vòng đo một thao tác trên mỗi phản ánh).") var count = 300
    @Option(help: "PostgreSQL (mặc định: SQLite trong thư mục tạm).") var databaseURL: String?

    func run() async throws {
        let now = VietnamTime.date(2026, 11, 23, 9, 0)
        try await BenchServices.with(databaseURL: databaseURL, now: now) { services, engine in
            let timer = ContinuousClock()
            let admin = try await services.accounts.principal(for: try await services.accounts.find(username: "admin")!)
            var ids: [Int] = []
            let submit = BenchServices.seconds(
                try await timer.measure {
                    for index in 0..<count {
                        let draft = ReportDraft(
                            categoryCode: "chieu-sang", description: "Đèn đường số \(index) trên đường Lê Lợi không sáng ba đêm nay",
                            lat: "10.7769", lon: "106.7009", name: "Nguyễn Văn An", phone: "0903123456", channel: .web)
                        ids.append(try await services.reports.submit(draft, by: nil, at: now).report.id)
                    }
                })
            print("[\(engine)] gửi phản ánh: \(count) trong \(String(format: "%.2f", submit)) s = \(Int(Double(count) / submit)) phản ánh/giây")

            let note = "Đang kiểm tra hiện trường, sẽ trả lời sớm."
            let reportIds = ids
            var ledger = Double.infinity
            var baseline = Double.infinity
            // Alternating rounds, best of three each, so that neither side gets the warmer cache.
            for _ in 0..<3 {
                ledger = min(
                    ledger,
                    BenchServices.seconds(
                        try await timer.measure {
                            for id in reportIds {
                                _ = try await services.reports.act(id, .progress, ReportActionInput(note: note), by: .official(admin), at: now)
                            }
                        }))
                baseline = min(
                    baseline,
                    BenchServices.seconds(
                        try await timer.measure {
                            for id in reportIds { try await Self.handWritten(id, note: note, services: services, by: admin, at: now) }
                        }))
            }
            let ours = Double(count) / ledger
            let theirs = Double(count) / baseline
            print(
                "[\(engine)] thao tác «cập nhật tiến độ» qua sổ cái: \(Int(ours)) lần/giây; "
                    + "mốc ghi tay cùng dòng, dòng thời gian và nhật ký: \(Int(theirs)) lần/giây; tỷ lệ \(String(format: "%.2f", ours / theirs))×")
        }
    }

    /// The writes every action needs whatever the design: read the case, update its row, one
    /// timeline event, one audit entry (with the audit chain's lock), in one transaction.
    static func handWritten(_ id: Int, note: String, services: AppServices, by actor: Principal, at now: Date) async throws {
        let timeline = services.timeline
        let audit = services.audit
        try await services.database.transaction { session in
            _ = try await session.raw("SELECT * FROM feedback_reports WHERE id = \(bind: id)").first()
            try await session.raw("UPDATE feedback_reports SET updated_at = \(bind: now.millis) WHERE id = \(bind: id)").run()
            let ref = CaseRef(.feedback, id)
            try await timeline.append(
                TimelineEvent(
                    ref, at: now, actorUserId: actor.userId, actorName: actor.fullName, action: "progress", fromState: "moi", toState: "moi",
                    note: note, isPublic: true), in: session)
            try await audit.append(AuditEvent(ref, action: "progress", detail: "moi → moi"), by: actor, at: now, in: session)
        }
    }
}
