import Foundation

/// How many times one client (or one target) may do one thing per window. Anonymous writes —
/// online submissions, 1022 reports and follows — and dossier lookups are limited, so that one
/// client cannot use up a ward's dossier numbers, flood a queue, or guess receipts.
public struct RateLimit: Sendable, Equatable {
    /// Names the counter: `what` plus the key (a client address, an agency, a dossier code).
    public let name: String
    public let limit: Int
    public let window: TimeInterval
    /// Said to the person refused, e.g. "Mỗi địa chỉ mạng được nộp tối đa 10 hồ sơ trực tuyến mỗi giờ."
    public let explanation: String

    public init(_ name: String, limit: Int, window: TimeInterval, explanation: String) {
        self.name = name
        self.limit = limit
        self.window = window
        self.explanation = explanation
    }

    /// The same rule with its limit multiplied (`HAICAP_RATE_LIMIT_SCALE`; load tests raise it).
    public func scaled(_ factor: Int) -> RateLimit {
        RateLimit(
            name, limit: limit.multipliedReportingOverflow(by: factor).overflow ? Int.max : limit * factor,
            window: window, explanation: explanation)
    }
}

/// A limit was reached: HTTP 429 with `Retry-After`.
public struct RateLimited: HaiCapError, Equatable {
    public let limit: RateLimit
    public let retryAfterSeconds: Int
    public init(_ limit: RateLimit, retryAfterSeconds: Int) {
        self.limit = limit
        self.retryAfterSeconds = max(1, retryAfterSeconds)
    }
    public var kind: ErrorKind { .tooManyRequests }
    public var code: String { "rate_limited" }
    public var message: String {
        let minutes = (retryAfterSeconds + 59) / 60
        return "\(limit.explanation) Vui lòng thử lại sau \(minutes) phút."
    }
}

/// The limits HaiCap applies to requests without an account (README "Giới hạn").
public enum AnonymousLimits {
    public static let onlineDossiersPerClient = RateLimit(
        "dossier.online.client", limit: 10, window: 3600,
        explanation: "Mỗi địa chỉ mạng được nộp tối đa 10 hồ sơ trực tuyến mỗi giờ.")
    public static let onlineDossiersPerAgency = RateLimit(
        "dossier.online.agency", limit: 500, window: 86_400,
        explanation: "Phường, xã này đã nhận đủ 500 hồ sơ trực tuyến không qua tài khoản trong ngày.")
    public static let reportsPerClient = RateLimit(
        "feedback.report.client", limit: 10, window: 3600,
        explanation: "Mỗi địa chỉ mạng được gửi tối đa 10 phản ánh mỗi giờ.")
    public static let followsPerClient = RateLimit(
        "feedback.follow.client", limit: 30, window: 3600,
        explanation: "Mỗi địa chỉ mạng được theo dõi tối đa 30 phản ánh mỗi giờ.")
    /// Once per client and report: the follower count is a count of people, not of clicks.
    public static let followOnce = RateLimit(
        "feedback.follow.once", limit: 1, window: 30 * 86_400,
        explanation: "Bạn đã theo dõi phản ánh này.")
    /// Wrong logins from one client, whatever the names tried (password spraying); each name also
    /// locks after 5 wrong passwords in a row.
    public static let loginFailuresPerClient = RateLimit(
        "login.fail.client", limit: 30, window: 900,
        explanation: "Đăng nhập sai quá nhiều lần từ địa chỉ mạng này.")
    /// Wrong lookups from one client: then that client waits, whatever code it tries.
    public static let lookupFailuresPerClient = RateLimit(
        "lookup.fail.client", limit: 20, window: 900,
        explanation: "Tra cứu sai quá nhiều lần từ địa chỉ mạng này.")
    /// Wrong lookups of one code (from anywhere): then only the full secret opens it, not the
    /// phone's last four digits, so the holder of the receipt is never locked out.
    public static let lookupFailuresPerCode = RateLimit(
        "lookup.fail.code", limit: 10, window: 900,
        explanation: "Mã hồ sơ này bị tra cứu sai nhiều lần: hãy dùng mã tra cứu in trên giấy tiếp nhận.")
}
