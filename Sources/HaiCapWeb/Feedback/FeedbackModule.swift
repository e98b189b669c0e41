import HaiCapDomain

/// 1022 reports as a case kind of the web layer (with Open311, which speaks for the same reports).
struct FeedbackModule: CaseModule {
    var kind: CaseKind { .feedback }
    var openAPIFragment: String { "feedback" }

    func register(_ routes: Routes, services: AppServices, pages: PageRenderer) {
        Open311Routes(services: services).register(routes)
        FeedbackAPIRoutes(services: services).register(routes)
        FeedbackPages(services: services, pages: pages).register(routes)
        FeedbackStaffPages(services: services, pages: pages).register(routes)
        FeedbackAdminPages(services: services, pages: pages).register(routes)
    }

    var publicNavigation: [NavigationEntry] {
        [
            NavigationEntry(label: "Phản ánh 1022", href: SitePath.feedbackForm.href, permission: .everyone),
            NavigationEntry(label: "Bản đồ phản ánh", href: SitePath.feedbackMap.href, permission: .everyone),
            NavigationEntry(label: "Thống kê phản ánh", href: SitePath.feedbackStats.href, permission: .everyone)
        ]
    }

    /// The switchboard's desk first for operators, then the queue.
    var staffNavigation: [NavigationEntry] {
        [
            NavigationEntry(label: "Tổng đài 1022", href: SitePath.callIntake.href, permission: .takeCalls),
            NavigationEntry(label: "Xử lý phản ánh", href: SitePath.feedbackQueue.href, permission: .handleFeedback)
        ]
    }

    func staffHref(_ id: String) -> String? { Int(id).map { SitePath.feedbackCase(id: $0).href } }

    func actionLabel(_ code: String) -> String {
        switch code {
        case "submit": "Tiếp nhận"
        case "route": "Chuyển xử lý"
        case "follow": "Người dân cùng phản ánh"
        case "merged-in": "Gộp phản ánh trùng"
        default: ReportAction(rawValue: code)?.label ?? ""
        }
    }
}
