import Foundation
import HaiCapDomain

struct HolidayDTO: Encodable {
    let date: String
    let name: String
    let kind: String
}

struct WorkingWeekendDTO: Encodable {
    let date: String
    let reason: String
}

struct CalendarYearDTO: Encodable {
    let year: Int
    let canChi: String
    /// Whether a government announcement for the year is on file (otherwise the rules alone apply).
    let announced: Bool
    let source: String?
    let holidays: [HolidayDTO]
    let workingWeekends: [WorkingWeekendDTO]
}

struct LunarDTO: Encodable {
    let day: Int
    let month: Int
    let year: Int
    let leap: Bool
    let canChi: String
}

struct SolarDTO: Encodable {
    let date: String
}

struct DeadlineRequest: Decodable {
    struct PauseBody: Decodable {
        let from: String
        let to: String?
    }
    let start: String
    let duration: Int
    let unit: String
    let pauses: [PauseBody]?
    let agency: String?
}

struct DeadlineResponse: Encodable {
    struct Skipped: Encodable {
        let date: String
        let kind: String
        let reason: String
    }
    let start: String
    let duration: Int
    let unit: String
    let due: String
    let workingMinutesPaused: Int
    let skipped: [Skipped]
}

struct AnnouncementSaved: Encodable {
    let year: Int
    /// Open deadlines whose due instant moved because of the change.
    let recomputed: Int
}
