import Foundation
import HaiCapDomain
import HaiCapStorage
import Logging

/// Delivers the outbox's `mail` topic through the SMTP relay: each invitation rendered as MIME
/// with its ICS (iMIP) and sent once; a relay that is down leaves the message queued and retried
/// with the outbox's backoff, also across restarts.
public struct MailDeliverer: OutboxDeliverer {
    public let store: Outbox
    let client: SMTPClient
    let from: String
    public let clock: any HaiCapDomain.Clock
    public let logger: Logger

    public init(outbox: Outbox, settings: SMTPSettings, from: String, clock: any HaiCapDomain.Clock, logger: Logger) {
        self.store = outbox
        self.client = SMTPClient(settings: settings)
        self.from = from
        self.clock = clock
        self.logger = logger
    }

    public var topic: String { MeetingMail.topic }
    public var claimLimit: Int { 20 }

    public func deliver(_ message: OutboxMessage) async -> OutboxDelivery {
        do {
            let mail = try MeetingMail.decode(message.payload)
            let rendered = MailMessage(
                from: from, fromName: "HaiCap – Họp trực tuyến", to: [mail.to], subject: mail.subject, text: mail.text, calendar: mail.ics,
                messageId: mail.messageId, date: clock.now()
            ).rendered()
            try await client.send(from: from, to: [mail.to], message: rendered)
            return .delivered
        } catch let error as SMTPError {
            return .failed("SMTP: \(error.description)")
        } catch {
            return .failed("Không gửi được thư: \(error)")
        }
    }
}
