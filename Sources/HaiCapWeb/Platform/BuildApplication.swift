import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Synchronization

/// Metrics are process-global in swift-metrics: bootstrap once, share the registry with every app.
enum MetricsBootstrap {
    private static let state = Mutex<PrometheusCollectorRegistry?>(nil)

    static func registry() -> PrometheusCollectorRegistry {
        state.withLock { current in
            if let current { return current }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            current = registry
            return registry
        }
    }
}

/// The composition root: `haicap serve` and every web test build the application here.
public struct HaiCapApplication {
    public let services: AppServices
    let router: Router<AppRequestContext>
    /// Every route with its permission; the access-matrix test walks it.
    public let routeSpecs: [RouteSpec]

    public static func build(services: AppServices) async throws -> HaiCapApplication {
        let pages = try await PageRenderer.load(flash: OneViewNotes(database: services.database))
        let router = Router(context: AppRequestContext.self)
        router.middlewares.add(RequestIdMiddleware())
        router.middlewares.add(SecurityHeadersMiddleware(config: services.config))
        router.middlewares.add(MetricsMiddleware())
        router.middlewares.add(AccessLogMiddleware())
        router.middlewares.add(ErrorMiddleware(pages: pages))
        if let publicDir = Bundle.module.resourceURL?.appendingPathComponent("public").path {
            router.middlewares.add(FileMiddleware(publicDir, urlBasePath: "/static"))
        }
        router.middlewares.add(AuthMiddleware(services: services))

        let routes = Routes(router: router)
        SystemRoutes(services: services, registry: MetricsBootstrap.registry()).register(routes)
        LoginRoutes(services: services, pages: pages).register(routes)
        DirectoryRoutes(services: services, pages: pages).register(routes)
        AdminAPIRoutes(services: services).register(routes)
        AdminPageRoutes(services: services, pages: pages).register(routes)
        AdminHomePage(services: services, pages: pages).register(routes)
        CalendarRoutes(services: services, pages: pages).register(routes)
        for module in CaseModules.all { module.register(routes, services: services, pages: pages) }
        NotificationRoutes(services: services, pages: pages).register(routes)
        return HaiCapApplication(services: services, router: router, routeSpecs: routes.specs)
    }

    /// The Hummingbird application, with graceful shutdown on SIGTERM/SIGINT via its ServiceGroup.
    public func application(
        host: String? = nil, port: Int? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var logger = services.logger
        logger.logLevel = services.config.logLevel
        var background: [any Service] = [
            BoundaryWatchService(geography: services.geography, interval: .seconds(30), logger: logger),
            DeadlineWatchService(watch: services.deadlineWatch, clock: services.clock, interval: .seconds(60), logger: logger),
            OutboxDeliveryService(
                deliverer: InAppNotifier(
                    notifications: services.notifications, outbox: services.outbox.outbox,
                    clock: services.clock, logger: logger),
                interval: .seconds(2)),
            // Scans are read where they are stored: OCR needs no outside service.
            OutboxDeliveryService(
                deliverer: OCRWorker(documents: services.documents, outbox: services.outbox.outbox, clock: services.clock, logger: logger),
                interval: .seconds(1))
        ]
        if let url = services.config.portalURL.flatMap(URL.init(string:)) {
            background.append(
                OutboxDeliveryService(
                    deliverer: PortalDeliverer(outbox: services.outbox, endpoint: url, clock: services.clock, logger: logger),
                    interval: .milliseconds(services.config.portalIntervalMs)))
        }
        if let url = services.config.edxmlURL.flatMap(URL.init(string:)) {
            background.append(
                OutboxDeliveryService(
                    deliverer: EdXMLDeliverer(
                        documents: services.documents, outbox: services.outbox.outbox, endpoint: url, clock: services.clock, logger: logger),
                    interval: .milliseconds(services.config.edxmlIntervalMs)))
        }
        if let url = services.config.smtpURL, var settings = try? SMTPSettings(url: url) {
            settings.caFile = services.config.smtpCAFile
            background.append(
                OutboxDeliveryService(
                    deliverer: MailDeliverer(
                        outbox: services.outbox.outbox, settings: settings, from: services.config.mailFrom, clock: services.clock, logger: logger),
                    interval: .milliseconds(services.config.mailIntervalMs)))
        }
        return Application(
            router: router,
            configuration: .init(
                address: .hostname(host ?? services.config.host, port: port ?? services.config.port),
                serverName: "HaiCap"),
            services: background,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }
}

/// Echoes the request id (the one in every log line of the request) so users can quote it to support.
struct RequestIdMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("X-Request-Id")!] = context.id
        return response
    }
}
