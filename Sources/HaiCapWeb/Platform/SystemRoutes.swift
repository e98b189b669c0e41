import Foundation
import HaiCapDomain
import Hummingbird
import Prometheus

/// Operations: health, metrics, and the OpenAPI document.
///
/// | route | permission |
/// |---|---|
/// | GET /healthz, /metrics, /api/v1/openapi.yaml | everyone |
struct SystemRoutes {
    let services: AppServices
    let registry: PrometheusCollectorRegistry

    func register(_ routes: Routes) {
        routes.get("/healthz", .everyone) { _, _ in
            do {
                try await services.database.sql.raw("SELECT 1").run()
                return JSONBody.response(Health(status: "ok", database: services.database.kind.rawValue))
            } catch {
                return JSONBody.response(
                    Health(status: "database unavailable", database: services.database.kind.rawValue),
                    status: .serviceUnavailable)
            }
        }
        routes.get("/metrics", .everyone) { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        let document = Data(OpenAPIDocument.load(fragments: CaseModules.all.map(\.openAPIFragment).filter { !$0.isEmpty }).utf8)
        routes.get("/api/v1/openapi.yaml", .everyone) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
    }

    struct Health: Encodable {
        let status: String
        let database: String
    }
}
