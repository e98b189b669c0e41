import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HaiCapDomain
import HaiCapStorage
import Logging
import ServiceLifecycle

/// Delivers the national-portal outbox: the first undelivered message of each dossier, in
/// order, with retries and backoff kept in the database (so a restart loses nothing).
public struct PortalDeliverer: Sendable {
    let outbox: PortalOutbox
    let endpoint: URL
    let clock: any HaiCapDomain.Clock
    let logger: Logger

    public init(outbox: PortalOutbox, endpoint: URL, clock: any HaiCapDomain.Clock, logger: Logger) {
        self.outbox = outbox
        self.endpoint = endpoint
        self.clock = clock
        self.logger = logger
    }

    /// The portal's reply: `error_code` "0" is success; a create refused with "đã tồn tại"
    /// (already exists) means an earlier attempt got through, which counts as delivered.
    struct Reply: Decodable {
        var error_code: String?
        var message: String?
    }

    /// One pass over the due messages; returns (delivered, failed).
    @discardableResult
    public func deliverDue() async throws -> (delivered: Int, failed: Int) {
        var delivered = 0, failed = 0
        for entry in try await outbox.due(now: clock.now()) {
            var request = URLRequest(url: endpoint, timeoutInterval: 10)
            request.httpMethod = "POST"
            request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
            request.setValue("\(entry.dossierCode):\(entry.seq)", forHTTPHeaderField: "Idempotency-Key")
            request.httpBody = Data(entry.payload.utf8)
            do {
                let (data, response) = try await URLSession.shared.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                let reply = try? JSONDecoder().decode(Reply.self, from: data)
                let alreadyThere = reply?.message.map { VietnameseText.fold($0).contains("da ton tai") } ?? false
                if status == 200 && (reply?.error_code == "0" || alreadyThere) {
                    try await outbox.markDelivered(entry.id, at: clock.now())
                    delivered += 1
                } else {
                    let message = reply?.message ?? String(decoding: data.prefix(200), as: UTF8.self)
                    try await outbox.markFailed(entry.id, error: "HTTP \(status): \(message)", at: clock.now())
                    failed += 1
                }
            } catch {
                try await outbox.markFailed(entry.id, error: "Không kết nối được: \(error.localizedDescription)", at: clock.now())
                failed += 1
            }
        }
        return (delivered, failed)
    }
}

/// Runs the deliverer every `interval` until the server shuts down.
struct PortalDeliveryService: Service {
    let deliverer: PortalDeliverer
    let interval: Duration

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do { try await deliverer.deliverDue() } catch {
                deliverer.logger.warning("Đồng bộ Cổng DVCQG lỗi: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }
}
