import Foundation
import HaiCapDomain
import SQLKit

/// The one path every transition of every kind takes: in one transaction, lock the case, let the
/// kind decide, apply the clock changes and save the clock, write the case, append the timeline
/// event and the audit entry, then the kind's extras. A failure anywhere leaves nothing behind.
public struct CaseLedger: Sendable {
    let database: Database
    let deadlines: DeadlineStore
    let timeline: Timeline
    let audit: AuditLog

    public init(database: Database, deadlines: DeadlineStore, timeline: Timeline, audit: AuditLog) {
        self.database = database
        self.deadlines = deadlines
        self.timeline = timeline
        self.audit = audit
    }

    /// Records one transition. `calendar` is the working calendar of the clock's agency, looked up
    /// before the transaction (SQLite has one connection, and the transaction holds it).
    public func record<T: CaseTransition>(
        _ transition: T, by actor: Principal?, actorName: String, calendar: WorkCalendar,
        at now: Date
    ) async throws -> (CaseRef, T.Subject) {
        try await database.transaction { session in
            try await record(transition, by: actor, actorName: actorName, calendar: calendar, at: now, in: session)
        }
    }

    /// The same inside a transaction already open: a transition whose extras create or move
    /// other cases (an issued document delivered to its recipients as their incoming copies)
    /// runs theirs through the ledger too, all in one transaction.
    public func record<T: CaseTransition>(
        _ transition: T, by actor: Principal?, actorName: String, calendar: WorkCalendar,
        at now: Date, in session: any SQLDatabase
    ) async throws -> (CaseRef, T.Subject) {
        var (ref, subject) = try await transition.load(at: now, in: session)
        // A case created just now has no clock row: nothing to read, and nothing to replace below.
        let before = transition.createsCase ? nil : try await deadlines.clock(of: ref, in: session)
        var step = try await transition.decide(&subject, ref: ref, clock: before, at: now, in: session)
        var clock = before
        for change in step.clock { clock = try change.applied(to: clock, at: now) }
        var due: Date?
        if let clock {
            due = try await deadlines.save(
                clock, of: ref, agencyId: step.agencyId, closed: step.stopped, calendar: calendar,
                now: now, row: before != nil ? .exists : .absent, in: session)
        }
        let running = CaseDeadline.isRunning(clock, stopped: step.stopped)
        try await transition.write(&subject, step: &step, due: due, running: running, at: now, in: session)
        try await timeline.append(
            TimelineEvent(
                ref, at: now, actorUserId: actor?.userId, actorName: actorName, action: step.action,
                fromState: step.from, toState: step.to, note: step.note, isPublic: step.isPublic),
            in: session)
        try await audit.append(AuditEvent(ref, action: step.action, detail: step.auditDetail), by: actor, at: now, in: session)
        try await transition.extras(subject, ref: ref, step: step, at: now, in: session)
        return (ref, subject)
    }
}
