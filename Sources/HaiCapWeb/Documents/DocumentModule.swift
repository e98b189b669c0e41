import HaiCapDomain

/// Official documents as a case kind of the web layer.
struct DocumentModule: CaseModule {
    var kind: CaseKind { .document }
    var openAPIFragment: String { "documents" }

    func register(_ routes: Routes, services: AppServices, pages: PageRenderer) {
        DocumentAPIRoutes(services: services).register(routes)
        DocumentPages(services: services, pages: pages).register(routes)
        DocumentRegisterPages(services: services, pages: pages).register(routes)
        DocumentPrint(services: services, pages: pages).register(routes)
        DocumentSignaturePages(services: services, pages: pages).register(routes)
        DocumentFollowUpPages(services: services, pages: pages).register(routes)
    }

    var publicNavigation: [NavigationEntry] { [] }

    var staffNavigation: [NavigationEntry] {
        [NavigationEntry(label: "Văn bản", href: SitePath.documents.href, permission: .handleDocuments)]
    }

    func staffHref(_ id: String) -> String? { Int(id).map { SitePath.document(id: $0).href } }

    func actionLabel(_ code: String) -> String {
        switch code {
        case "arrive": "Văn bản đến (liên thông)"
        case "draft": "Soạn dự thảo"
        case "withdraw": "Bị thu hồi"
        case "recipient-status": "Nơi nhận báo trạng thái"
        case "ocr": "Đọc chữ bản quét"
        default: DocumentAction(rawValue: code)?.label ?? ""
        }
    }
}
