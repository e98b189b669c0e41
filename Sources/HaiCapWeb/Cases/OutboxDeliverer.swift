import Foundation
import HaiCapDomain
import HaiCapStorage
import Logging
import ServiceLifecycle

/// What one attempt to deliver a message came to.
public enum OutboxDelivery: Sendable, Equatable {
    case delivered
    case failed(String)
}

/// Delivers one topic of the outbox somewhere (the national portal; next edXML, e-mail).
public protocol OutboxDeliverer: Sendable {
    var topic: String { get }
    var store: Outbox { get }
    var clock: any HaiCapDomain.Clock { get }
    var logger: Logger { get }
    func deliver(_ message: OutboxMessage) async -> OutboxDelivery
    /// Messages claimed at once, and how long a claim holds before another instance may take it.
    var claimLimit: Int { get }
    var lease: TimeInterval { get }
}

extension OutboxDeliverer {
    public var claimLimit: Int { 50 }
    public var lease: TimeInterval { 60 }

    /// One pass: claims the due messages of the topic and tries each once; returns (delivered, failed).
    @discardableResult
    public func deliverDue(worker: String = OutboxWorkerName.current) async throws -> (delivered: Int, failed: Int) {
        var delivered = 0, failed = 0
        for message in try await store.claim(topic: topic, worker: worker, now: clock.now(), lease: lease, limit: claimLimit) {
            switch await deliver(message) {
            case .delivered:
                try await store.markDelivered(message.id, at: clock.now())
                delivered += 1
            case .failed(let error):
                try await store.markFailed(message.id, error: error, at: clock.now())
                failed += 1
            }
        }
        return (delivered, failed)
    }
}

/// This process's name on its claims: host and process, so a stuck claim says whose it was.
public enum OutboxWorkerName {
    public static let current = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
}

/// Runs a deliverer every `interval` until the server shuts down.
struct OutboxDeliveryService: Service {
    let deliverer: any OutboxDeliverer
    let interval: Duration

    func run() async throws {
        await BackgroundLoop.run(every: interval) {
            do { try await deliverer.deliverDue() } catch {
                deliverer.logger.warning("Gửi hàng đợi «\(deliverer.topic)» lỗi: \(error)")
            }
        }
    }
}
