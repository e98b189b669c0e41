import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import HaiCapDomain
import HaiCapStorage
import Logging

/// Delivers the national portal's messages of the outbox: the first undelivered message of each
/// dossier, in order, with retries and backoff kept in the database (so a restart loses nothing,
/// and any number of instances may run it).
public struct PortalDeliverer: OutboxDeliverer {
    let outbox: PortalOutbox
    let endpoint: URL
    public let clock: any HaiCapDomain.Clock
    public let logger: Logger

    public init(outbox: PortalOutbox, endpoint: URL, clock: any HaiCapDomain.Clock, logger: Logger) {
        self.outbox = outbox
        self.endpoint = endpoint
        self.clock = clock
        self.logger = logger
    }

    public var topic: String { PortalOutbox.topic }
    public var store: Outbox { outbox.outbox }

    /// The portal's reply: `error_code` "0" is success; a create refused with "đã tồn tại"
    /// (already exists) means an earlier attempt got through, which counts as delivered.
    struct Reply: Decodable {
        var error_code: String?
        var message: String?
    }

    public func deliver(_ message: OutboxMessage) async -> OutboxDelivery {
        var request = URLRequest(url: endpoint, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue(message.idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = Data(message.payload.utf8)
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            let reply = try? JSONDecoder().decode(Reply.self, from: data)
            let alreadyThere = reply?.message.map { VietnameseText.fold($0).contains("da ton tai") } ?? false
            if status == 200 && (reply?.error_code == "0" || alreadyThere) { return .delivered }
            return .failed("HTTP \(status): \(reply?.message ?? String(decoding: data.prefix(200), as: UTF8.self))")
        } catch {
            return .failed("Không kết nối được: \(error.localizedDescription)")
        }
    }
}
