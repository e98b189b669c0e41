import Foundation

/// One VEVENT of an iCalendar object (RFC 5545), as HaiCap writes it for invitations and feeds.
public struct ICSEvent: Sendable, Equatable {
    public struct Attendee: Sendable, Equatable {
        public var name: String
        /// A `mailto:` address, or a `urn:` naming a room.
        public var address: String
        public var isRoom: Bool
        public var answer: RSVPAnswer
        public var role: String

        public init(name: String, address: String, isRoom: Bool = false, answer: RSVPAnswer = .pending, role: String = "REQ-PARTICIPANT") {
            self.name = name
            self.address = address
            self.isRoom = isRoom
            self.answer = answer
            self.role = role
        }
    }

    public var uid: String
    public var sequence: Int
    public var stamp: Date
    public var start: Date
    public var end: Date
    public var summary: String
    public var description: String
    public var location: String
    public var url: String?
    public var organizerName: String
    public var organizerAddress: String
    public var attendees: [Attendee]
    public var rrule: String?
    public var exdates: [Date]
    /// Set on an occurrence written apart from its series (moved to a working day, or edited).
    public var recurrenceId: Date?
    public var cancelled: Bool

    public init(
        uid: String, sequence: Int, stamp: Date, start: Date, end: Date, summary: String, description: String, location: String,
        url: String?, organizerName: String, organizerAddress: String, attendees: [Attendee], rrule: String? = nil,
        exdates: [Date] = [], recurrenceId: Date? = nil, cancelled: Bool = false
    ) {
        self.uid = uid
        self.sequence = sequence
        self.stamp = stamp
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.organizerName = organizerName
        self.organizerAddress = organizerAddress
        self.attendees = attendees
        self.rrule = rrule
        self.exdates = exdates
        self.recurrenceId = recurrenceId
        self.cancelled = cancelled
    }
}

/// Writes iCalendar text: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
/// character), TEXT values escaped, local times with `TZID=Asia/Ho_Chi_Minh` and its VTIMEZONE
/// (so a weekly rule keeps its weekday for a meeting before 07:00, which in UTC falls the day
/// before).
public enum ICalendarText {
    public static let timeZone = "Asia/Ho_Chi_Minh"

    /// A whole VCALENDAR with `method` (REQUEST, CANCEL, PUBLISH, REPLY).
    public static func calendar(method: String, events: [ICSEvent]) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//HaiCap//Hop truc tuyen//VI", "CALSCALE:GREGORIAN", "METHOD:\(method)",
            "BEGIN:VTIMEZONE", "TZID:\(timeZone)", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0700",
            "TZOFFSETTO:+0700", "TZNAME:ICT", "END:STANDARD", "END:VTIMEZONE"
        ]
        for event in events { lines += self.event(event, method: method) }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func event(_ event: ICSEvent, method: String) -> [String] {
        var lines = ["BEGIN:VEVENT", "UID:\(event.uid)", "SEQUENCE:\(event.sequence)", "DTSTAMP:\(utc(event.stamp))"]
        if let recurrenceId = event.recurrenceId { lines.append("RECURRENCE-ID;TZID=\(timeZone):\(local(recurrenceId))") }
        lines += [
            "DTSTART;TZID=\(timeZone):\(local(event.start))", "DTEND;TZID=\(timeZone):\(local(event.end))",
            "SUMMARY:\(escape(event.summary))"
        ]
        if let rrule = event.rrule { lines.append("RRULE:\(rrule)") }
        if !event.exdates.isEmpty { lines.append("EXDATE;TZID=\(timeZone):" + event.exdates.map(local).joined(separator: ",")) }
        if !event.description.isEmpty { lines.append("DESCRIPTION:\(escape(event.description))") }
        if !event.location.isEmpty { lines.append("LOCATION:\(escape(event.location))") }
        if let url = event.url { lines.append("URL:\(url)") }
        lines.append("ORGANIZER;CN=\(parameter(event.organizerName)):\(event.organizerAddress)")
        if method != "REPLY" || event.attendees.count == 1 {
            for attendee in event.attendees {
                let kind = attendee.isRoom ? "CUTYPE=ROOM;ROLE=NON-PARTICIPANT" : "CUTYPE=INDIVIDUAL;ROLE=\(attendee.role)"
                let rsvp = attendee.isRoom || method == "REPLY" ? "" : ";RSVP=TRUE"
                lines.append(
                    "ATTENDEE;\(kind);PARTSTAT=\(attendee.answer.partstat)\(rsvp);CN=\(parameter(attendee.name)):\(attendee.address)")
            }
        }
        lines.append("STATUS:\(event.cancelled || method == "CANCEL" ? "CANCELLED" : "CONFIRMED")")
        lines.append("END:VEVENT")
        return lines
    }

    /// `20261210T080000` in Vietnam time.
    public static func local(_ date: Date) -> String {
        let (day, minutes) = VietnamTime.components(date)
        let seconds = (VietnamTime.localSeconds(date) % 60 + 60) % 60
        return compact(day) + "T" + two(minutes / 60) + two(minutes % 60) + two(seconds)
    }

    /// `20261210T010000Z`.
    public static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = LocalDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let rest = ((seconds % 86_400) + 86_400) % 86_400
        return compact(day) + "T" + two(rest / 3600) + two(rest / 60 % 60) + two(rest % 60) + "Z"
    }

    static func compact(_ day: LocalDate) -> String { day.iso.replacingOccurrences(of: "-", with: "") }
    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out
    }

    /// A parameter value: quoted, since names hold commas and colons; DQUOTE itself is not allowed.
    static func parameter(_ text: String) -> String {
        "\"" + text.filter { $0 != "\"" && !$0.isNewline } + "\""
    }

    /// Folds a content line into pieces of at most 75 octets, each continuation led by a space.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var pieces: [String] = []
        var current = ""
        var size = 0
        for character in line {
            let width = String(character).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if size + width > limit {
                pieces.append(current)
                current = ""
                size = 0
            }
            current.append(character)
            size += width
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
