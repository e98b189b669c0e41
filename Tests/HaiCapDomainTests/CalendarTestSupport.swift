import Foundation
import Testing
import HaiCapDomain

/// Shared fixtures for the calendar and deadline tests.
enum CalendarFixtures {
    /// The announcements shipped as seed data (Storage keeps them; the Domain only decodes them).
    static let announcements: [YearAnnouncement] = {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/HaiCapStorage/Resources/seed/calendar")
        return (2024...2026).map { year in
            let url = directory.appendingPathComponent("announcement-\(year).json")
            do {
                return try JSONDecoder().decode(YearAnnouncement.self, from: Data(contentsOf: url))
            } catch {
                fatalError("cannot read \(url.path): \(error)")
            }
        }
    }()

    /// The standard office calendar with the real announcements, 2020–2035.
    static let calendar = WorkCalendar(announcements: announcements, years: 2020...2035)

    static func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        VietnamTime.date(year, month, day, hour, minute)
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        LocalDate(year: year, month: month, day: day)
    }
}
