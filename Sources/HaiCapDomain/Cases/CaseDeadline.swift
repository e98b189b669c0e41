import Foundation

/// The one overdue rule of every kind: the clock runs (started, not paused, not stopped) and the
/// due instant has passed. Case tables keep `running` and `due_at` so that queues, indicators and
/// statistics ask the same question in SQL (`CaseSQL.overdue`).
public enum CaseDeadline {
    public static func isOverdue(running: Bool, due: Date?, at now: Date) -> Bool {
        guard running, let due else { return false }
        return now > due
    }

    /// Whether a clock counts: present, not stopped with the case, not paused.
    public static func isRunning(_ clock: DeadlineClock?, stopped: Bool) -> Bool {
        guard let clock, !stopped else { return false }
        return !clock.isPaused
    }
}
