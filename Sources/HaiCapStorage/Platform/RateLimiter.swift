import Foundation
import HaiCapDomain
import SQLKit

/// Fixed-window counters in the database, so that every instance on one PostgreSQL (or every
/// request on one SQLite file) shares them. One upsert per hit: the row lock serialises
/// concurrent hits on PostgreSQL, the single connection on SQLite.
public struct RateLimiter: Sendable {
    let database: Database
    /// Multiplies every limit (`HAICAP_RATE_LIMIT_SCALE`); 0 turns limiting off.
    public let scale: Int

    public init(database: Database, scale: Int = 1) {
        self.database = database
        self.scale = scale
    }

    /// Counts one hit of `key` and refuses it (RateLimited) once the window's limit is passed.
    public func take(_ limit: RateLimit, key: String, at now: Date) async throws {
        guard scale > 0 else { return }
        let rule = limit.scaled(scale)
        let (bucket, start) = Self.bucket(rule, key: key, now: now)
        let row = try await database.sql.raw(
            """
            INSERT INTO rate_limits (bucket, window_start, hits, expires_at)
            VALUES (\(bind: bucket), \(bind: start), 1, \(bind: start + Int64(rule.window * 1000)))
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
            RETURNING hits
            """
        ).first()
        let hits = try row?.decode(column: "hits", as: Int.self) ?? 1
        if hits == 1 { try await sweep(now) }
        if hits > rule.limit { throw RateLimited(rule, retryAfterSeconds: Self.secondsLeft(rule, start: start, now: now)) }
    }

    /// Refuses at once if `key` has already used up the window (without counting a hit).
    public func check(_ limit: RateLimit, key: String, at now: Date) async throws {
        guard try await isExhausted(limit, key: key, at: now) else { return }
        let rule = limit.scaled(scale)
        throw RateLimited(rule, retryAfterSeconds: Self.secondsLeft(rule, start: Self.bucket(rule, key: key, now: now).start, now: now))
    }

    public func isExhausted(_ limit: RateLimit, key: String, at now: Date) async throws -> Bool {
        guard scale > 0 else { return false }
        let rule = limit.scaled(scale)
        let (bucket, start) = Self.bucket(rule, key: key, now: now)
        let row = try await database.sql.raw(
            """
            SELECT hits FROM rate_limits WHERE bucket = \(bind: bucket) AND window_start = \(bind: start)
            """
        ).first()
        return (try row?.decode(column: "hits", as: Int.self) ?? 0) >= rule.limit
    }

    /// Counts a hit without refusing (a failure counted after the fact).
    public func count(_ limit: RateLimit, key: String, at now: Date) async throws {
        do { try await take(limit, key: key, at: now) } catch is RateLimited {}
    }

    /// Gives back a hit taken by `take` that turned out not to count (a lookup or login that
    /// succeeded): taking first and giving back after closes the race in which many concurrent
    /// attempts all pass a read-only check before any failure is counted.
    public func giveBack(_ limit: RateLimit, key: String, at now: Date) async throws {
        guard scale > 0 else { return }
        let (bucket, start) = Self.bucket(limit.scaled(scale), key: key, now: now)
        try await database.sql.raw(
            """
            UPDATE rate_limits SET hits = hits - 1 WHERE bucket = \(bind: bucket) AND window_start = \(bind: start) AND hits > 0
            """
        ).run()
    }

    /// Runs `attempt` as one counted try: taken before (refused once the window is used up), given
    /// back when `attempt` says it did not count.
    public func attempt<T>(_ limits: [(RateLimit, String)], at now: Date, _ attempt: () async throws -> (T, counts: Bool)) async throws -> T {
        var taken: [(RateLimit, String)] = []
        do {
            for (limit, key) in limits {
                try await take(limit, key: key, at: now)
                taken.append((limit, key))
            }
        } catch {
            // A refusal is not a try: the counters it did take are given back.
            for (limit, key) in taken { try? await giveBack(limit, key: key, at: now) }
            throw error
        }
        let (result, counts) = try await attempt()
        if !counts { for (limit, key) in limits { try await giveBack(limit, key: key, at: now) } }
        return result
    }

    static func bucket(_ rule: RateLimit, key: String, now: Date) -> (bucket: String, start: Int64) {
        let window = Int64(rule.window * 1000)
        // Windows are aligned on Vietnam time, so "per day" runs from local midnight, as dossier codes do.
        let offset = Int64(VietnamTime.offsetSeconds) * 1000
        let start = (now.millis + offset) / window * window - offset
        // Keys come from outside (addresses, codes): bounded, so a row stays small.
        return ("\(rule.name):\(key.prefix(120))", start)
    }

    static func secondsLeft(_ rule: RateLimit, start: Int64, now: Date) -> Int {
        Int((Double(start) / 1000 + rule.window - now.timeIntervalSince1970).rounded(.up))
    }

    /// Ended windows are deleted whenever a new window opens, so the table holds live counters only.
    private func sweep(_ now: Date) async throws {
        try await database.sql.raw("DELETE FROM rate_limits WHERE expires_at < \(bind: now.millis)").run()
    }
}
