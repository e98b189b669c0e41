import Foundation
import HaiCapDomain
import SQLKit

/// One e-mail in the outbox's `mail` topic: the deliverer renders it (MIME, with the ICS) and
/// sends it over SMTP.
public struct MeetingMail: Sendable, Codable, Equatable {
    public static let topic = "mail"

    public var to: String
    public var name: String
    public var subject: String
    public var text: String
    public var ics: String?
    /// Stable per meeting, version and recipient: a resend after a crash carries the same id.
    public var messageId: String

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ payload: String) throws -> MeetingMail {
        try JSONDecoder().decode(MeetingMail.self, from: Data(payload.utf8))
    }
}

extension MeetingStore {
    enum Method: String {
        case request = "REQUEST"
        case cancel = "CANCEL"
    }

    /// The meeting's join page.
    public func joinURL(_ id: Int) -> String { "\(settings.baseURL)/hop/\(id)" }

    /// The ICS events of a meeting: its first occurrence with the rule (days off skipped as
    /// EXDATE), and each moved or edited occurrence apart under its RECURRENCE-ID.
    public func icsEvents(_ meeting: Meeting, now: Date, answers: [String: RSVPAnswer] = [:]) -> [ICSEvent] {
        var attendees = meeting.units.map {
            ICSEvent.Attendee(name: $0.room.name, address: "urn:haicap:room:\($0.room.id)", isRoom: true, answer: $0.rsvp)
        }
        for person in meeting.people {
            let address = person.email.map { "mailto:\($0)" } ?? "urn:haicap:user:\(person.userId ?? person.id)"
            attendees.append(
                ICSEvent.Attendee(
                    name: person.name, address: address, answer: answers[address] ?? person.rsvp,
                    role: person.role == .host ? "CHAIR" : "REQ-PARTICIPANT"))
        }
        let description = [meeting.agenda, "Chủ trì: \(meeting.chair)", "Tham gia: \(joinURL(meeting.id))"]
            .filter { !$0.isEmpty }.joined(separator: "\n")
        let location =
            meeting.mode == .inPerson ? (meeting.units.first?.room.name ?? "") : "Họp trực tuyến (HaiCap) – \(meeting.units.count) điểm cầu"
        let cancelled = meeting.status == .cancelled
        var base = ICSEvent(
            uid: "meeting-\(meeting.id)@haicap", sequence: meeting.sequence, stamp: now, start: meeting.start, end: meeting.end,
            summary: meeting.title, description: description, location: location, url: joinURL(meeting.id),
            organizerName: meeting.organiserAgencyName, organizerAddress: "mailto:\(settings.mailFrom)", attendees: attendees,
            cancelled: cancelled)
        guard let rule = meeting.recurrence, let first = meeting.occurrences.first else { return [base] }
        let length = meeting.end.timeIntervalSince(meeting.start)
        base.start = first.original
        base.end = first.original + length
        base.rrule = rule.rrule
        base.exdates = meeting.occurrences.filter { !$0.isHeld }.map(\.original)
        var events = [base]
        for occurrence in meeting.occurrences where occurrence.state == .moved || occurrence.state == .edited {
            var single = base
            single.rrule = nil
            single.exdates = []
            single.recurrenceId = occurrence.original
            single.start = occurrence.start
            single.end = occurrence.end
            if let holiday = occurrence.holiday { single.description = "Dời do \(holiday).\n" + description }
            events.append(single)
        }
        return events
    }

