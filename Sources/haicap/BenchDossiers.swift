import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb

/// `haicap bench dossiers`: intake throughput (sequential and 16 clients) through the real intake
/// path, then the 766 indicators of the whole city over one year at N generated dossiers, next
/// to the baseline of computing the same figures by scanning the dossiers table — same database,
/// same run. SQLite in a temporary file, or PostgreSQL (`--database-url`) in a throw-away schema.
struct DossierBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dossiers")
    @Option(help: "Số hồ sơ sinh ra cho phép đo chỉ số (ví dụ 1000000 hoặc 10000000).") var count = 1_000_000
    @Option(help: "Số hồ sơ tiếp nhận cho phép đo tiếp nhận.") var intakes = 800
    @Option(help: "PostgreSQL (mặc định: SQLite trong thư mục tạm).") var databaseURL: String?

    func seconds(_ duration: Duration) -> Double { BenchServices.seconds(duration) }

    func run() async throws {
        let now = VietnamTime.date(2026, 11, 23, 9, 0)
        try await BenchServices.with(databaseURL: databaseURL, now: now) { services, engine in
            try await measure(services, engine: engine, now: now)
        }
    }

    func measure(_ services: AppServices, engine: String, now: Date) async throws {
        let timer = ContinuousClock()
        let officer = try await services.accounts.principal(for: try await services.accounts.find(username: "motcua.tandinh")!)
        let procedures = try await services.procedures.catalogue(on: VietnamTime.localDate(of: now))
        let request = IntakeRequest(
            procedureCode: "2.000815", agencyId: nil, channel: .direct,
            applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
            components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
        let sequential = seconds(
            try await timer.measure {
                for _ in 0..<intakes { _ = try await services.dossiers.intake(request, by: officer, at: now) }
            })
        let perClient = max(intakes / 16, 1)
        let concurrent = seconds(
            try await timer.measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<16 {
                        group.addTask { for _ in 0..<perClient { _ = try await services.dossiers.intake(request, by: officer, at: now) } }
                    }
                    try await group.waitForAll()
                }
            })
        print(
            "[\(engine)] tiếp nhận tuần tự: \(intakes) hồ sơ trong \(String(format: "%.2f", sequential)) s = \(Int(Double(intakes) / sequential)) hồ sơ/giây"
        )
        print(
            "[\(engine)] tiếp nhận 16 luồng: \(perClient * 16) hồ sơ trong \(String(format: "%.2f", concurrent)) s = \(Int(Double(perClient * 16) / concurrent)) hồ sơ/giây"
        )

        let lastDay = VietnamTime.localDate(of: now).adding(days: -1)
        let generation = seconds(
            try await timer.measure {
                try await DossierBenchData(database: services.database).generate(count: count, lastDay: lastDay, procedures: procedures) { done in
                    print("  … đã sinh \(done) hồ sơ")
                }
            })
        let eligible = procedures.filter(\.fullOnline).map(\.code)
        let counters = DossierCounters(database: services.database)
        let rebuild = seconds(try await timer.measure { try await counters.rebuild(eligible: eligible) })
        // Fresh planner statistics, as autovacuum keeps them on a live server.
        try await services.database.sql.raw("ANALYZE").run()
        print("[\(engine)] sinh \(count) hồ sơ: \(String(format: "%.1f", generation)) s; dựng bộ đếm theo ngày: \(String(format: "%.1f", rebuild)) s")

        let from = lastDay.adding(days: -364)
        var figures = DossierIndicators.Figures()
        var ours = Double.infinity
        for _ in 0..<3 {
            ours = min(
                ours,
                seconds(
                    try await timer.measure {
                        figures = try await services.indicators.figures(.init(), from: from, to: lastDay, now: now)
                    }))
        }
        var scanned: [Int] = []
        var baseline = Double.infinity
        for _ in 0..<3 {
            baseline = min(
                baseline,
                seconds(
                    try await timer.measure {
                        scanned = try await counters.scan(from: from, to: lastDay, eligible: eligible)
                    }))
        }
        let same =
            [
                figures.registered, figures.received, figures.direct, figures.online, figures.postal, figures.eligibleOnline,
                figures.fullOnline, figures.digitised, figures.finishedOnTime, figures.finishedLate, figures.returned,
                figures.electronicResult, figures.rated, figures.satisfied
            ] == scanned
        print(
            "[\(engine)] chỉ số 766 toàn Thành phố, 1 năm, \(figures.registered) hồ sơ: HaiCap (bộ đếm theo ngày) \(String(format: "%.3f", ours)) s; "
                + "mốc quét bảng hồ sơ \(String(format: "%.3f", baseline)) s; nhanh hơn \(String(format: "%.1f", baseline / ours))×; "
                + "kết quả trùng khớp: \(same ? "có" : "KHÔNG"); mục tiêu < 1 s: \(ours < 1 ? "đạt" : "KHÔNG ĐẠT")")
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "—" }
        print(
            "   tỷ lệ đúng hạn \(percent(figures.onTimeRate)), trực tuyến \(percent(figures.onlineRate)), số hóa \(percent(figures.digitisationRate))"
        )
        if !same { throw ExitCode(1) }
    }
}
