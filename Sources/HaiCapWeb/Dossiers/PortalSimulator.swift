import Foundation
import HaiCapDomain
import Hummingbird
import Synchronization

/// A stand-in for the national portal's dossier-sync endpoint (`haicap portal-sim`): it records
/// every payload, drops repeats of an idempotency key, and can be told to fail or to be slow.
public final class PortalSimulator: Sendable {
    struct State {
        var records: [Record] = []
        var keys: Set<String> = []
        var duplicates = 0
        var failNext = 0
        var failEvery = 0
        var received = 0
        var delayMs = 0
    }

    public struct Record: Codable, Sendable {
        public var key: String
        public var maHoSo: String
        public var trangThai: Int
        public var isUpdating: Bool
        public var body: String
    }

    let state: Mutex<State>

    public init(failNext: Int = 0, failEvery: Int = 0, delayMs: Int = 0) {
        state = Mutex(State(failNext: failNext, failEvery: failEvery, delayMs: delayMs))
    }

    public var records: [Record] { state.withLock { $0.records } }
    public var duplicates: Int { state.withLock { $0.duplicates } }

    public func failNext(_ count: Int) { state.withLock { $0.failNext = count } }

    struct Control: Decodable {
        var failNext: Int?
        var failEvery: Int?
        var delayMs: Int?
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/") { request, context in try await self.receive(request, context: context) }
        router.post("/DongBoHoSoMC") { request, context in try await self.receive(request, context: context) }
        router.get("/records") { _, _ in
            let data = try JSONEncoder().encode(self.records)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post("/control") { request, context in
            let control = try await request.decode(as: Control.self, context: context)
            self.state.withLock {
                if let value = control.failNext { $0.failNext = value }
                if let value = control.failEvery { $0.failEvery = value }
                if let value = control.delayMs { $0.delayMs = value }
            }
            return Response(status: .noContent)
        }
        return router
    }

    /// Serves until SIGTERM/SIGINT.
    public func serve(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let app = Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "portal-sim"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
        try await app.runService()
    }

    func reply(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        let body = "{\"error_code\":\"\(code)\",\"message\":\"\(message)\"}"
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func receive(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 4 * 1024 * 1024)
        let (delay, fail) = state.withLock { state -> (Int, Bool) in
            state.received += 1
            if state.failNext > 0 { state.failNext -= 1; return (state.delayMs, true) }
            if state.failEvery > 0 && state.received % state.failEvery == 0 { return (state.delayMs, true) }
            return (state.delayMs, false)
        }
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
        if fail { return reply(.serviceUnavailable, code: "503", message: "Hệ thống đang bận (giả lập lỗi)") }
        guard let envelope = try? JSONDecoder().decode(PortalEnvelope.self, from: Data(buffer: buffer)),
            let dossier = envelope.data.first
        else {
            return reply(.badRequest, code: "400", message: "Dữ liệu không đúng cấu trúc DongBoHoSoMC")
        }
        let key = request.headers[.init("Idempotency-Key")!] ?? envelope.idempotencyKey
        state.withLock { state in
            guard state.keys.insert(key).inserted else { state.duplicates += 1; return }
            state.records.append(
                Record(
                    key: key, maHoSo: dossier.MaHoSo, trangThai: dossier.TrangThaiHoSo,
                    isUpdating: envelope.isUpdating, body: String(buffer: buffer)))
        }
        return reply(.ok, code: "0", message: "Thành công")
    }
}
