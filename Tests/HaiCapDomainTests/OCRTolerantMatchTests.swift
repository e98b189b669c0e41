import HaiCapDomain
import Testing

/// Phrases typed from a clean text, looked for in what OCR read off its scan (lines as tesseract
/// gave them for the seed report, `shared/seeds/*.ocr.txt`).
@Suite("OCR-tolerant phrase matching")
struct OCRTolerantMatchTests {
    static let ocr = VietnameseText.fold(
        """
        Thue hién cong van sé 03/CV-BCD ngay 11/5/2025 cta Ban chi dao Dé 4n sip
        xép, hop nhét tinh Ba Ria - Viing Tau, tinh Binh Dwong va Thanh phé H6 Chi Minh
        chi dao ciia dong chi Bi thu Thanh ay TP.HCM Nguyén Van Nén vé van hanh thir bo
        may moi trong khoang tir ngay 15/6/2025 dén 20 thang 6 nam 2025.
        Quén huyén, Thanh phd Thi dirc chuén bj ha ting CNTT Trung tim phuc vu
        hanh chinh cong va UBND cép xi:
        """)

    @Test(
        "phrases typed with their marks are found despite lost marks, misread letters and missing words",
        arguments: [
            "Ban chỉ đạo Đề án sắp xếp, hợp nhất tỉnh Bà Rịa - Vũng Tàu",
            "vận hành thử bộ máy mới",
            "hạ tầng CNTT Trung tâm phục vụ hành chính công",
            "đồng chí Bí thư Thành ủy TP.HCM Nguyễn Văn Nên",
            "tỉnh Bình Dương và Thành phố Hồ Chí Minh",
            "ngày 15/6/2025"
        ])
    func found(_ phrase: String) throws {
        let match = try #require(OCRTolerantMatch(query: phrase))
        let score = try #require(match.score(inFolded: Self.ocr))
        #expect(score >= OCRTolerantMatch.threshold)
    }

    @Test(
        "phrases that are not there are not found, even when their words are, scattered",
        arguments: [
            "cấp giấy phép lái xe quốc tế",
            "hộ nghèo năm 2026",
            "Tân Bình",
            "Bình Thạnh chỉ đạo vận hành",
            "thành phố Thủ Dầu Một"
        ])
    func notFound(_ phrase: String) throws {
        let match = try #require(OCRTolerantMatch(query: phrase))
        #expect(match.score(inFolded: Self.ocr) == nil)
    }

    @Test("exact words score 1, one misread word less; short words keep their first letter; nothing to look for is nil")
    func scoring() throws {
        #expect(try #require(OCRTolerantMatch(query: "Hồ Chí Minh")).score(inFolded: "thanh pho ho chi minh") == 1)
        let dong = try #require(OCRTolerantMatch(query: "tỉnh Bình Dương"))
        let misread = try #require(dong.score(inFolded: "tinh binh dwong"))
        #expect(misread < 1 && misread > 0.9)
        #expect(try #require(OCRTolerantMatch(query: "cửa")).score(inFolded: "mua") == nil)
        #expect(try #require(OCRTolerantMatch(query: "phường")).score(inFolded: "cac phudng xa") != nil)
        #expect(OCRTolerantMatch(query: " — / ") == nil)
        #expect(OCRTolerantMatch(query: String(repeating: "tu ", count: 100))?.words.count == OCRTolerantMatch.maxWords)
    }
}
