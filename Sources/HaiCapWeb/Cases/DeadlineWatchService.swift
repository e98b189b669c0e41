import HaiCapDomain
import HaiCapStorage
import Logging
import ServiceLifecycle

/// Runs the deadline watch every `interval` until the server shuts down.
struct DeadlineWatchService: Service {
    let watch: DeadlineWatch
    let clock: any HaiCapDomain.Clock
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await BackgroundLoop.run(every: interval) {
            do { try await watch.run(now: clock.now()) } catch {
                logger.warning("Theo dõi thời hạn lỗi: \(error)")
            }
        }
    }
}
