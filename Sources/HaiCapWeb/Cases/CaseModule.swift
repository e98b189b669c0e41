import HaiCapDomain

/// Everything the web layer knows about one kind of case, in one place: its pages and API, its
/// entries in the navigation, where one case's staff page is, and what its timeline actions are
/// called. A new kind writes one module and adds it to `CaseModules.all`; the application, the
/// navigation, notification links and timelines read from there.
protocol CaseModule: Sendable {
    var kind: CaseKind { get }
    /// Registers the kind's pages and API routes (each with its permission).
    func register(_ routes: Routes, services: AppServices, pages: PageRenderer)
    /// Entries everyone sees in the navigation, in order.
    var publicNavigation: [NavigationEntry] { get }
    /// Entries for staff, placed right after "Trang chủ" when the principal holds the permission.
    var staffNavigation: [NavigationEntry] { get }
    /// The staff page of one case of this kind.
    func staffHref(_ id: String) -> String?
    /// What a timeline action of this kind is called ("" when it has no name of its own).
    func actionLabel(_ code: String) -> String
    /// The kind's part of the OpenAPI document: `Resources/openapi/<name>.yaml` (see `OpenAPIDocument`).
    var openAPIFragment: String { get }
}

/// One navigation link, shown when the principal holds `permission`.
struct NavigationEntry: Sendable {
    let label: String
    let href: String
    let permission: Permission
}

/// The registered case kinds' web modules.
enum CaseModules {
    static let all: [any CaseModule] = [DossierModule(), FeedbackModule(), DocumentModule(), MeetingModule(), ConclusionModule()]

    static func module(for kind: CaseKind) -> (any CaseModule)? { all.first { $0.kind == kind } }
}