    /// Queues the invitation (or cancellation) for every recipient with an address — people
    /// invited by e-mail and the rooms' technicians — once for this version of the meeting, and a
    /// notice under the bell of every invited official and of each invited unit's leaders and clerks.
    func queueInvitations(_ meeting: Meeting, method: Method, at now: Date, in session: any SQLDatabase) async throws {
        let ref = CaseRef(.meeting, meeting.id)
        let ics = ICalendarText.calendar(method: method.rawValue, events: icsEvents(meeting, now: now))
        let when = VietnamTime.text(meeting.start)
        let subject = (method == .cancel ? "Hủy họp: " : meeting.sequence > 0 ? "Đổi lịch họp: " : "Giấy mời họp: ") + meeting.title
        var recipients: [(address: String, name: String, link: String)] = []
        for person in meeting.people {
            guard let email = person.email else { continue }
            var link = joinURL(meeting.id)
            if person.userId == nil, method == .request {
                // A guest's link is single-use and replaced with each version of the invitation.
                let secret = Secrets.token()
                try await session.raw(
                    "UPDATE meeting_people SET guest_digest = \(bind: SecretDigest.of(secret)), guest_used_at = NULL WHERE id = \(bind: person.id)"
                ).run()
                link = "\(settings.baseURL)/hop/khach/\(secret)"
            }
            recipients.append((email, person.name, link))
        }
        for line in meeting.units {
            if let email = line.room.technicianEmail { recipients.append((email, line.room.technicianName ?? line.room.name, joinURL(meeting.id))) }
        }
        var seen = Set<String>()
        for recipient in recipients where seen.insert(recipient.address.lowercased()).inserted {
            let lines = [
                "Kính gửi \(recipient.name),", "",
                method == .cancel
                    ? "\(meeting.organiserAgencyName) thông báo hủy cuộc họp «\(meeting.title)» dự kiến lúc \(when)."
                    : "\(meeting.organiserAgencyName) trân trọng kính mời tham dự cuộc họp «\(meeting.title)» lúc \(when).",
                meeting.agenda.isEmpty ? "" : "\nNội dung: \(meeting.agenda)",
                method == .cancel ? "" : "\nTham gia tại: \(recipient.link)",
                method == .cancel ? "" : "Trả lời tham dự trên trang trên, hoặc bằng lịch của Anh/Chị (tệp đính kèm).",
                "", "HaiCap – Hệ thống họp trực tuyến Thành phố Hồ Chí Minh"
            ]
            let mail = MeetingMail(
                to: recipient.address, name: recipient.name, subject: subject, text: lines.joined(separator: "\n"), ics: ics,
                messageId:
                    "meeting-\(meeting.id)-v\(meeting.sequence)-\(method.rawValue.lowercased())-\(SecretDigest.of(recipient.address.lowercased()).prefix(12))@haicap"
            )
            try await outbox.enqueue(
                topic: MeetingMail.topic, destination: recipient.address, for: ref, payload: { _ in try mail.json() }, at: now, in: session)
        }
        // The bell: invited officials, and the leaders and clerks of each invited unit's UBND.
        var users = Set(meeting.people.compactMap(\.userId))
        let agencies = Array(Set(meeting.units.map(\.room.agencyId)))
        for start in stride(from: 0, to: agencies.count, by: 300) {
            let chunk = Array(agencies[start..<min(start + 300, agencies.count)])
            let rows = try await session.raw(
                "SELECT id FROM users WHERE agency_id IN (\(binds: chunk)) AND role IN ('leader', 'clerk') AND disabled = 0"
            ).all()
            for row in rows { users.insert(try row.decode(column: "id", as: Int.self)) }
        }
        users.remove(meeting.organiserUserId)
        let notice = Notice(
            event: method == .cancel ? "meeting-cancel" : "meeting-invite", ref: ref,
            title: (method == .cancel ? "Hủy họp: " : "Mời họp: ") + meeting.title,
            body: method == .cancel ? "Cuộc họp lúc \(when) đã bị hủy." : "\(meeting.organiserAgencyName) mời họp lúc \(when).")
        for user in users.sorted() {
            try await outbox.enqueue(
                topic: Notice.topic, destination: "user:\(user)", for: ref, payload: { _ in try notice.addressed(to: user).json() }, at: now,
                in: session)
        }
    }
}
