/// Numbers and notations of NĐ 30 (Điều 15 and Phụ lục III): `05/QĐ-UBND`, a công văn
/// `12/UBND-VP`, a legal normative decision `05/2026/QĐ-UBND`; a leading zero below 10.
public enum DocumentNotation {
    public static func number(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    /// The notation after the number's slash, and the whole "số và ký hiệu".
    public static func notation(type: DocumentType, organ: String, draftingUnit: String?, normativeYear: Int? = nil) -> String {
        if let abbreviation = type.abbreviation {
            let typed = "\(abbreviation)-\(organ)"
            return normativeYear.map { "\($0)/\(typed)" } ?? typed
        }
        guard let unit = draftingUnit, !unit.isEmpty else { return organ }
        return "\(organ)-\(unit)"
    }

    public static func full(number: Int, notation: String) -> String { "\(self.number(number))/\(notation)" }

    /// The issuing organ's abbreviation: "UBND" for people's committees, otherwise the initials of
    /// its name without the place ("Sở Nội vụ" → SNV, "Trung tâm Phục vụ hành chính công phường
    /// Sài Gòn" → TTPVHCC, "Văn phòng Ủy ban nhân dân Thành phố" → VPUBND).
    public static func organ(of agency: Agency) -> String {
        switch agency.kind {
        case .cityPeoplesCommittee, .unitPeoplesCommittee: return "UBND"
        default: break
        }
        var name = agency.name
        if let bracket = name.firstIndex(of: "(") { name = String(name[..<bracket]) }
        for place in [" Thành phố Hồ Chí Minh", " Thành phố", " phường ", " xã ", " đặc khu "] {
            if let range = name.range(of: place) { name = String(name[..<range.lowerBound]) }
        }
        name = name.replacingOccurrences(of: "Ủy ban nhân dân", with: "UBND")
        var initials = ""
        for word in name.split(separator: " ") where word != "và" {
            if word == "UBND" { initials += "UBND" } else if let first = word.first { initials += String(first).uppercased() }
        }
        return initials.isEmpty ? "UBND" : initials
    }

    /// A drafting unit's abbreviation as typed (VP, KT, VHXH): letters only, at most 10.
    public static func validUnit(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 10 && text.allSatisfy { $0.isLetter && $0.isUppercase }
    }
}

/// The series a number is taken from, per agency and year (NĐ 30 Điều 15): one for outgoing
/// documents, one per type of legal normative document, one for secret documents, one for copies,
/// and the arrival numbers of incoming documents (paper and electronic alike).
public enum DocumentSeries: Sendable, Equatable {
    case outgoing
    case normative(DocumentType)
    case secret
    case copies
    case incoming

    /// The key stored beside the counter.
    public var key: String {
        switch self {
        case .outgoing: "di"
        case .normative(let type): "qppl-\(type.rawValue)"
        case .secret: "mat"
        case .copies: "sao"
        case .incoming: "den"
        }
    }

    public var label: String {
        switch self {
        case .outgoing: "Sổ văn bản đi"
        case .normative(let type): "Sổ văn bản quy phạm pháp luật — \(type.label)"
        case .secret: "Sổ văn bản mật"
        case .copies: "Sổ bản sao"
        case .incoming: "Sổ văn bản đến"
        }
    }

    /// The series an outgoing document is numbered in.
    public static func of(type: DocumentType, normative: Bool, secrecy: DocumentSecrecy) -> DocumentSeries {
        if type.isCopy { return .copies }
        if normative, type.mayBeNormative { return .normative(type) }
        if secrecy.isSecret { return .secret }
        return .outgoing
    }
}
