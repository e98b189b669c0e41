import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Lịch làm việc: xuất dữ liệu để đối chiếu, xem ngày nghỉ.",
        subcommands: [OracleFiles.self, Holidays.self])

    /// Writes the two files `tests/oracles/check_calendar.py` compares with lunar-vn and holidays.
    struct OracleFiles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "oracle-files",
            abstract: "Ghi lunar.csv (1900-01-31…2100-12-31) và holidays.csv (2024–2030, Tết 1901–2100).")
        @OptionGroup var options: CommonOptions
        @Option var lunar: String
        @Option var holidays: String

        func run() async throws {
            try await withServices(options) { services in
                let calendar = try await services.calendars.calendar()
                var lines: [[String]] = []
                var day = LocalDate(year: 1900, month: 1, day: 31)
                let last = LocalDate(year: 2100, month: 12, day: 31)
                while day <= last {
                    let lunarDate = LunarCalendar.lunar(from: day)
                    lines.append([day.iso, String(lunarDate.day), String(lunarDate.month), String(lunarDate.year), lunarDate.isLeapMonth ? "1" : "0"])
                    day = day.adding(days: 1)
                }
                try CSVExport.text(lines).write(toFile: lunar, atomically: true, encoding: .utf8)
                let kinds: [HolidayKind: String] = [
                    .statutory: "statutory", .observed: "observed", .tetExtra: "tet_extra", .announcedOff: "announced_off"
                ]
                var rows: [[String]] = []
                for year in 2024...2030 {
                    for holiday in calendar.holidays(year: year) {
                        rows.append([holiday.date.iso, holiday.name, kinds[holiday.kind]!])
                    }
                }
                for year in 1901...2100 { rows.append([LunarCalendar.lunarNewYear(year).iso, "Tết \(CanChi.year(year))", "tet"]) }
                try CSVExport.text(rows).write(toFile: holidays, atomically: true, encoding: .utf8)
                print("\(lines.count) ngày âm lịch, \(rows.count) dòng ngày nghỉ.")
            }
        }
    }

    struct Holidays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "In các ngày nghỉ của một năm.")
        @OptionGroup var options: CommonOptions
        @Argument var year: Int

        func run() async throws {
            try await withServices(options) { services in
                let calendar = try await services.calendars.calendar()
                for holiday in calendar.holidays(year: year) {
                    print("\(holiday.date.iso)\t\(holiday.kind.rawValue)\t\(holiday.name)")
                }
            }
        }
    }
}
