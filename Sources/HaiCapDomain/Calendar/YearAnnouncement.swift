import Foundation

/// The government's announcement of the days off of one year (thông báo nghỉ Tết, nghỉ lễ,
/// hoán đổi ngày làm việc), kept as data because it changes every year and arrives late: the
/// Tết break of a year is typically announced in the preceding November, a swap for 30/4 in
/// March or April. Storage keeps one JSON file per year; the rules fill in years without one.
public struct YearAnnouncement: Sendable, Codable, Hashable {
    /// A day named by the announcement, with the reason shown to users.
    public struct Day: Sendable, Codable, Hashable {
        public var date: LocalDate
        public var reason: String
        /// How the day is classed among days off; nil means `.announcedOff`. Unused for working days.
        public var kind: HolidayKind?

        public init(date: LocalDate, reason: String, kind: HolidayKind? = nil) {
            self.date = date
            self.reason = reason
            self.kind = kind
        }
    }

    public var year: Int
    /// The text(s) the facts come from, e.g. "Thông báo 6150/TB-BLĐTBXH".
    public var source: String
    /// Weekdays given off (beyond the statutory days).
    public var daysOff: [Day]
    /// Weekend days worked in exchange for a day off.
    public var workingDays: [Day]
    /// When true, the announcement's days replace the rule-based Tết compensation days
    /// (`HolidayKind.tetExtra`); the five statutory Tết days stay, being the law.
    public var replacesTetBreak: Bool
    /// When true, the announcement's days replace the rule-based compensation of other
    /// holidays falling on a weekend (`HolidayKind.observed`).
    public var replacesObservedDays: Bool
    /// The day taken with 2/9 (1/9 or 3/9), if the announcement fixes it.
    public var nationalDayExtra: LocalDate?
    /// Free text: the break as announced ("nghỉ 9 ngày từ 25/01 đến hết 02/02/2025"), caveats.
    public var notes: String?

    public init(
        year: Int, source: String, daysOff: [Day] = [], workingDays: [Day] = [],
        replacesTetBreak: Bool = false, replacesObservedDays: Bool = false,
        nationalDayExtra: LocalDate? = nil, notes: String? = nil
    ) {
        self.year = year
        self.source = source
        self.daysOff = daysOff
        self.workingDays = workingDays
        self.replacesTetBreak = replacesTetBreak
        self.replacesObservedDays = replacesObservedDays
        self.nationalDayExtra = nationalDayExtra
        self.notes = notes
    }

    private enum CodingKeys: String, CodingKey {
        case year, source, daysOff, workingDays, replacesTetBreak, replacesObservedDays, nationalDayExtra, notes
    }

    /// Hand-written files may leave out empty lists and false flags.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            year: try container.decode(Int.self, forKey: .year),
            source: try container.decode(String.self, forKey: .source),
            daysOff: try container.decodeIfPresent([Day].self, forKey: .daysOff) ?? [],
            workingDays: try container.decodeIfPresent([Day].self, forKey: .workingDays) ?? [],
            replacesTetBreak: try container.decodeIfPresent(Bool.self, forKey: .replacesTetBreak) ?? false,
            replacesObservedDays: try container.decodeIfPresent(Bool.self, forKey: .replacesObservedDays) ?? false,
            nationalDayExtra: try container.decodeIfPresent(LocalDate.self, forKey: .nationalDayExtra),
            notes: try container.decodeIfPresent(String.self, forKey: .notes))
    }

    /// Problems that make the announcement unusable for `year`: dates in another year, a day
    /// both off and worked, a "working day" that is not a weekend day, an adjacent Quốc khánh
    /// day that is not 1/9 or 3/9.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if source.trimmingCharacters(in: .whitespaces).isEmpty { errors.append("Chưa ghi căn cứ (số, ngày của thông báo).") }
        for day in daysOff + workingDays where day.date.year != year {
            errors.append("Ngày \(day.date.iso) không thuộc năm \(year).")
        }
        let off = Set(daysOff.map(\.date))
        for day in workingDays {
            if off.contains(day.date) { errors.append("Ngày \(day.date.iso) vừa là ngày nghỉ vừa là ngày làm bù.") }
            if !day.date.isWeekend { errors.append("Ngày làm bù \(day.date.iso) không phải thứ Bảy hoặc Chủ nhật.") }
        }
        if let extra = nationalDayExtra,
            extra != LocalDate(year: year, month: 9, day: 1), extra != LocalDate(year: year, month: 9, day: 3)
        {
            errors.append("Ngày nghỉ kèm Quốc khánh \(extra.iso) phải là 01/9 hoặc 03/9.")
        }
        return errors
    }
}
