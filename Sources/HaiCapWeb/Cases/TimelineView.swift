import HaiCapDomain

/// One timeline row as every case page shows it, through the one `timeline` partial: when, what
/// (the kind's label for the action), who (staff pages only), the note, and whether it is internal.
struct TimelineRow {
    let at: String
    let label: String
    let hasLabel: Bool
    let actor: String
    let hasActor: Bool
    let note: String
    let hasNote: Bool
    let isInternal: Bool

    /// Who reads the timeline: staff see who acted and the internal steps; the public page shows
    /// neither officials' names nor internal steps (the store already leaves those out).
    enum Audience { case staff, citizen }

    init(_ event: TimelineEvent, for audience: Audience) {
        at = DossierViews.time(event.at)
        label = TimelineLabels.action(event.action, of: event.ref.kind)
        hasLabel = !label.isEmpty
        actor = audience == .staff ? event.actorName : ""
        hasActor = !actor.isEmpty
        note = event.note
        hasNote = !event.note.isEmpty
        isInternal = audience == .staff && !event.isPublic
    }

    static func rows(_ events: [TimelineEvent], for audience: Audience) -> [TimelineRow] {
        events.map { TimelineRow($0, for: audience) }
    }
}

/// What an action on the timeline is called: the kind's own name for it.
enum TimelineLabels {
    static func action(_ code: String, of kind: CaseKind) -> String {
        if code == "create" { return "Tạo mới" }
        return CaseModules.module(for: kind)?.actionLabel(code) ?? ""
    }
}
