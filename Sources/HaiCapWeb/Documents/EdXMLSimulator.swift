import Foundation
import HaiCapDomain
import Hummingbird
import Synchronization

/// A stand-in for the document exchange (`haicap edxml-sim`): it reads every envelope it is sent
/// with HaiCap's own reader, records what it was (a document to whom, or a status package), drops
/// repeats of an idempotency key, and can be told to fail its next requests.
public final class EdXMLSimulator: Sendable {
    public struct Record: Codable, Sendable, Equatable {
        public var key: String
        /// `document` or `status`.
        public var kind: String
        public var documentId: String
        public var to: [String]
        /// The status code of a status package; `0`…`3` (new, recall, update, replace) of a document.
        public var code: String
        public var subject: String
    }

    struct State {
        var records: [Record] = []
        var keys: Set<String> = []
        var failNext = 0
    }

    let state: Mutex<State>

    public init(failNext: Int = 0) { state = Mutex(State(failNext: failNext)) }

    public var records: [Record] { state.withLock { $0.records } }

    public func failNext(_ count: Int) { state.withLock { $0.failNext = count } }

    struct Control: Decodable { var failNext: Int? }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/") { request, _ in try await self.receive(request) }
        router.get("/messages") { _, _ in
            let data = try JSONEncoder().encode(self.records)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post("/control") { request, context in
            let control = try await request.decode(as: Control.self, context: context)
            if let value = control.failNext { self.failNext(value) }
            return Response(status: .noContent)
        }
        return router
    }

    public func serve(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let app = Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "edxml-sim"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
        try await app.runService()
    }

    func receive(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: EdXMLReader.maxEnvelope)
        let fail = state.withLock { state -> Bool in
            guard state.failNext > 0 else { return false }
            state.failNext -= 1
            return true
        }
        if fail {
            return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "Trục liên thông đang bận (giả lập lỗi)")))
        }
        let record: Record
        do {
            switch try EdXMLReader.message(Data(buffer: buffer)) {
            case .document(let envelope):
                record = Record(
                    key: "", kind: "document", documentId: envelope.documentId, to: envelope.to.map(\.organName),
                    code: String(envelope.business.rawValue), subject: envelope.subject)
            case .status(let status):
                record = Record(
                    key: "", kind: "status", documentId: status.responseForDocumentId, to: [status.responseForOrganId], code: status.code.rawValue,
                    subject: status.description)
            }
        } catch {
            return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: error.message)))
        }
        let key = request.headers[.init("Idempotency-Key")!] ?? UUID().uuidString
        state.withLock { state in
            guard state.keys.insert(key).inserted else { return }
            var kept = record
            kept.key = key
            state.records.append(kept)
        }
        return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
    }
}
