import HaiCapDomain
import Hummingbird

/// One registered route and the permission it requires. The access-matrix test walks this list.
public struct RouteSpec: Sendable, Hashable {
    public let method: HTTPRequest.Method
    public let path: String
    public let permission: Permission
}

/// Registers routes on the router and remembers each with its permission, so that access is
/// declared next to the route and checked before the handler runs, always the same way.
final class Routes {
    // Filled while the application is built; read by the access-matrix test afterwards.
    private(set) var specs: [RouteSpec] = []
    let router: Router<AppRequestContext>

    init(router: Router<AppRequestContext>) { self.router = router }

    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    func add(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission, _ handler: @escaping Handler) {
        specs.append(RouteSpec(method: method, path: path, permission: permission))
        router.on(RouterPath(path), method: method) { request, context in
            try Policy.require(context.principal, permission)
            return try await handler(request, context)
        }
    }

    func get(_ path: String, _ permission: Permission, _ handler: @escaping Handler) { add(.get, path, permission, handler) }
    func post(_ path: String, _ permission: Permission, _ handler: @escaping Handler) { add(.post, path, permission, handler) }
    func patch(_ path: String, _ permission: Permission, _ handler: @escaping Handler) { add(.patch, path, permission, handler) }
    func delete(_ path: String, _ permission: Permission, _ handler: @escaping Handler) { add(.delete, path, permission, handler) }
    func put(_ path: String, _ permission: Permission, _ handler: @escaping Handler) { add(.put, path, permission, handler) }
}

extension AppRequestContext {
    /// A path parameter that the route pattern guarantees.
    func param(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw HTTPError(.badRequest) }
        return value.removingPercentEncoding ?? value
    }

    func intParam(_ name: String) throws -> Int {
        guard let value = Int(try param(name)) else { throw NotFoundError("page", try param(name)) }
        return value
    }

    /// The signed-in principal; routes that need one have already been checked by `Routes`.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw AccessError.notAuthenticated }
        return principal
    }
}
