import Foundation

/// The one deadline clock of every case (dossier, incoming document, 1022 report), stored as
/// facts — when it started, how long it runs, when it was paused, how it was extended — and
/// evaluated against a `WorkCalendar` when asked, so that a corrected holiday or office-hours
/// setting never leaves stale due dates behind.
///
/// Semantics (see `DeadlineClock+Evaluation.swift`):
/// - the *base due* is the start plus the duration on the calendar (`WorkCalendar` defines the units);
/// - a *pause* (yêu cầu bổ sung, status 5) stops the clock: the due moves later by exactly the
///   office time that passed while paused; an open pause counts up to `now`; a pause that
///   begins after the clock has run out changes nothing (the case is already late);
/// - an *extension* (gia hạn, with the apology letter) replaces the due with the date it
///   names; pauses after the extension was granted move that date in turn.
public struct DeadlineClock: Sendable, Codable, Hashable {
    /// How long the clock runs, in the unit the procedure states.
    public struct Duration: Sendable, Codable, Hashable {
        public enum Unit: String, Sendable, Codable, Hashable, CaseIterable {
            case workingDays, workingHours, workingMinutes, calendarDays
            /// Minutes around the clock, for desks that never close (the 1022 switchboard's time to
            /// forward a report). A pause moves it by the office time paused, like every unit.
            case clockMinutes
        }

        public var value: Int
        public var unit: Unit

        public init(_ value: Int, _ unit: Unit) {
            precondition(value >= 0, "a duration cannot be negative")
            self.value = value
            self.unit = unit
        }

        public static func workingDays(_ value: Int) -> Duration { Duration(value, .workingDays) }
        public static func workingHours(_ value: Int) -> Duration { Duration(value, .workingHours) }
        public static func workingMinutes(_ value: Int) -> Duration { Duration(value, .workingMinutes) }
        public static func calendarDays(_ value: Int) -> Duration { Duration(value, .calendarDays) }
        public static func clockMinutes(_ value: Int) -> Duration { Duration(value, .clockMinutes) }

        /// The units a procedure's processing time may be given in (a 24/7 unit is not one).
        public static let procedureUnits: [Unit] = [.workingDays, .workingHours, .workingMinutes, .calendarDays]
    }

    /// A stop of the clock; `to` is nil while the pause is open.
    public struct Pause: Sendable, Codable, Hashable {
        public var from: Date
        public var to: Date?
        public var reason: String?

        public init(from: Date, to: Date? = nil, reason: String? = nil) {
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    /// A new due date granted at `at`.
    public struct Extension: Sendable, Codable, Hashable {
        public var newDue: Date
        public var reason: String
        public var at: Date

        public init(newDue: Date, reason: String, at: Date) {
            self.newDue = newDue
            self.reason = reason
            self.at = at
        }
    }

    /// An internal stage with its own sub-deadline: the stage must end once `share` of the
    /// total office time has run (e.g. review 60%, approval 20%); shares accumulate in order.
    public struct Step: Sendable, Codable, Hashable {
        public var name: String
        public var share: Double

        public init(name: String, share: Double) {
            precondition(share >= 0, "a step share cannot be negative")
            self.name = name
            self.share = share
        }
    }

    public let start: Date
    public let duration: Duration
    public private(set) var pauses: [Pause]
    public private(set) var extensions: [Extension]
    /// How many extensions the procedure allows.
    public let extensionLimit: Int
    public var steps: [Step]

    public init(
        start: Date, duration: Duration, pauses: [Pause] = [], extensions: [Extension] = [],
        extensionLimit: Int = 1, steps: [Step] = []
    ) {
        self.start = start
        self.duration = duration
        self.pauses = pauses
        self.extensions = extensions
        self.extensionLimit = extensionLimit
        self.steps = steps
    }

    public var isPaused: Bool { pauses.last.map { $0.to == nil } ?? false }

    /// Stops the clock at `at`.
    public mutating func pause(at: Date, reason: String? = nil) throws(DeadlineError) {
        guard !isPaused else { throw .alreadyPaused }
        guard at >= start, at >= (pauses.last?.to ?? start) else { throw .pauseOutOfOrder }
        pauses.append(Pause(from: at, reason: reason))
    }

    /// Restarts the clock at `at`.
    public mutating func resume(at: Date) throws(DeadlineError) {
        guard isPaused, let open = pauses.last else { throw .notPaused }
        guard at >= open.from else { throw .pauseOutOfOrder }
        pauses[pauses.count - 1].to = at
    }

    /// Grants a new due date; refused beyond `extensionLimit` extensions.
    public mutating func extend(to newDue: Date, reason: String, at: Date) throws(DeadlineError) {
        guard extensions.count < extensionLimit else { throw .extensionLimitReached(limit: extensionLimit) }
        guard newDue > at else { throw .extensionNotInFuture }
        guard WorkCalendar.supports(newDue) else { throw .outOfRange }
        extensions.append(Extension(newDue: newDue, reason: reason, at: at))
    }
}
