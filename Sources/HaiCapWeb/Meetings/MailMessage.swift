import Foundation

/// An RFC 5322 / MIME message, rendered as a String with CRLF line endings, ready for `SMTPClient.send`.
public struct MailMessage: Sendable {
    public var from: String
    /// Display name; may be Vietnamese (sent as RFC 2047 encoded-words).
    public var fromName: String
    public var to: [String]
    public var subject: String
    /// Plain text body.
    public var text: String
    /// An iCalendar object. When set, the message carries it both inline (text/calendar, which is what
    /// makes Outlook/Gmail show accept/decline buttons) and as an invite.ics attachment for other clients.
    public var calendar: String?
    /// Without angle brackets, e.g. "meeting-12-3@haicap".
    public var messageId: String
    public var date: Date

    public init(
        from: String, fromName: String, to: [String], subject: String, text: String,
        calendar: String? = nil, messageId: String, date: Date
    ) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.text = text
        self.calendar = calendar
        self.messageId = messageId
        self.date = date
    }

    public func rendered() -> String {
        var head = [
            "Date: " + Self.rfc5322Date(date),
            "From: " + mailbox,
            "To: " + Self.foldedList(to.map(Self.oneLine), headerLength: 4),
            "Subject: " + Self.encodedHeader(subject, headerLength: 9),
            "Message-ID: <\(Self.oneLine(messageId))>",
            "MIME-Version: 1.0"
        ]
        guard let calendar else {
            head += Self.textPart
            return (head + [""] + Self.base64Lines(text)).joined(separator: "\r\n") + "\r\n"
        }
        // Boundaries come from the Message-ID so the same message always renders the same way.
        // "=_" can never occur in base64, so no part's content can contain a boundary.
        let tag = Self.fnv1a(messageId)
        let mixed = "=_mixed_\(tag)", alternative = "=_alt_\(tag)"
        let methodParameter = Self.method(of: calendar).map { "; method=\($0)" } ?? ""
        var body = head + ["Content-Type: multipart/mixed; boundary=\"\(mixed)\"", ""]
        body += ["--" + mixed, "Content-Type: multipart/alternative; boundary=\"\(alternative)\"", ""]
        body += ["--" + alternative] + Self.textPart + [""] + Self.base64Lines(text)
        body +=
            [
                "--" + alternative, "Content-Type: text/calendar; charset=UTF-8" + methodParameter,
                "Content-Transfer-Encoding: base64", ""
            ] + Self.base64Lines(calendar)
        body += ["--" + alternative + "--", ""]
        body +=
            [
                "--" + mixed, "Content-Type: application/ics; name=\"invite.ics\"",
                "Content-Disposition: attachment; filename=\"invite.ics\"",
                "Content-Transfer-Encoding: base64", ""
            ] + Self.base64Lines(calendar)
        body += ["--" + mixed + "--"]
        return body.joined(separator: "\r\n") + "\r\n"
    }

    private var mailbox: String {
        let address = "<\(Self.oneLine(from))>"
        return fromName.isEmpty ? address : Self.encodedHeader(fromName, headerLength: 6, phrase: true) + " " + address
    }

    private static let textPart = ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"]

    /// The value of the ICS's METHOD line (REQUEST, CANCEL, REPLY...); RFC 6047 wants it repeated on the part.
    static func method(of calendar: String) -> String? {
        for line in crlfLines(calendar) where line.uppercased().hasPrefix("METHOD:") {
            let value = line.dropFirst("METHOD:".count).trimmingCharacters(in: .whitespaces).uppercased()
            return value.isEmpty || !value.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) ? nil : value
        }
        return nil
    }

    // MARK: - Encoding helpers

    /// Splits on any line ending so the text can be rebuilt with CRLF (the canonical form of text/* in MIME).
    private static func crlfLines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }
    }

    /// Base64 of the CRLF-normalised UTF-8 text, in lines of 76 characters (RFC 2045 6.8).
    static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(crlfLines(text).joined(separator: "\r\n").utf8).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(76)))
            rest = rest.dropFirst(76)
        }
        return lines
    }

    /// Drops CR/LF so a value cannot start a header of its own.
    private static func oneLine(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })
    }

    /// Plain ASCII stays readable (quoted when it is a display name); anything else becomes RFC 2047
    /// encoded-words folded onto continuation lines, so each line stays within 76 characters.
    static func encodedHeader(_ value: String, headerLength: Int, phrase: Bool = false) -> String {
        let value = oneLine(value)
        let plain = value.allSatisfy { $0.isASCII && !$0.isNewline } && !value.contains("=?")
        if plain && headerLength + value.count + 2 <= 76 {
            guard phrase else { return value }
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(value, firstLineUsed: headerLength + 2).joined(separator: "\r\n ")
    }

    /// "=?UTF-8?B?...?=" words of whole characters; a word fits 76 minus the line's prefix
    /// (the header name on the first line, one folding space after).
    static func encodedWords(_ text: String, firstLineUsed: Int) -> [String] {
        // 12 characters of "=?UTF-8?B?" + "?="; every 3 bytes take 4 base64 characters.
        func capacity(_ used: Int) -> Int { (76 - used - 12) / 4 * 3 }
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
            chunk = []
        }
        func add(_ bytes: [UInt8]) {
            if !chunk.isEmpty && chunk.count + bytes.count > capacity(words.isEmpty ? firstLineUsed : 1) { flush() }
            chunk += bytes
        }
        for character in text {
            let bytes = Array(character.utf8)
            // A grapheme too big for one word (long emoji sequences) is split between its scalars instead.
            if bytes.count > capacity(1) {
                for scalar in character.unicodeScalars { add(Array(String(scalar).utf8)) }
            } else {
                add(bytes)
            }
        }
        if !chunk.isEmpty || words.isEmpty { flush() }
        return words
    }

    /// "a@x, b@y", moving to a continuation line before one would pass 76 characters.
    private static func foldedList(_ items: [String], headerLength: Int) -> String {
        var result = "", lineLength = headerLength + 2
        for (index, item) in items.enumerated() {
            let piece = index == items.count - 1 ? item : item + ","
            if index > 0 {
                if lineLength + 1 + piece.count > 76 {
                    result += "\r\n "
                    lineLength = 1
                } else {
                    result += " "
                    lineLength += 1
                }
            }
            result += piece
            lineLength += piece.count
        }
        return result
    }

    /// "Tue, 04 Mar 2025 09:00:00 +0700": the meetings happen in Vietnam, so the header says Vietnam's time.
    /// Built by hand because DateFormatter's output depends on the process locale.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0700"
    }

    /// FNV-1a: a stable hash (Swift's Hasher is seeded per process), in hex.
    private static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
