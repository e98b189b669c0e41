/// How a procedure's fee is computed. Amounts are in đồng.
public enum FeeRule: Sendable, Codable, Hashable {
    case none
    case fixed(amount: Int)
    /// Chứng thực bản sao: a rate for the first pages, a lower rate after, capped per copy.
    case perPage(firstPages: Int, firstPageAmount: Int, nextPageAmount: Int, cap: Int)
    /// Free when done within the legal time limit (đăng ký khai sinh đúng hạn); a fee otherwise.
    case freeIfOnTime(lateAmount: Int)

    /// The fee for one dossier: `pages` and `copies` matter for per-page fees; `late` for free-if-on-time.
    public func amount(pages: Int = 1, copies: Int = 1, late: Bool = false) -> Int {
        switch self {
        case .none: return 0
        case .fixed(let amount): return amount * max(copies, 1)
        case .perPage(let firstPages, let first, let next, let cap):
            let pages = max(pages, 1)
            let perCopy = min(pages, firstPages) * first + max(pages - firstPages, 0) * next
            return min(perCopy, cap) * max(copies, 1)
        case .freeIfOnTime(let lateAmount): return late ? lateAmount : 0
        }
    }

    public var text: String {
        switch self {
        case .none: "Không thu phí, lệ phí"
        case .fixed(let amount): "\(Money.text(amount))/bản"
        case .perPage(let firstPages, let first, let next, let cap):
            "\(Money.text(first))/trang cho \(firstPages) trang đầu, \(Money.text(next))/trang từ trang \(firstPages + 1), tối đa \(Money.text(cap))/bản"
        case .freeIfOnTime(let lateAmount): "Miễn lệ phí nếu đúng hạn; quá hạn: \(Money.text(lateAmount))"
        }
    }
}

public enum Money {
    /// 200000 → "200.000 đ" (Vietnamese grouping with dots).
    public static func text(_ amount: Int) -> String {
        let digits = String(abs(amount))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(character)
        }
        return (amount < 0 ? "-" : "") + grouped + " đ"
    }
}
