import Foundation

/// What a transition does to the case's deadline clock. `CaseLedger` applies it, so every kind
/// starts, pauses, resumes, extends and stops its clock the same way.
public enum ClockEffect: Sendable, Equatable {
    case none
    /// The clock starts now (a dossier received, a report submitted).
    case start
    case pause
    case resume
    /// A new due instant within the clock's extension limit (Mẫu 04, a report's new date).
    case extend
    /// The work is finished: the due instant is frozen and the case leaves the deadline queues.
    case stop
    /// A fresh clock from now (a reopened report).
    case restart
}

/// A `ClockEffect` with what it needs: the new clock, the pause's reason, the new due instant.
public enum ClockChange: Sendable {
    case none
    case start(DeadlineClock)
    case pause(reason: String)
    case resume
    case extend(to: Date, reason: String)
    case stop
    case restart(DeadlineClock)

    public var effect: ClockEffect {
        switch self {
        case .none: .none
        case .start: .start
        case .pause: .pause
        case .resume: .resume
        case .extend: .extend
        case .stop: .stop
        case .restart: .restart
        }
    }
}

extension ClockChange {
    /// The clock after this change. `.stop` leaves the facts as they are (the ledger marks the
    /// clock finished); resuming a clock that is not paused changes nothing.
    public func applied(to clock: DeadlineClock?, at now: Date) throws(DeadlineError) -> DeadlineClock? {
        switch self {
        case .none, .stop:
            return clock
        case .start(let fresh), .restart(let fresh):
            return fresh
        case .pause(let reason):
            guard var running = clock else { return nil }
            try running.pause(at: now, reason: reason)
            return running
        case .resume:
            guard var paused = clock, paused.isPaused else { return clock }
            try paused.resume(at: now)
            return paused
        case .extend(let newDue, let reason):
            guard var extended = clock else { return nil }
            try extended.extend(to: newDue, reason: reason, at: now)
            return extended
        }
    }
}
