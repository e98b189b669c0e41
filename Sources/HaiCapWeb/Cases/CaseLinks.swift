import HaiCapDomain

/// The staff page of a case of any kind: where a notification, an audit entry or a search result
/// leads. A kind without a page of its own has no link.
enum CaseLinks {
    static func staffHref(_ ref: CaseRef) -> String? {
        switch ref.kind {
        case .dossier: SitePath.dossier(code: ref.id).href
        case .feedback: ref.number.map { SitePath.feedbackCase(id: $0).href }
        case .user: ref.number.map { SitePath.adminUser(id: $0).href }
        default: nil
        }
    }
}
