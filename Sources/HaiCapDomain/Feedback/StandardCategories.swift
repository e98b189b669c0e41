/// The categories 1022 starts with (DOMAIN.md §5: the current fields and the older list of
/// nine), with who answers each. Administrators change them afterwards; these are only the
/// first version written into an empty database.
public enum StandardCategories {
    /// City agencies that answer whole categories (ids as in `AgencyScheme`).
    public static let construction = "000.00.04.H29"  // Sở Xây dựng (giao thông, hạ tầng since 03/2025)
    public static let environment = "000.00.05.H29"  // Sở Nông nghiệp và Môi trường
    public static let health = "000.00.07.H29"  // Sở Y tế
    public static let cityOffice = "000.00.01.H29"  // Văn phòng UBND Thành phố
    public static let electricity = "000.00.96.H29"  // Tổng công ty Điện lực TP.HCM
    public static let water = "000.00.97.H29"  // Tổng công ty Cấp nước Sài Gòn
    public static let tourism = "000.00.12.H29"  // Sở Du lịch

    public static let all: [FeedbackCategory] = [
        FeedbackCategory(
            code: "ha-tang", name: "Sự cố hạ tầng", description: "Ổ gà, sụt lún mặt đường, hư hỏng vỉa hè, nắp cống, cầu",
            group: "Hạ tầng đô thị", keywords: ["ổ gà", "sụt lún", "vỉa hè", "nắp cống"], responsible: .unitCommittee,
            attributes: [
                FeedbackAttribute(
                    code: "muc-do", description: "Mức độ nguy hiểm", datatype: .singlevaluelist, required: true,
                    values: [
                        .init(key: "nguy-hiem", name: "Nguy hiểm, cần xử lý ngay"),
                        .init(key: "binh-thuong", name: "Bình thường")
                    ])
            ]),
        FeedbackCategory(
            code: "giao-thong", name: "Giao thông", description: "Kẹt xe, đèn tín hiệu hỏng, biển báo, phân luồng",
            group: "Giao thông", keywords: ["kẹt xe", "đèn tín hiệu", "biển báo"], responsible: .agency(construction), duplicateRadiusMetres: 100),
        FeedbackCategory(
            code: "trat-tu-do-thi", name: "Trật tự đô thị", description: "Lấn chiếm vỉa hè, lòng đường; xây dựng không phép; quảng cáo sai quy định",
            group: "Trật tự đô thị", keywords: ["lấn chiếm", "xây dựng không phép", "quảng cáo"], responsible: .unitCommittee),
        FeedbackCategory(
            code: "ve-sinh-moi-truong", name: "Vệ sinh môi trường", description: "Rác thải, điểm đổ trộm, ô nhiễm tiếng ồn, khói bụi, mùi hôi",
            group: "Môi trường", keywords: ["rác", "ô nhiễm", "tiếng ồn"], responsible: .unitCommittee),
        FeedbackCategory(
            code: "ngap-nuoc", name: "Ngập nước, thoát nước", description: "Ngập sau mưa, triều cường, cống nghẹt",
            group: "Hạ tầng đô thị", keywords: ["ngập", "triều cường", "cống"], responsible: .unitCommittee, duplicateRadiusMetres: 150),
        FeedbackCategory(
            code: "cap-nuoc", name: "Cấp nước", description: "Mất nước, nước yếu, nước đục, bể ống",
            group: "Dịch vụ công ích", keywords: ["mất nước", "bể ống"], responsible: .agency(water), duplicateRadiusMetres: 200),
        FeedbackCategory(
            code: "cay-xanh", name: "Cây xanh", description: "Cây ngã đổ, nhánh gãy, cây nguy hiểm cần cắt tỉa",
            group: "Hạ tầng đô thị", keywords: ["cây ngã", "cắt tỉa"], responsible: .unitCommittee),
        FeedbackCategory(
            code: "chieu-sang", name: "Chiếu sáng công cộng", description: "Đèn đường không sáng, sáng ban ngày, trụ đèn nghiêng",
            group: "Hạ tầng đô thị", keywords: ["đèn đường"], responsible: .unitCommittee),
        FeedbackCategory(
            code: "dien", name: "Điện", description: "Mất điện, dây điện võng, trụ điện nghiêng, chập cháy",
            group: "Dịch vụ công ích", keywords: ["mất điện", "dây điện"], responsible: .agency(electricity), duplicateRadiusMetres: 200),
        FeedbackCategory(
            code: "giao-thong-cong-cong", name: "Giao thông công cộng", description: "Xe buýt, metro, nhà chờ, bến xe",
            group: "Giao thông", keywords: ["xe buýt", "metro", "nhà chờ"], responsible: .agency(construction)),
        FeedbackCategory(
            code: "y-te", name: "Y tế, an toàn thực phẩm", description: "Cơ sở khám chữa bệnh, dịch bệnh, an toàn thực phẩm",
            group: "Y tế", keywords: ["dịch bệnh", "thực phẩm"], responsible: .agency(health)),
        FeedbackCategory(
            code: "du-lich", name: "Du lịch", description: "Chặt chém, chèo kéo khách, điểm du lịch",
            group: "Du lịch", keywords: ["chặt chém", "chèo kéo"], responsible: .agency(tourism)),
        FeedbackCategory(
            code: "thu-tuc-hanh-chinh", name: "Thủ tục hành chính", description: "Trễ hẹn, thái độ phục vụ, yêu cầu giấy tờ ngoài quy định",
            group: "Hành chính công", keywords: ["trễ hẹn", "thái độ"], responsible: .unitCommittee, duplicateRadiusMetres: 0),
        FeedbackCategory(
            code: "gui-lanh-dao", name: "Thư gửi lãnh đạo Thành phố", description: "Kiến nghị, góp ý gửi lãnh đạo UBND Thành phố",
            group: "Hành chính công", responsible: .agency(cityOffice), answerDays: 10, duplicateRadiusMetres: 0)
    ]
}
