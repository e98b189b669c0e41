/// Độ khẩn (NĐ 30 Điều 8), with the edXML `Priority` code of QCVN 102 (0 thường … 3 hỏa tốc).
public enum DocumentUrgency: String, Sendable, Codable, CaseIterable {
    case normal = "thuong"
    case urgent = "khan"
    case veryUrgent = "thuong-khan"
    case flash = "hoa-toc"

    public var label: String {
        switch self {
        case .normal: "Thường"
        case .urgent: "Khẩn"
        case .veryUrgent: "Thượng khẩn"
        case .flash: "Hỏa tốc"
        }
    }

    public var priority: Int {
        switch self {
        case .normal: 0
        case .urgent: 1
        case .veryUrgent: 2
        case .flash: 3
        }
    }

    /// edXML priority 4 ("hỏa tốc hẹn giờ") is handled as hỏa tốc.
    public init?(priority: Int) {
        switch priority {
        case 0: self = .normal
        case 1: self = .urgent
        case 2: self = .veryUrgent
        case 3, 4: self = .flash
        default: return nil
        }
    }

    /// How long the clerk has to register and pass on an incoming document. NĐ 30 Điều 21–22:
    /// the same working day, the next one at the latest (`workingDays(0)` applies the same-day
    /// cut-off); urgent documents "ngay": within the next office hour, and hỏa tốc within the hour
    /// around the clock, because it cannot wait for Monday.
    public var forwardingTime: DeadlineClock.Duration {
        switch self {
        case .normal: .workingDays(0)
        case .urgent, .veryUrgent: .workingMinutes(60)
        case .flash: .clockMinutes(60)
        }
    }
}

/// Độ mật (Luật Bảo vệ bí mật nhà nước): a secret document is seen only by the people it is
/// assigned to, the agency's leaders and its clerks, and it is numbered in its own series.
public enum DocumentSecrecy: String, Sendable, Codable, CaseIterable {
    case normal = "thuong"
    case confidential = "mat"
    case secret = "toi-mat"
    case topSecret = "tuyet-mat"

    public var label: String {
        switch self {
        case .normal: "Thường"
        case .confidential: "Mật"
        case .secret: "Tối mật"
        case .topSecret: "Tuyệt mật"
        }
    }

    public var isSecret: Bool { self != .normal }
}
