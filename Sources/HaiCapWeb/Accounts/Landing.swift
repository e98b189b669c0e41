import HaiCapDomain

/// Where each role starts after logging in: its own work queue rather than the public home page.
enum Landing {
    static func path(for role: Role) -> String {
        switch role {
        case .admin: SitePath.adminHome.href
        case .operator1022: SitePath.feedbackQueue.href
        case .leader, .officer, .specialist, .clerk, .department, .postal: SitePath.oneStop.href
        case .itSupport, .hcdc: SitePath.home.href
        }
    }
}
