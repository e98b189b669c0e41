/// Office hours as administrators type them: "T2-T6: 07:30-11:30, 13:00-17:00; T7: 07:30-11:30".
/// Days are T2…T7 and CN (Monday…Sunday), alone, in ranges or in lists; unnamed days are closed.
/// Swapped weekend days worked in exchange keep the hours of Monday.
extension WorkingHours {
    private static let dayNames = ["t2": 1, "t3": 2, "t4": 3, "t5": 4, "t6": 5, "t7": 6, "cn": 7]

    public static func parse(_ text: String) throws(ValidationError) -> WorkingHours {
        var weekdays: [[WorkingPeriod]] = Array(repeating: [], count: 7)
        var problems: [String] = []
        let entries = text.split(whereSeparator: { $0 == ";" || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }
        for entry in entries where !entry.isEmpty {
            let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { problems.append("«\(entry)»: thiếu dấu «:» giữa ngày và giờ."); continue }
            var days: [Int] = []
            for token in parts[0].lowercased().replacingOccurrences(of: " ", with: "").split(separator: ",") {
                let range = token.split(separator: "-").map(String.init)
                if range.count == 2, let from = dayNames[range[0]], let to = dayNames[range[1]], from <= to {
                    days += Array(from...to)
                } else if range.count == 1, let day = dayNames[range[0]] {
                    days.append(day)
                } else {
                    problems.append("«\(token)»: ngày phải là T2…T7, CN hoặc khoảng như T2-T6.")
                }
            }
            var periods: [WorkingPeriod] = []
            for span in parts[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let ends = span.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
                guard ends.count == 2, let start = WorkingPeriod.minutes(ends[0]), let end = WorkingPeriod.minutes(ends[1]), start < end else {
                    problems.append("«\(span)»: giờ phải có dạng HH:MM-HH:MM, giờ bắt đầu trước giờ kết thúc.")
                    continue
                }
                periods.append(WorkingPeriod(start: start, end: end))
            }
            let sorted = periods.sorted { $0.start < $1.start }
            if zip(sorted, sorted.dropFirst()).contains(where: { $0.end > $1.start }) {
                problems.append("«\(parts[1])»: các khoảng giờ chồng lên nhau.")
                continue
            }
            for day in days { weekdays[day - 1] = sorted }
        }
        if problems.isEmpty && weekdays.allSatisfy(\.isEmpty) { problems.append("Chưa có ngày làm việc nào.") }
        if !problems.isEmpty { throw ValidationError(problems.map { FieldProblem(field: "workingHours", message: $0) }) }
        return WorkingHours(weekdays: weekdays, swappedDay: weekdays[0].isEmpty ? WorkingHours.standard.swappedDay : weekdays[0])
    }

    /// The same text form, grouping consecutive days with equal hours.
    public var text: String {
        let names = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
        func clock(_ minutes: Int) -> String {
            let h = minutes / 60, m = minutes % 60
            return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
        }
        var groups: [String] = []
        var index = 0
        while index < 7 {
            var end = index
            while end + 1 < 7 && weekdays[end + 1] == weekdays[index] { end += 1 }
            if !weekdays[index].isEmpty {
                let days = index == end ? names[index] : "\(names[index])-\(names[end])"
                groups.append("\(days): " + weekdays[index].map { "\(clock($0.start))-\(clock($0.end))" }.joined(separator: ", "))
            }
            index = end + 1
        }
        return groups.joined(separator: "; ")
    }
}
