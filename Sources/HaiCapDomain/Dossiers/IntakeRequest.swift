import Foundation

/// What the desk (or the citizen online, or the post office) hands in to create a dossier.
public struct IntakeRequest: Sendable {
    /// What the officer decides at the counter; online and postal submissions wait for the check.
    public enum Decision: Sendable, Equatable {
        case receive
        case requestCompletion(items: [String], note: String)
        case refuse(reason: String)
        case submitOnly
    }

    public struct File: Sendable {
        public var componentCode: String
        public var name: String
        /// What the bytes are (PDF, JPEG, PNG), never what the upload declared: a page declared
        /// as PDF is not served inline as one. Unknown bytes get `application/octet-stream`,
        /// which validation refuses.
        public var contentType: String
        public var data: Data
        public init(componentCode: String, name: String, contentType declared: String, data: Data) {
            self.componentCode = componentCode
            self.name = name
            self.contentType = IntakeRequest.File.sniff(data) ?? "application/octet-stream"
            self.data = data
        }

        public static func sniff(_ data: Data) -> String? {
            if data.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
            return ImageCleaner.kind(of: data)?.rawValue
        }
    }

    public var procedureCode: String
    /// The receiving agency; nil means the caller's own.
    public var agencyId: String?
    public var channel: Channel
    public var applicant: Applicant
    public var summary: String
    public var components: [SubmittedComponent]
    public var files: [File]
    public var copies: Int
    public var decision: Decision

    public init(
        procedureCode: String, agencyId: String?, channel: Channel, applicant: Applicant, summary: String = "",
        components: [SubmittedComponent], files: [File] = [], copies: Int = 1, decision: Decision
    ) {
        self.procedureCode = procedureCode
        self.agencyId = agencyId
        self.channel = channel
        self.applicant = applicant
        self.summary = summary
        self.components = components
        self.files = files
        self.copies = copies
        self.decision = decision
    }

    public static let maxFileBytes = 10 * 1024 * 1024
    public static let allowedTypes: Set<String> = ["application/pdf", "image/jpeg", "image/png"]

    /// Checks the applicant and the component list against the procedure; every problem at once.
    public func validate(against procedure: Procedure) throws(ValidationError) {
        var check = Validator()
        let name = applicant.name.trimmingCharacters(in: .whitespaces)
        check.require((2...100).contains(name.count), "applicant.name", "Họ tên người nộp phải có từ 2 đến 100 ký tự.")
        check.require(
            Self.isIdNumber(applicant.idNumber), "applicant.idNumber",
            "Số định danh phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ).")
        check.require(
            Self.isPhone(applicant.phone), "applicant.phone",
            "Số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678).")
        check.require(applicant.email.isEmpty || Self.isEmail(applicant.email), "applicant.email", "Địa chỉ email không hợp lệ.")
        check.require(summary.count <= 2000, "summary", "Trích yếu tối đa 2000 ký tự.")
        check.require((1...100).contains(copies), "copies", "Số bản phải từ 1 đến 100.")
        let known = Dictionary(procedure.components.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        for (index, component) in components.enumerated() {
            check.require(
                known[component.code] != nil, "components[\(index)].code",
                "Thủ tục \(procedure.code) không có thành phần «\(component.code)».")
            check.require(seen.insert(component.code).inserted, "components[\(index)].code", "Thành phần «\(component.code)» khai hai lần.")
            check.require((1...2000).contains(component.pages), "components[\(index)].pages", "Số trang phải từ 1 đến 2000.")
            if component.form == .reused {
                check.require(
                    component.reusedFrom.map { DossierCode.parse($0) != nil } ?? false, "components[\(index)].reusedFrom",
                    "Thành phần tái sử dụng phải ghi mã hồ sơ trước (dạng 001.01.90.H29-250715-0001).")
            }
        }
        if channel == .online {
            for (index, component) in components.enumerated() where component.form == .paper || component.form == .scanned {
                check.require(false, "components[\(index)].form", "Hồ sơ trực tuyến chỉ nhận tệp tải lên hoặc giấy tờ tái sử dụng.")
            }
        }
        for (index, file) in files.enumerated() {
            check.require(
                file.data.count <= Self.maxFileBytes, "files[\(index)]",
                "Tệp «\(file.name)» lớn hơn \(Self.maxFileBytes / 1024 / 1024) MB.")
            check.require(!file.data.isEmpty, "files[\(index)]", "Tệp «\(file.name)» rỗng.")
            check.require(
                Self.allowedTypes.contains(file.contentType), "files[\(index)]",
                "Tệp «\(file.name)»: chỉ nhận PDF, JPEG hoặc PNG.")
            check.require(known[file.componentCode] != nil, "files[\(index)]", "Tệp «\(file.name)» gắn với thành phần không tồn tại.")
        }
        switch decision {
        case .requestCompletion(let items, _):
            check.require(
                !items.isEmpty || !missingRequired(procedure).isEmpty, "missing",
                "Phiếu yêu cầu bổ sung (Mẫu 02) phải nêu ít nhất một giấy tờ cần bổ sung.")
        case .refuse(let reason):
            check.require(!reason.trimmingCharacters(in: .whitespaces).isEmpty, "reason", "Phiếu từ chối (Mẫu 03) phải nêu lý do.")
        default: break
        }
        try check.check()
    }

    /// Required components that are absent or marked missing.
    public func missingRequired(_ procedure: Procedure) -> [Component] {
        procedure.requiredComponents.filter { required in
            guard let given = components.first(where: { $0.code == required.code }) else { return true }
            return given.form == .missing
        }
    }

    public static func isIdNumber(_ text: String) -> Bool {
        (text.count == 12 || text.count == 9) && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
    }

    public static func isPhone(_ text: String) -> Bool {
        text.count == 10 && text.hasPrefix("0") && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
    }

    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(" ")
    }
}
