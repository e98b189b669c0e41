import Foundation

/// A series' rule: the subset of RFC 5545's RRULE that offices use (FREQ DAILY, WEEKLY or
/// MONTHLY; INTERVAL; BYDAY for weekly series; COUNT or UNTIL, one of them required), and what
/// happens to an occurrence that falls on a day off.
public struct Recurrence: Sendable, Equatable {
    public enum Frequency: String, Sendable, CaseIterable {
        case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY"
    }

    /// An occurrence on a day off is left out (EXDATE) or held on the next working day.
    public enum DayOffRule: String, Sendable, Codable, CaseIterable {
        case skip = "bo-qua"
        case move = "doi-ngay"

        public var label: String {
            switch self {
            case .skip: "Bỏ qua buổi rơi vào ngày nghỉ"
            case .move: "Dời sang ngày làm việc kế tiếp"
            }
        }
    }

    /// A series holds at most this many occurrences (counted before days off are skipped).
    public static let maxOccurrences = 500

    public var frequency: Frequency
    public var interval: Int
    /// ISO weekdays (1 = Monday … 7 = Sunday); weekly series only; empty: the first day's weekday.
    public var weekdays: [Int]
    public var count: Int?
    /// The last day an occurrence may start on (inclusive, Vietnam time).
    public var until: LocalDate?
    public var dayOff: DayOffRule

    static let dayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Reads an RRULE value (with or without the `RRULE:` prefix); every problem under `field`.
    public init(rrule text: String, dayOff: DayOffRule = .skip, field: String = "recurrence") throws(ValidationError) {
        var problems: [String] = []
        var frequency: Frequency?
        var interval = 1
        var weekdays: [Int] = []
        var count: Int?
        var until: LocalDate?
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.uppercased().hasPrefix("RRULE:") { body = String(body.dropFirst(6)) }
        guard body.count <= 200 else { throw ValidationError(field: field, "Quy tắc lặp quá dài.") }
        for part in body.split(separator: ";") where !part.isEmpty {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).uppercased() }
            guard pair.count == 2 else {
                problems.append("«\(part.prefix(30))» không đúng dạng TÊN=GIÁ TRỊ")
                continue
            }
            switch pair[0] {
            case "FREQ":
                frequency = Frequency(rawValue: pair[1])
                if frequency == nil { problems.append("chỉ hỗ trợ lặp hằng ngày (DAILY), hằng tuần (WEEKLY) hoặc hằng tháng (MONTHLY)") }
            case "INTERVAL":
                if let value = Int(pair[1]), (1...52).contains(value) { interval = value } else { problems.append("INTERVAL phải từ 1 đến 52") }
            case "BYDAY":
                for code in pair[1].split(separator: ",") {
                    if let index = Self.dayCodes.firstIndex(of: String(code)) {
                        weekdays.append(index + 1)
                    } else {
                        problems.append("BYDAY «\(code.prefix(10))» không phải thứ trong tuần (MO…SU)")
                    }
                }
            case "COUNT":
                if let value = Int(pair[1]), value >= 1 { count = value } else { problems.append("COUNT phải là số dương") }
            case "UNTIL":
                until = LocalDate(iso: Self.isoDay(pair[1]))
                if until == nil { problems.append("UNTIL phải là ngày dạng YYYYMMDD") }
            default:
                problems.append("không hỗ trợ thành phần \(pair[0].prefix(20))")
            }
        }
        if frequency == nil, !problems.contains(where: { $0.contains("DAILY") }) { problems.append("thiếu FREQ") }
        if count == nil, until == nil { problems.append("chuỗi họp phải có số buổi (COUNT) hoặc ngày kết thúc (UNTIL)") }
        if count != nil, until != nil { problems.append("chỉ ghi một trong COUNT và UNTIL") }
        if let count, count > Self.maxOccurrences { problems.append("tối đa \(Self.maxOccurrences) buổi") }
        if !weekdays.isEmpty, frequency != .weekly { problems.append("BYDAY chỉ dùng với lặp hằng tuần") }
        guard problems.isEmpty, let frequency else {
            throw ValidationError(field: field, "Quy tắc lặp không hợp lệ: " + problems.joined(separator: "; ") + ".")
        }
        self.frequency = frequency
        self.interval = interval
        self.weekdays = Array(Set(weekdays)).sorted()
        self.count = count
        self.until = until
        self.dayOff = dayOff
    }

    /// "20270301" or "20270301T000000Z" → "2027-03-01".
    static func isoDay(_ text: String) -> String {
        let digits = text.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isNumber) else { return "" }
        return "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
    }

    /// The rule as written in an ICS file (UNTIL at the end of its day, Vietnam time, in UTC).
    public var rrule: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if !weekdays.isEmpty { parts.append("BYDAY=" + weekdays.map { Self.dayCodes[$0 - 1] }.joined(separator: ",")) }
        if let count { parts.append("COUNT=\(count)") }
        if let until { parts.append("UNTIL=" + ICalendarText.utc(VietnamTime.date(until, minutes: 24 * 60 - 1))) }
        return parts.joined(separator: ";")
    }

    /// The days the rule gives from `first` on, in order, before days off are considered.
    /// Throws when the series has more than `maxOccurrences`.
    public func days(from first: LocalDate, field: String = "recurrence") throws(ValidationError) -> [LocalDate] {
        var result: [LocalDate] = []
        let limit = count ?? Self.maxOccurrences + 1
        func add(_ day: LocalDate) -> Bool {
            if let until, until < day { return false }
            result.append(day)
            return result.count < limit
        }
        if let until, until < first {
            throw ValidationError(field: field, "Ngày kết thúc chuỗi họp trước buổi họp đầu tiên.")
        }
        switch frequency {
        case .daily:
            var day = first
            while add(day) { day = day.adding(days: interval) }
        case .weekly:
            let days = weekdays.isEmpty ? [first.weekday] : weekdays
            var monday = first.adding(days: 1 - first.weekday)
            outer: while true {
                for weekday in days {
                    let day = monday.adding(days: weekday - 1)
                    if day < first { continue }
                    if !add(day) { break outer }
                }
                monday = monday.adding(days: 7 * interval)
                if let until, until < monday { break }
            }
        case .monthly:
            // RFC 5545: a month without that day (the 31st in April) has no occurrence.
            var step = 0
            while true {
                let months = first.month - 1 + step * interval
                let year = first.year + months / 12, month = months % 12 + 1
                if let until, until < LocalDate(year: year, month: month, day: 1) { break }
                if let day = LocalDate(checkedYear: year, month: month, day: first.day), !add(day) { break }
                step += 1
                if step > Self.maxOccurrences * 2 { break }
            }
        }
        if result.count > Self.maxOccurrences {
            throw ValidationError(field: field, "Chuỗi họp vượt quá \(Self.maxOccurrences) buổi; hãy rút ngắn ngày kết thúc.")
        }
        return result
    }
}

