/// The agencies HaiCap starts with, and how their QCVN 102 identifiers are made where no official
/// code is known. The result is seed data: an administrator corrects any identifier in the UI.
///
/// Scheme (documented in docs/agency-identifiers.md):
/// - `000.00.00.H29` UBND Thành phố (official, QĐ 20/2020 list).
/// - City-level bodies: level 2 (`Y1Y2`) numbers them, 01 being Văn phòng UBND as in other provinces;
///   centres that report to a department sit at level 3 (`Z1Z2`) under it.
/// - Commune tier: level 2 is `90` (a block HaiCap reserves), level 4 (`V1V2V3`) is the unit's ordinal
///   in code order (001–168), level 3 is `00` for the UBND and `01` for its service centre. Two digits
///   of level 2 cannot hold 168 units, three digits of level 4 can.
public enum AgencyScheme {
    public static let cityId = "000.00.00.H29"
    /// The 1022 switchboard's operators: reports without a place in the city wait here.
    public static let operators1022Id = "000.01.22.H29"

    /// City-level agencies: (identifier, name, kind, official?).
    public static let cityAgencies: [Agency] = [
        Agency(id: cityId, name: "Ủy ban nhân dân Thành phố Hồ Chí Minh", kind: .cityPeoplesCommittee, unitCode: nil, idIsOfficial: true),
        Agency(id: "000.00.01.H29", name: "Văn phòng Ủy ban nhân dân Thành phố", kind: .cityOffice, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.02.H29", name: "Sở Nội vụ", kind: .department, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.03.H29", name: "Sở Tài chính", kind: .department, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.04.H29", name: "Sở Xây dựng", kind: .department, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.05.H29", name: "Sở Nông nghiệp và Môi trường", kind: .department, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.06.H29", name: "Sở Tư pháp", kind: .department, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.07.H29", name: "Sở Y tế", kind: .department, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.08.H29", name: "Sở Khoa học và Công nghệ", kind: .department, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.09.H29", name: "Công an Thành phố Hồ Chí Minh", kind: .police, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.01.01.H29", name: "Trung tâm Phục vụ hành chính công Thành phố", kind: .cityCentre, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.01.07.H29", name: "Trung tâm Kiểm soát bệnh tật Thành phố (HCDC)", kind: .cityCentre, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.01.08.H29", name: "Trung tâm Chuyển đổi số Thành phố", kind: .cityCentre, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.12.H29", name: "Sở Du lịch", kind: .department, unitCode: nil, idIsOfficial: false),
        Agency(id: operators1022Id, name: "Tổng đài 1022", kind: .cityCentre, unitCode: nil, idIsOfficial: false),
        Agency(
            id: "000.00.96.H29", name: "Tổng công ty Điện lực Thành phố Hồ Chí Minh (EVNHCMC)", kind: .utility, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.97.H29", name: "Tổng công ty Cấp nước Sài Gòn (SAWACO)", kind: .utility, unitCode: nil, idIsOfficial: false),
        Agency(id: "000.00.95.H29", name: "Bưu điện Thành phố Hồ Chí Minh (bưu chính công ích)", kind: .postal, unitCode: nil, idIsOfficial: false)
    ]

    /// The UBND and the one-stop service centre of every unit, numbered by the unit's place in code order.
    public static func unitAgencies(_ units: [AdministrativeUnit]) -> [Agency] {
        let ordered = units.sorted { $0.code < $1.code }
        var agencies: [Agency] = []
        agencies.reserveCapacity(ordered.count * 2)
        for (index, unit) in ordered.enumerated() {
            let ordinal = String(index + 1).leftPadded(to: 3)
            agencies.append(
                Agency(
                    id: "\(ordinal).00.90.H29", name: "Ủy ban nhân dân \(unit.name)",
                    kind: .unitPeoplesCommittee, unitCode: unit.code, idIsOfficial: false))
            agencies.append(
                Agency(
                    id: "\(ordinal).01.90.H29", name: "Trung tâm Phục vụ hành chính công \(unit.name)",
                    kind: .unitServiceCentre, unitCode: unit.code, idIsOfficial: false))
        }
        return agencies
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
