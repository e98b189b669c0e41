/// The kind of a commune-level unit of the new city (Nghị quyết 1685/NQ-UBTVQH15, from 1 July 2025).
public enum UnitType: String, Sendable, Codable, CaseIterable {
    case phuong = "phuong"
    case xa = "xa"
    case dacKhu = "dac-khu"

    public var label: String {
        switch self {
        case .phuong: "Phường"
        case .xa: "Xã"
        case .dacKhu: "Đặc khu"
        }
    }

    /// The reference CSVs spell the type in Vietnamese.
    public init?(vietnamese: String) {
        switch VietnameseText.fold(vietnamese) {
        case "phuong": self = .phuong
        case "xa": self = .xa
        case "dac khu": self = .dacKhu
        default: return nil
        }
    }
}

/// One of the 168 commune-level units of Hồ Chí Minh City after the 2025 merger.
public struct AdministrativeUnit: Sendable, Equatable, Codable {
    /// Official 5-digit code (Quyết định 19/2025/QĐ-TTg).
    public let code: String
    public let name: String
    public let type: UnitType
    /// Approximate (geocoded) centroid and area: not survey data.
    public let latitude: Double
    public let longitude: Double
    public let areaKm2: Double

    public init(code: String, name: String, type: UnitType, latitude: Double, longitude: Double, areaKm2: Double) {
        self.code = code
        self.name = name
        self.type = type
        self.latitude = latitude
        self.longitude = longitude
        self.areaKm2 = areaKm2
    }
}

/// A ward, commune or township of the three former provinces, as it was before 1 July 2025.
public struct OldWard: Sendable, Equatable, Codable {
    public let code: String
    /// The code used by the official conversion table; differs for the 7 HCMC wards renumbered in January 2025.
    public let conversionCode: String
    public let name: String
    /// "phường", "xã" or "thị trấn".
    public let type: String
    public let districtCode: String
    public let districtName: String
    public let provinceCode: String
    public let provinceName: String

    public init(
        code: String, conversionCode: String, name: String, type: String, districtCode: String,
        districtName: String, provinceCode: String, provinceName: String
    ) {
        self.code = code
        self.conversionCode = conversionCode
        self.name = name
        self.type = type
        self.districtCode = districtCode
        self.districtName = districtName
        self.provinceCode = provinceCode
        self.provinceName = provinceName
    }
}

/// One row of the old → new table: an old ward (or the old Côn Đảo district, which had no wards)
/// went wholly or partly into a new unit.
public struct Succession: Sendable, Equatable, Codable {
    /// Empty for the old Côn Đảo district, which had no wards.
    public let oldWardCode: String
    public let oldDistrictName: String
    public let oldProvinceName: String
    public let newUnitCode: String
    /// True when the old ward was split and only part of it went to this unit.
    public let isPartial: Bool
    /// The successor that usually takes over a split ward's records.
    public let isDefault: Bool

    public init(
        oldWardCode: String, oldDistrictName: String, oldProvinceName: String, newUnitCode: String,
        isPartial: Bool, isDefault: Bool
    ) {
        self.oldWardCode = oldWardCode
        self.oldDistrictName = oldDistrictName
        self.oldProvinceName = oldProvinceName
        self.newUnitCode = newUnitCode
        self.isPartial = isPartial
        self.isDefault = isDefault
    }
}
