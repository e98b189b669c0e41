import HaiCapDomain

/// One-stop dossiers as a case kind of the web layer.
struct DossierModule: CaseModule {
    var kind: CaseKind { .dossier }
    var openAPIFragment: String { "dossiers" }

    func register(_ routes: Routes, services: AppServices, pages: PageRenderer) {
        // One guard for both lookup routes, so a client's guesses count once whichever it uses.
        let lookups = LookupGuard(limits: services.limits)
        DossierAPIRoutes(services: services, lookups: lookups).register(routes)
        DossierPages(services: services, pages: pages).register(routes)
        PublicDossierPages(services: services, pages: pages, lookups: lookups).register(routes)
        IndicatorPage(services: services, pages: pages).register(routes)
        AdminDossierPages(services: services, pages: pages).register(routes)
    }

    var publicNavigation: [NavigationEntry] {
        [
            NavigationEntry(label: "Thủ tục hành chính", href: SitePath.procedures.href, permission: .everyone),
            NavigationEntry(label: "Nộp hồ sơ trực tuyến", href: SitePath.submitOnline.href, permission: .everyone),
            NavigationEntry(label: "Tra cứu hồ sơ", href: SitePath.lookup.href, permission: .everyone),
            NavigationEntry(label: "Chỉ số 766", href: SitePath.indicators.href, permission: .everyone)
        ]
    }

    var staffNavigation: [NavigationEntry] {
        [NavigationEntry(label: "Một cửa", href: SitePath.oneStop.href, permission: .handleDossiers)]
    }

    func staffHref(_ id: String) -> String? { SitePath.dossier(code: id).href }

    func actionLabel(_ code: String) -> String {
        code == "submit" ? "Nộp hồ sơ" : DossierAction(rawValue: code)?.label ?? ""
    }
}
