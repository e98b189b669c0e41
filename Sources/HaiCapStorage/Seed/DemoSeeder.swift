import Foundation
import HaiCapDomain

/// Demo accounts, one per role, for a newcomer's first start (demo mode only, never in production).
public struct DemoSeeder: Sendable {
    public static let password = "HaiCap@2025hcm"

    /// (username, full name, role, which agency: a city agency id, or a unit code + kind).
    public static let accounts: [(String, String, Role, AgencyPick)] = [
        ("admin", "Quản trị hệ thống", .admin, .city("000.01.08.H29")),
        ("lanhdao.tandinh", "Nguyễn Văn Lãnh", .leader, .unit("26737", .unitPeoplesCommittee)),
        ("motcua.tandinh", "Trần Thị Mai", .officer, .unit("26737", .unitServiceCentre)),
        ("chuyenvien.tandinh", "Lê Minh Chuyên", .specialist, .unit("26737", .unitPeoplesCommittee)),
        ("vanthu.tandinh", "Phạm Thu Văn", .clerk, .unit("26737", .unitPeoplesCommittee)),
        ("motcua.benthanh", "Võ Thị Hồng", .officer, .unit("26743", .unitServiceCentre)),
        ("lanhdao.benthanh", "Trương Công Lãnh", .leader, .unit("26743", .unitPeoplesCommittee)),
        ("chuyenvien.benthanh", "Huỳnh Thị Chuyên", .specialist, .unit("26743", .unitPeoplesCommittee)),
        ("vanthu.benthanh", "Lý Thị Thư", .clerk, .unit("26743", .unitPeoplesCommittee)),
        ("so.xaydung", "Đặng Quốc Xây", .department, .city("000.00.04.H29")),
        ("hotro.cds", "Bùi Anh Kỹ", .itSupport, .city("000.01.08.H29")),
        ("hcdc", "Đỗ Thị Dịch", .hcdc, .city("000.01.07.H29")),
        ("buudien", "Hồ Văn Bưu", .postal, .city("000.00.95.H29")),
        ("tongdai1022", "Ngô Thị Thoại", .operator1022, .city(AgencyScheme.operators1022Id))
    ]

    public enum AgencyPick: Sendable {
        case city(String)
        case unit(String, AgencyKind)
    }

    let accounts: AccountStore
    let agencies: AgencyStore

    public init(accounts: AccountStore, agencies: AgencyStore) {
        self.accounts = accounts
        self.agencies = agencies
    }

    /// Creates the demo accounts that do not exist yet; returns the usernames created.
    @discardableResult
    public func seed(at now: Date) async throws -> [String] {
        var created: [String] = []
        for (username, fullName, role, pick) in Self.accounts where try await accounts.find(username: username) == nil {
            let agencyId: String
            switch pick {
            case .city(let id): agencyId = id
            case .unit(let code, let kind):
                guard let agency = try await agencies.list(unitCode: code, kind: kind).items.first else { continue }
                agencyId = agency.id
            }
            _ = try await accounts.create(
                NewAccount(
                    username: username, fullName: fullName, password: Self.password,
                    role: role.rawValue, agencyId: agencyId), by: nil, at: now)
            created.append(username)
        }
        return created
    }
}
