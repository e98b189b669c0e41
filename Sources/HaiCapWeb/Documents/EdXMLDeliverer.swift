import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import HaiCapDomain
import HaiCapStorage
import Logging

/// Delivers the edXML topic of the outbox to the document exchange (the national document axis, or
/// `haicap edxml-sim`): issued documents to outside recipients, one envelope per recipient, and the
/// status packages owed to outside senders, in order per document and destination, with retries.
public struct EdXMLDeliverer: OutboxDeliverer {
    let documents: DocumentStore
    public let store: Outbox
    let endpoint: URL
    public let clock: any HaiCapDomain.Clock
    public let logger: Logger

    public init(documents: DocumentStore, outbox: Outbox, endpoint: URL, clock: any HaiCapDomain.Clock, logger: Logger) {
        self.documents = documents
        self.store = outbox
        self.endpoint = endpoint
        self.clock = clock
        self.logger = logger
    }

    public var topic: String { DocumentOutbox.topic }

    public func deliver(_ message: OutboxMessage) async -> OutboxDelivery {
        let body: Data
        let now = clock.now()
        do {
            let payload = try JSONDecoder().decode(DocumentOutbox.Payload.self, from: Data(message.payload.utf8))
            switch payload.kind {
            case .document:
                let document = try await documents.get(payload.documentId)
                body = EdXMLWriter.write(try await documents.envelope(of: document, only: payload.position, at: now))
            case .status:
                guard let code = payload.code.flatMap(ExchangeStatus.init(rawValue:)) else { return .failed("Mã trạng thái không hợp lệ") }
                body = EdXMLWriter.write(
                    try await documents.statusPackage(of: payload.documentId, code: code, description: payload.description ?? "", at: now))
            }
            var request = URLRequest(url: endpoint, timeoutInterval: 30)
            request.httpMethod = "POST"
            request.setValue("application/xml; charset=utf-8", forHTTPHeaderField: "Content-Type")
            request.setValue(message.idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
            request.httpBody = body
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard (200..<300).contains(status) else {
                return .failed("HTTP \(status): \(String(decoding: data.prefix(200), as: UTF8.self))")
            }
            if payload.kind == .document, let position = payload.position {
                try await documents.markSent(payload.documentId, position: position, at: now)
            }
            return .delivered
        } catch let error as any HaiCapError {
            return .failed(error.message)
        } catch {
            return .failed("Không gửi được: \(error.localizedDescription)")
        }
    }
}
