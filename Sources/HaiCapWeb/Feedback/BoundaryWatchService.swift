import HaiCapStorage
import Logging
import ServiceLifecycle

/// Picks up boundaries imported elsewhere (`haicap import boundaries` on a running server, or
/// another instance's admin page) within `interval`, so every server routes with the same areas.
struct BoundaryWatchService: Service {
    let geography: GeographyStore
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await BackgroundLoop.run(every: interval) {
            do {
                if try await geography.reloadIfChanged() {
                    logger.info("Đã nạp lại ranh giới đơn vị: \(geography.geography.source)")
                }
            } catch {
                logger.warning("Không đọc được ranh giới đơn vị: \(error)")
            }
        }
    }
}
