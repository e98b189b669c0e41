import Foundation
import HaiCapDomain
import HaiCapStorage
import Logging

/// Delivers the outbox's notices to the bell: the in-app channel. E-mail will be a second
/// deliverer of the same topic's messages.
public struct InAppNotifier: OutboxDeliverer {
    let notifications: Notifications
    public let store: Outbox
    public let clock: any HaiCapDomain.Clock
    public let logger: Logger

    public init(notifications: Notifications, outbox: Outbox, clock: any HaiCapDomain.Clock, logger: Logger) {
        self.notifications = notifications
        self.store = outbox
        self.clock = clock
        self.logger = logger
    }

    public var topic: String { Notice.topic }

    public func deliver(_ message: OutboxMessage) async -> OutboxDelivery {
        do {
            try await notifications.deliver(message, at: clock.now())
            return .delivered
        } catch {
            return .failed("Không ghi được thông báo: \(error)")
        }
    }
}
