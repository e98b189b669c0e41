import Foundation

/// Files the tests read as they are: the seed report twice (clean text, and poor OCR of its scan,
/// from `shared/seeds/`), and a scanned Vietnamese letter drawn by `tests/fixtures/make_scan.py`.
public enum TextFixtures {
    public static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }

    public static var seedReportClean: String { get throws { String(decoding: try data("bao-cao-tien-do-chinh-quyen-so-2-cap.txt"), as: UTF8.self) } }
    public static var seedReportOCR: String {
        get throws { String(decoding: try data("bao-cao-tien-do-chinh-quyen-so-2-cap.ocr.txt"), as: UTF8.self) }
    }
    /// A PNG of one page: "Số: 245/UBND-VP", "V/v rà soát hạ tầng công nghệ thông tin tại Trung tâm…".
    public static var scannedLetter: Data { get throws { try data("scan-cong-van.png") } }
    /// The same page as a PDF without a text layer, and as one with tesseract's text layer.
    public static var scannedLetterPDF: Data { get throws { try data("scan-cong-van.pdf") } }
    public static var searchableLetterPDF: Data { get throws { try data("text-cong-van.pdf") } }
}
