import HaiCapDomain

/// Meetings (and their conclusions, a case kind of their own) as a module of the web layer.
struct MeetingModule: CaseModule {
    var kind: CaseKind { .meeting }
    var openAPIFragment: String { "meetings" }

    func register(_ routes: Routes, services: AppServices, pages: PageRenderer) {
        MeetingAPIRoutes(services: services).register(routes)
        JitsiReservationRoutes(services: services).register(routes)
        MeetingPages(services: services, pages: pages).register(routes)
    }

    var publicNavigation: [NavigationEntry] { [] }

    var staffNavigation: [NavigationEntry] {
        [NavigationEntry(label: "Lịch họp", href: SitePath.meetings.href, permission: .attendMeetings)]
    }

    func staffHref(_ id: String) -> String? { Int(id).map { SitePath.meeting(id: $0).href } }

    func actionLabel(_ code: String) -> String {
        switch code {
        case "schedule": "Lên lịch họp"
        case "attendance": "Điểm danh"
        case "ready": "Điểm cầu sẵn sàng"
        case "answer": "Trả lời giấy mời"
        case "minutes": "Ghi biên bản"
        case "minutes-approve": "Duyệt biên bản"
        default: MeetingAction(rawValue: code)?.label ?? ""
        }
    }
}

/// A meeting's conclusion: its page is the meeting's.
struct ConclusionModule: CaseModule {
    var kind: CaseKind { .conclusion }
    var openAPIFragment: String { "" }

    func register(_ routes: Routes, services: AppServices, pages: PageRenderer) {}

    var publicNavigation: [NavigationEntry] { [] }
    var staffNavigation: [NavigationEntry] { [] }

    func staffHref(_ id: String) -> String? { SitePath.meetingConclusions.href }

    func actionLabel(_ code: String) -> String {
        code == "conclude" ? "Giao thực hiện kết luận" : ConclusionAction(rawValue: code)?.label ?? ""
    }
}
