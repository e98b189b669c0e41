import Foundation

/// Why a change to a `DeadlineClock` was refused.
public enum DeadlineError: Error, Sendable, Hashable {
    /// The procedure allows only `limit` extensions (NĐ 107/2021: the new date is set once).
    case extensionLimitReached(limit: Int)
    /// An extension must move the due date to after the moment it is granted.
    case extensionNotInFuture
    /// A pause is already open; resume it first.
    case alreadyPaused
    /// There is no open pause to resume.
    case notPaused
    /// A pause cannot start before the clock does, nor end before it starts.
    case pauseOutOfOrder
}
