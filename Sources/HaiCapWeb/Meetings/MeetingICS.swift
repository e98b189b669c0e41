import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// A meeting's calendar file as a download (the page's link and the API give the same one):
/// PUBLISH while it stands, CANCEL once it is called off.
enum MeetingICS {
    static func response(_ meeting: Meeting, services: AppServices) -> Response {
        let method = meeting.status == .cancelled ? "CANCEL" : "PUBLISH"
        let text = ICalendarText.calendar(method: method, events: services.meetings.icsEvents(meeting, now: services.clock.now()))
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8; method=\(method)",
                .contentDisposition: "attachment; filename=\"cuoc-hop-\(meeting.id).ics\""
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
