import Foundation

/// A kind of report citizens send to 1022 (a pothole, a broken street light, a message to the
/// city's leaders), with who answers it and how fast. Administrators edit all of it.
public struct FeedbackCategory: Sendable, Codable, Hashable {
    /// Stable ASCII code, also the Open311 `service_code`, e.g. `chieu-sang`.
    public var code: String
    public var name: String
    public var description: String
    /// Open311 `group`, e.g. "Hạ tầng đô thị".
    public var group: String
    public var keywords: [String]
    public var responsible: Responsible
    /// QĐ 1478/QĐ-UBND: the operator forwards within 5 minutes.
    public var forwardMinutes: Int
    /// The answer is due within this many working days of receipt (5 for 1022).
    public var answerDays: Int
    /// Open reports of this category nearer than this are offered to the citizen as possible duplicates.
    public var duplicateRadiusMetres: Int
    /// Extra questions (Open311 service attributes).
    public var attributes: [FeedbackAttribute]
    public var active: Bool

    /// Who answers reports of a category in a given place, before administrators' rules.
    public enum Responsible: Sendable, Codable, Hashable {
        /// The UBND of the unit the place lies in.
        case unitCommittee
        /// One named agency for the whole city (a department, a utility).
        case agency(String)

        public var agencyId: String? {
            if case .agency(let id) = self { return id }
            return nil
        }
    }

    public init(
        code: String, name: String, description: String, group: String, keywords: [String] = [],
        responsible: Responsible, forwardMinutes: Int = 5, answerDays: Int = 5, duplicateRadiusMetres: Int = 50,
        attributes: [FeedbackAttribute] = [], active: Bool = true
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.group = group
        self.keywords = keywords
        self.responsible = responsible
        self.forwardMinutes = forwardMinutes
        self.answerDays = answerDays
        self.duplicateRadiusMetres = duplicateRadiusMetres
        self.attributes = attributes
        self.active = active
    }

    /// Checks an administrator's edit, all problems at once.
    public func validate() throws(ValidationError) {
        var check = Validator()
        check.require(
            code.range(of: "^[a-z0-9][a-z0-9-]{1,39}$", options: .regularExpression) != nil, "code",
            "Mã lĩnh vực gồm 2–40 ký tự a–z, 0–9 hoặc dấu gạch ngang.")
        check.require(
            !name.trimmingCharacters(in: .whitespaces).isEmpty && name.count <= 120, "name", "Tên lĩnh vực không được để trống (tối đa 120 ký tự).")
        check.require((1...1440).contains(forwardMinutes), "forwardMinutes", "Thời hạn chuyển xử lý từ 1 đến 1.440 phút.")
        check.require((1...60).contains(answerDays), "answerDays", "Thời hạn trả lời từ 1 đến 60 ngày làm việc.")
        check.require((0...5000).contains(duplicateRadiusMetres), "duplicateRadiusMetres", "Bán kính tìm phản ánh trùng từ 0 đến 5.000 m.")
        for (index, attribute) in attributes.enumerated() {
            check.require(
                attribute.code.range(of: "^[a-z0-9][a-z0-9_-]{0,39}$", options: .regularExpression) != nil,
                "attributes[\(index)].code", "Mã câu hỏi gồm chữ thường, số, '-' hoặc '_'.")
            if attribute.datatype.hasValues {
                check.require(!attribute.values.isEmpty, "attributes[\(index)].values", "Câu hỏi chọn lựa cần ít nhất một giá trị.")
            }
        }
        check.require(Set(attributes.map(\.code)).count == attributes.count, "attributes", "Mã câu hỏi bị trùng.")
        try check.check()
    }
}

/// One extra question of a category, shaped like an Open311 service attribute.
public struct FeedbackAttribute: Sendable, Codable, Hashable {
    public enum DataType: String, Sendable, Codable, Hashable, CaseIterable {
        case string, number, datetime, text, singlevaluelist, multivaluelist
        public var hasValues: Bool { self == .singlevaluelist || self == .multivaluelist }
    }

    public struct Value: Sendable, Codable, Hashable {
        public var key: String
        public var name: String
        public init(key: String, name: String) {
            self.key = key
            self.name = name
        }
    }

    public var code: String
    public var description: String
    public var datatype: DataType
    public var required: Bool
    public var values: [Value]

    public init(code: String, description: String, datatype: DataType, required: Bool, values: [Value] = []) {
        self.code = code
        self.description = description
        self.datatype = datatype
        self.required = required
        self.values = values
    }

    /// Checks one answer; `nil` when it is acceptable, else the reason in Vietnamese.
    public func problem(with answer: [String]) -> String? {
        let answers = answer.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if answers.isEmpty { return required ? "Câu hỏi «\(description)» là bắt buộc." : nil }
        switch datatype {
        case .singlevaluelist, .multivaluelist:
            if datatype == .singlevaluelist, answers.count > 1 { return "Câu hỏi «\(description)» chỉ chọn một giá trị." }
            let keys = Set(values.map(\.key))
            if let wrong = answers.first(where: { !keys.contains($0) }) {
                return "Giá trị «\(wrong)» không có trong danh sách của câu hỏi «\(description)» (\(values.map(\.key).joined(separator: ", ")))."
            }
        case .number:
            if answers.contains(where: { Double($0) == nil }) { return "Câu hỏi «\(description)» cần một số." }
        case .datetime:
            if answers.contains(where: { VietnamTime.parseInstant($0) == nil }) { return "Câu hỏi «\(description)» cần ngày giờ ISO 8601." }
        case .string, .text:
            if answers.contains(where: { $0.count > (datatype == .string ? 200 : 2000) }) { return "Câu trả lời «\(description)» quá dài." }
        }
        return nil
    }
}
