import HaiCapDomain

/// The staff page of a case of any kind: where a notification, an audit entry or a search result
/// leads. A kind without a page of its own has no link.
enum CaseLinks {
    static func staffHref(_ ref: CaseRef) -> String? {
        if ref.kind == .user { return ref.number.map { SitePath.adminUser(id: $0).href } }
        return CaseModules.module(for: ref.kind)?.staffHref(ref.id)
    }
}
