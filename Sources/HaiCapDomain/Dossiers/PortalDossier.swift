import Foundation

/// One dossier in the national portal's sync layout (service DongBoHoSoMC, DOMAIN.md §6).
/// Field names are the portal's; times are `yyyyMMddHHmmss` in Vietnam time.
public struct PortalDossier: Sendable, Codable, Equatable {
    public struct Step: Sendable, Codable, Equatable {
        public var NguoiXuLy: String
        public var ThoiDiemXuLy: String
        public var NoiDungXuLy: String
        public var TrangThai: Int

        public init(NguoiXuLy: String, ThoiDiemXuLy: String, NoiDungXuLy: String, TrangThai: Int) {
            self.NguoiXuLy = NguoiXuLy
            self.ThoiDiemXuLy = ThoiDiemXuLy
            self.NoiDungXuLy = NoiDungXuLy
            self.TrangThai = TrangThai
        }
    }
    public struct Supplement: Sendable, Codable, Equatable {
        public var NgayYeuCau: String
        public var NgayHenTraTruoc: String
        public var NgayHenTraMoi: String
    }
    public struct Document: Sendable, Codable, Equatable {
        public var MaThanhPhanHoSo: String
        public var TenTepDinhKem: String
        public var DuocSoHoa: Bool
        public var DuocTaiSuDung: Bool
    }
    public struct Identity: Sendable, Codable, Equatable {
        public var LoaiDinhDanh: Int
        public var SoDinhDanh: String
    }

    public var MaHoSo: String
    public var MaTTHC: String
    public var TenTTHC: String
    public var MaLinhVuc: String
    public var TenLinhVuc: String
    public var KenhThucHien: Int
    public var ChuHoSo: String
    public var LoaiDoiTuong: Int
    public var SoDienThoai: String
    public var Email: String
    public var TrichYeuHoSo: String
    public var NgayNopHoSo: String
    public var NgayTiepNhan: String
    public var NgayHenTra: String
    public var TrangThaiHoSo: Int
    public var NgayTra: String
    public var HinhThuc: Int
    public var NgayKetThucXuLy: String
    public var NgayTuChoi: String
    public var DonViXuLy: String
    public var NoiNopHoSo: Int
    public var HoSoCoThanhPhanSoHoa: Bool
    public var DinhDanhCHS: [Identity]
    public var TaiLieuNop: [Document]
    public var DanhSachHoSoBoSung: [Supplement]
    public var QuaTrinhXuLy: [Step]

    /// The portal's timestamp format.
    public static func stamp(_ date: Date?) -> String {
        guard let date else { return "" }
        let (day, minutes) = VietnamTime.components(date)
        let seconds = VietnamTime.localSeconds(date) % 60
        return String(format: "%04d%02d%02d%02d%02d%02d", day.year, day.month, day.day, minutes / 60, minutes % 60, (seconds + 60) % 60)
    }

    public init(dossier: Dossier, procedure: Procedure, step: Step) {
        let refused = dossier.status == .refused
        MaHoSo = dossier.code
        MaTTHC = dossier.procedureCode
        TenTTHC = dossier.procedureName
        MaLinhVuc = procedure.field.code
        TenLinhVuc = procedure.field.name
        KenhThucHien = dossier.channel.rawValue
        ChuHoSo = dossier.details.applicant.name
        LoaiDoiTuong = 1
        SoDienThoai = dossier.details.applicant.phone
        Email = dossier.details.applicant.email
        TrichYeuHoSo = dossier.details.summary.isEmpty ? dossier.procedureName : dossier.details.summary
        NgayNopHoSo = Self.stamp(dossier.submittedAt)
        NgayTiepNhan = Self.stamp(dossier.receivedAt)
        NgayHenTra = Self.stamp(dossier.due)
        TrangThaiHoSo = dossier.status.portalCode
        NgayTra = Self.stamp(dossier.returnedAt)
        HinhThuc = dossier.details.returnMethod == .post ? 1 : 0
        NgayKetThucXuLy = Self.stamp(dossier.finishedAt)
        NgayTuChoi = refused ? Self.stamp(dossier.submittedAt) : ""
        DonViXuLy = dossier.handlingAgencyId
        NoiNopHoSo = dossier.channel == .online ? 2 : 1
        HoSoCoThanhPhanSoHoa = dossier.digitised
        DinhDanhCHS = [
            Identity(
                LoaiDinhDanh: dossier.details.applicant.idNumber.count == 12 ? 1 : 2,
                SoDinhDanh: dossier.details.applicant.idNumber)
        ]
        TaiLieuNop = dossier.details.components.filter { $0.form != .missing }.map {
            Document(MaThanhPhanHoSo: $0.code, TenTepDinhKem: $0.name, DuocSoHoa: $0.form.isDigital, DuocTaiSuDung: $0.form == .reused)
        }
        DanhSachHoSoBoSung = dossier.details.supplements.map {
            Supplement(NgayYeuCau: Self.stamp($0.requestedAt), NgayHenTraTruoc: Self.stamp($0.dueBefore), NgayHenTraMoi: Self.stamp($0.dueAfter))
        }
        QuaTrinhXuLy = [step]
    }
}

/// The envelope sent to the portal endpoint: create the first time, update afterwards.
public struct PortalEnvelope: Sendable, Codable, Equatable {
    public var service: String
    public var isUpdating: Bool
    /// `MaHoSo:seq`: the receiver drops a payload it has already applied.
    public var idempotencyKey: String
    public var data: [PortalDossier]

    public init(isUpdating: Bool, idempotencyKey: String, data: [PortalDossier]) {
        service = "DongBoHoSoMC"
        self.isUpdating = isUpdating
        self.idempotencyKey = idempotencyKey
        self.data = data
    }
}
