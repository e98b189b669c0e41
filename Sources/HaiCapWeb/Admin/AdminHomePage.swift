import Foundation
import HaiCapDomain
import Hummingbird

/// The administrators' index at /quan-tri: every administration page, with a line on what it is for.
///
/// | route | permission |
/// |---|---|
/// | GET /quan-tri | administer |
struct AdminHomePage {
    let services: AppServices
    let pages: PageRenderer

    /// Label, address and purpose of each administration page, in the order the menu lists them.
    static let sections: [(label: String, path: SitePath, purpose: String)] = [
        ("Người dùng", .adminUsers, "Tài khoản cán bộ, vai trò, cơ quan, khóa và đặt lại mật khẩu."),
        ("Cơ quan", .adminAgencies, "Cơ quan và mã định danh QCVN 102, giờ làm việc riêng."),
        ("Token API", .adminTokens, "Token cho các hệ thống kết nối qua API."),
        ("Nhật ký kiểm toán", .adminAudit, "Mọi thao tác ghi dữ liệu, lọc theo người, cơ quan, loại thao tác, ngày."),
        ("Lịch nghỉ", .adminAnnouncements(year: nil), "Thông báo nghỉ lễ, Tết và làm bù của từng năm."),
        ("Danh mục thủ tục hành chính", .adminProcedures, "Nhập danh mục quốc gia, sửa thủ tục (lưu thành phiên bản mới)."),
        ("Đồng bộ Cổng Dịch vụ công quốc gia", .portalSync, "Hàng đợi gửi hồ sơ lên Cổng, lỗi và gửi lại."),
        ("Danh mục phản ánh", .adminFeedback, "Lĩnh vực phản ánh 1022, cơ quan phụ trách, thời hạn và quy tắc chuyển."),
        ("Khóa Open311", .adminOpen311Keys, "Khóa cho ứng dụng bên ngoài gửi phản ánh qua Open311."),
        ("Ranh giới phường, xã", .adminBoundaries, "Nạp ranh giới chính thức của 168 đơn vị.")
    ]

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.adminHome, .administer) { _, context in
            let model: [String: Any] = [
                "tasks": Self.sections.map { ["label": $0.label, "href": $0.path.href, "purpose": $0.purpose] }
            ]
            return try pages.page(
                "admin-home", title: "Quản trị hệ thống", crumbs: [.init(label: "Quản trị", href: nil)],
                model: model, context: context, currentPath: SitePath.adminHome.href)
        }
    }
}
