/// The kinds of administrative document of NĐ 30/2020/NĐ-CP (Điều 7) with their abbreviations
/// (Phụ lục III). Công văn and thư công have none: their notation is the agency and the drafting unit.
/// The raw values are what the API and the database store.
public enum DocumentType: String, Sendable, Codable, CaseIterable {
    case congVan = "cong-van"
    case nghiQuyet = "nghi-quyet"
    case quyetDinh = "quyet-dinh"
    case chiThi = "chi-thi"
    case quyChe = "quy-che"
    case quyDinh = "quy-dinh"
    case thongCao = "thong-cao"
    case thongBao = "thong-bao"
    case huongDan = "huong-dan"
    case chuongTrinh = "chuong-trinh"
    case keHoach = "ke-hoach"
    case phuongAn = "phuong-an"
    case deAn = "de-an"
    case duAn = "du-an"
    case baoCao = "bao-cao"
    case bienBan = "bien-ban"
    case toTrinh = "to-trinh"
    case hopDong = "hop-dong"
    case congDien = "cong-dien"
    case banGhiNho = "ban-ghi-nho"
    case banThoaThuan = "ban-thoa-thuan"
    case giayUyQuyen = "giay-uy-quyen"
    case giayMoi = "giay-moi"
    case giayGioiThieu = "giay-gioi-thieu"
    case giayNghiPhep = "giay-nghi-phep"
    case phieuGui = "phieu-gui"
    case phieuChuyen = "phieu-chuyen"
    case phieuBao = "phieu-bao"
    case thuCong = "thu-cong"
    case banSaoY = "ban-sao-y"
    case banSaoLuc = "ban-sao-luc"
    case banTrichSao = "ban-trich-sao"

    /// The abbreviation in the notation (nil: công văn, thư công).
    public var abbreviation: String? {
        switch self {
        case .congVan, .thuCong: nil
        case .nghiQuyet: "NQ"
        case .quyetDinh: "QĐ"
        case .chiThi: "CT"
        case .quyChe: "QC"
        case .quyDinh: "QyĐ"
        case .thongCao: "TC"
        case .thongBao: "TB"
        case .huongDan: "HD"
        case .chuongTrinh: "CTr"
        case .keHoach: "KH"
        case .phuongAn: "PA"
        case .deAn: "ĐA"
        case .duAn: "DA"
        case .baoCao: "BC"
        case .bienBan: "BB"
        case .toTrinh: "TTr"
        case .hopDong: "HĐ"
        case .congDien: "CĐ"
        case .banGhiNho: "BGN"
        case .banThoaThuan: "BTT"
        case .giayUyQuyen: "GUQ"
        case .giayMoi: "GM"
        case .giayGioiThieu: "GGT"
        case .giayNghiPhep: "GNP"
        case .phieuGui: "PG"
        case .phieuChuyen: "PC"
        case .phieuBao: "PB"
        case .banSaoY: "SY"
        case .banSaoLuc: "SL"
        case .banTrichSao: "TrS"
        }
    }

    public var label: String {
        switch self {
        case .congVan: "Công văn"
        case .nghiQuyet: "Nghị quyết"
        case .quyetDinh: "Quyết định"
        case .chiThi: "Chỉ thị"
        case .quyChe: "Quy chế"
        case .quyDinh: "Quy định"
        case .thongCao: "Thông cáo"
        case .thongBao: "Thông báo"
        case .huongDan: "Hướng dẫn"
        case .chuongTrinh: "Chương trình"
        case .keHoach: "Kế hoạch"
        case .phuongAn: "Phương án"
        case .deAn: "Đề án"
        case .duAn: "Dự án"
        case .baoCao: "Báo cáo"
        case .bienBan: "Biên bản"
        case .toTrinh: "Tờ trình"
        case .hopDong: "Hợp đồng"
        case .congDien: "Công điện"
        case .banGhiNho: "Bản ghi nhớ"
        case .banThoaThuan: "Bản thỏa thuận"
        case .giayUyQuyen: "Giấy ủy quyền"
        case .giayMoi: "Giấy mời"
        case .giayGioiThieu: "Giấy giới thiệu"
        case .giayNghiPhep: "Giấy nghỉ phép"
        case .phieuGui: "Phiếu gửi"
        case .phieuChuyen: "Phiếu chuyển"
        case .phieuBao: "Phiếu báo"
        case .thuCong: "Thư công"
        case .banSaoY: "Bản sao y"
        case .banSaoLuc: "Bản sao lục"
        case .banTrichSao: "Bản trích sao"
        }
    }

    /// Copies (sao y, sao lục, trích sao) are numbered in their own series.
    public var isCopy: Bool { self == .banSaoY || self == .banSaoLuc || self == .banTrichSao }

    /// The types an agency may issue as a legal normative document (văn bản quy phạm pháp luật),
    /// each numbered in its own series: at commune and city level, resolutions and decisions.
    public var mayBeNormative: Bool { self == .nghiQuyet || self == .quyetDinh }

    /// Accepts the stored value or the Vietnamese name as people type it ("Quyết định", "quyet dinh").
    public static func parse(_ text: String) -> DocumentType? {
        if let exact = DocumentType(rawValue: text) { return exact }
        let folded = VietnameseText.fold(text).replacingOccurrences(of: " ", with: "-")
        return allCases.first { $0.rawValue == folded || VietnameseText.fold($0.abbreviation ?? "") == folded && !folded.isEmpty }
    }
}
