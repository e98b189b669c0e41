import Foundation
import HaiCapDomain
import SQLKit

/// What a kind decided one transition does, for `CaseLedger` to write: the timeline event, the
/// clock changes (applied in order), and the audit detail.
public struct CaseStep: Sendable {
    public var action: String
    /// nil when the case is being created.
    public var from: String?
    public var to: String?
    public var note: String
    public var isPublic: Bool
    public var clock: [ClockChange]
    /// Whether the clock stops counting with this step (finished, or — for kinds that say so —
    /// waiting); a stopped clock keeps its facts but leaves recomputation and the deadline queues.
    public var stopped: Bool
    /// The agency whose calendar the clock follows.
    public var agencyId: String?
    public var auditDetail: String

    public init(
        action: String, from: String?, to: String?, note: String, isPublic: Bool, clock: [ClockChange] = [],
        stopped: Bool = false, agencyId: String?, auditDetail: String
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.note = note
        self.isPublic = isPublic
        self.clock = clock
        self.stopped = stopped
        self.agencyId = agencyId
        self.auditDetail = auditDetail
    }
}

/// One kind's part in a transition. The ledger calls these in order, inside one transaction:
/// `load` (lock or create) → `decide` → [clock applied and saved] → `write` → [timeline, audit]
/// → `extras`. Anything that throws rolls the whole transition back.
public protocol CaseTransition: Sendable {
    associatedtype Subject: Sendable

    /// Whether `load` creates the case (an intake): then it has no clock yet to read or replace.
    var createsCase: Bool { get }
    /// The case, locked for the transaction, or created in memory for an intake.
    func load(at now: Date, in session: any SQLDatabase) async throws -> (CaseRef, Subject)
    /// The kind's rule and changes on the locked case; throws to refuse.
    func decide(
        _ subject: inout Subject, ref: CaseRef, clock: DeadlineClock?, at now: Date,
        in session: any SQLDatabase
    ) async throws -> CaseStep
    /// Writes the case's row, now that the clock's due instant and whether it runs are known.
    func write(
        _ subject: inout Subject, step: inout CaseStep, due: Date?, running: Bool, at now: Date,
        in session: any SQLDatabase) async throws
    /// Everything else the kind keeps in step (counters, public view, outbox messages, photos).
    func extras(_ subject: Subject, ref: CaseRef, step: CaseStep, at now: Date, in session: any SQLDatabase) async throws
}

extension CaseTransition {
    public var createsCase: Bool { false }
    public func extras(_ subject: Subject, ref: CaseRef, step: CaseStep, at now: Date, in session: any SQLDatabase) async throws {}
}
