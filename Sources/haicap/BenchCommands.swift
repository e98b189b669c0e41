import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Đo hiệu năng, so với mốc đo trong cùng lần chạy.",
        subcommands: [
            CalendarBench.self, DossierBench.self, TransitionBench.self, RoutingBench.self, SeedReportsBench.self, DocumentBench.self,
            SeedDocumentsBench.self, MeetingBench.self
        ])

    /// 1,000,000 working-day deadlines with random receipt instants and durations over 2024–2030,
    /// next to `numpy.busday_offset` on the same inputs and days off (bench/calendar_numpy.py).
    struct CalendarBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "calendar")
        @OptionGroup var options: CommonOptions
        @Option var count = 1_000_000
        @Option var seed: UInt64 = 20_251_123
        @Option(help: "Python with numpy for the baseline.") var python = ProcessInfo.processInfo.environment["HAICAP_BENCH_PYTHON"] ?? "python3"

        func run() async throws {
            let calendar = try await withServices(options) { try await $0.calendars.calendar() }
            var generator = SeededGenerator(seed: seed)  // both sides of the benchmark see the same inputs every run
            let firstDay = LocalDate(year: 2024, month: 1, day: 1).daysSinceEpoch
            let span = LocalDate(year: 2030, month: 12, day: 1).daysSinceEpoch - firstDay
            var starts: [Date] = []
            var durations: [Int] = []
            starts.reserveCapacity(count)
            durations.reserveCapacity(count)
            for _ in 0..<count {
                let day = firstDay + Int(generator.next() % UInt64(span))
                let minute = Int(generator.next() % 1440)
                starts.append(VietnamTime.date(LocalDate(daysSinceEpoch: day), minutes: minute))
                durations.append(1 + Int(generator.next() % 30))
            }
            var dues = [Int32](repeating: 0, count: count)
            // Best of 3, as the numpy side measures itself.
            let clock = ContinuousClock()
            var seconds = Double.infinity
            for _ in 0..<3 {
                let elapsed = clock.measure {
                    for index in 0..<count {
                        let due = calendar.addWorkingDays(durations[index], to: starts[index])
                        dues[index] = Int32(VietnamTime.localDate(of: due).daysSinceEpoch)
                    }
                }
                seconds = min(seconds, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            let ours = Double(count) / seconds

            // Inputs for numpy: receipt day, duration, our due day; days off as holidays.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var table = Data()
            for index in 0..<count {
                var values = [Int32(VietnamTime.localDate(of: starts[index]).daysSinceEpoch), Int32(durations[index]), dues[index]]
                table.append(Data(bytes: &values, count: 12))
            }
            try table.write(to: directory.appendingPathComponent("inputs.bin"))
            var daysOff: [String] = []
            var worked: [String] = []
            for year in 2023...2031 {
                daysOff += calendar.holidays(year: year).map(\.date.iso)
                worked += HaiCapDomain.Holidays.workingWeekendDays(year, announcement: calendar.announcements[year]).map(\.iso)
            }
            try daysOff.joined(separator: "\n").write(to: directory.appendingPathComponent("holidays.txt"), atomically: true, encoding: .utf8)
            try worked.joined(separator: "\n").write(to: directory.appendingPathComponent("worked.txt"), atomically: true, encoding: .utf8)

            print(
                "HaiCap WorkCalendar.addWorkingDays: \(count) hạn trong \(String(format: "%.3f", seconds)) s = \(Int(ours)) phép/giây (1 luồng, tốt nhất trong 3 lần)"
            )
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, "bench/calendar_numpy.py", directory.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            print(output, terminator: "")
            guard process.terminationStatus == 0,
                let line = output.split(separator: "\n").first(where: { $0.hasPrefix("numpy_ops_per_second=") }),
                let numpy = Double(line.dropFirst("numpy_ops_per_second=".count))
            else {
                print("Không chạy được mốc numpy (cần python3 có numpy; đặt HAICAP_BENCH_PYTHON).")
                throw ExitCode(1)
            }
            print("Tỷ lệ HaiCap / numpy.busday_offset: \(String(format: "%.2f", ours / numpy))× (mục tiêu ≥ 1)")
        }
    }
}