/// One occurrence of a meeting: the only one of a single meeting, or one of a series.
public struct Occurrence: Sendable, Equatable {
    public enum State: String, Sendable, Codable {
        /// Held when the rule says.
        case regular
        /// Its day is a day off and it is held on the next working day.
        case moved
        /// Its day is a day off and it is left out.
        case skipped
        /// Edited on its own (another time), as RECURRENCE-ID in the ICS.
        case edited
        /// Called off on its own.
        case cancelled
    }

    /// 1-based place in the series.
    public var seq: Int
    /// When the rule puts it (the RECURRENCE-ID).
    public var original: Date
    public var start: Date
    public var end: Date
    public var state: State
    /// The day off that moved or skipped it.
    public var holiday: String?

    public init(seq: Int, original: Date, start: Date, end: Date, state: State, holiday: String? = nil) {
        self.seq = seq
        self.original = original
        self.start = start
        self.end = end
        self.state = state
        self.holiday = holiday
    }

    /// Whether the occurrence takes place (and books its rooms).
    public var isHeld: Bool { state != .skipped && state != .cancelled }
}

extension Recurrence {
    /// The series' occurrences, each day off skipped or moved to the next working day at the
    /// same time of day.
    public func occurrences(start: Date, end: Date, calendar: WorkCalendar, field: String = "recurrence") throws(ValidationError) -> [Occurrence] {
        let (first, minutes) = VietnamTime.components(start)
        let length = end.timeIntervalSince(start)
        return try days(from: first, field: field).enumerated().map { index, day in
            let original = VietnamTime.date(day, minutes: minutes)
            guard !calendar.isWorkingDay(day) else {
                return Occurrence(seq: index + 1, original: original, start: original, end: original + length, state: .regular)
            }
            let reason = calendar.holiday(on: day)?.name ?? (day.weekday == 7 ? "Chủ nhật" : day.weekday == 6 ? "Thứ Bảy" : "Ngày nghỉ")
            switch dayOff {
            case .skip:
                return Occurrence(seq: index + 1, original: original, start: original, end: original + length, state: .skipped, holiday: reason)
            case .move:
                let moved = VietnamTime.date(calendar.nextWorkingDay(after: day), minutes: minutes)
                return Occurrence(seq: index + 1, original: original, start: moved, end: moved + length, state: .moved, holiday: reason)
            }
        }
    }
}
