import Foundation
import Synchronization

/// Where "now" comes from. Domain code never calls `Date()` itself, so that deadlines,
/// overdue checks and audit times can be tested at any instant.
///
/// Note: this shadows the standard library's `Clock` protocol (the one for `Duration`-based
/// sleeping) inside HaiCap modules; write `Swift.Clock` for that one.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The machine's clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to, shareable between tasks.
public final class FixedClock: Clock {
    private let current: Mutex<Date>

    public init(_ date: Date) {
        current = Mutex(date)
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}
