import Foundation
import HaiCapDomain
import HaiCapStorage
import Logging
import ServiceLifecycle

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

/// Runs the deadline watch every `interval` until the server shuts down.
struct DeadlineWatchService: Service {
    let watch: DeadlineWatch
    let clock: any HaiCapDomain.Clock
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do { try await watch.run(now: clock.now()) } catch {
                logger.warning("Theo dõi thời hạn lỗi: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }
}
