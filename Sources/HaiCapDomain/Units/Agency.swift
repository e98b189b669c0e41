/// What an agency is, which decides its default scope and what it appears as in the directory.
public enum AgencyKind: String, Sendable, Codable, CaseIterable {
    case cityPeoplesCommittee = "city-ubnd"
    case cityOffice = "city-office"
    case department = "department"
    case cityCentre = "city-centre"
    case police = "police"
    case postal = "postal"
    /// State-owned utilities that answer 1022 reports (electricity, water).
    case utility = "utility"
    case unitPeoplesCommittee = "unit-ubnd"
    case unitServiceCentre = "unit-service-centre"

    public var label: String {
        switch self {
        case .cityPeoplesCommittee: "UBND Thành phố"
        case .cityOffice: "Văn phòng"
        case .department: "Sở, ngành"
        case .cityCentre: "Trung tâm, đơn vị sự nghiệp"
        case .police: "Công an"
        case .postal: "Bưu chính công ích"
        case .utility: "Doanh nghiệp dịch vụ công ích"
        case .unitPeoplesCommittee: "UBND cấp xã"
        case .unitServiceCentre: "Trung tâm phục vụ hành chính công cấp xã"
        }
    }
}

/// A government body (or the public postal service acting for one). Every case and every official belongs to one.
public struct Agency: Sendable, Equatable, Codable {
    /// QCVN 102:2016 identifier, e.g. `000.00.00.H29`.
    public var id: String
    public var name: String
    public var kind: AgencyKind
    /// The commune-level unit the agency serves; nil for city-level agencies, which see the whole city.
    public var unitCode: String?
    /// False while the identifier follows HaiCap's documented scheme rather than an official directory.
    public var idIsOfficial: Bool

    public init(id: String, name: String, kind: AgencyKind, unitCode: String?, idIsOfficial: Bool) {
        self.id = id
        self.name = name
        self.kind = kind
        self.unitCode = unitCode
        self.idIsOfficial = idIsOfficial
    }
}

/// The QCVN 102:2016 agency identifier `V1V2V3.Z1Z2.Y1Y2.MX1X2` (levels 4.3.2.1, unused levels zero).
public struct AgencyIdentifier: Sendable, Equatable, CustomStringConvertible {
    public let level4: String
    public let level3: String
    public let level2: String
    public let level1: String

    public init(_ text: String) throws(ValidationError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let digits = { (s: String, n: Int) in s.count == n && s.allSatisfy(\.isASCII) && s.allSatisfy(\.isNumber) }
        guard parts.count == 4, digits(parts[0], 3), digits(parts[1], 2), digits(parts[2], 2),
            parts[3].count == 3, let first = parts[3].first, first.isLetter, first.isUppercase, first.isASCII,
            digits(String(parts[3].dropFirst()), 2)
        else {
            throw ValidationError(field: "id", "Mã định danh phải có dạng V1V2V3.Z1Z2.Y1Y2.MX1X2 theo QCVN 102:2016, ví dụ 000.00.00.H29.")
        }
        level4 = parts[0]; level3 = parts[1]; level2 = parts[2]; level1 = parts[3]
    }

    public var description: String { "\(level4).\(level3).\(level2).\(level1)" }
}
