import Foundation

/// A report as typed by a citizen, an operator or a client, before it is checked.
public struct ReportDraft: Sendable {
    public var categoryCode: String
    public var description: String
    public var lat: String?
    public var lon: String?
    public var address: String?
    public var name: String?
    public var phone: String?
    public var email: String?
    public var anonymous: Bool
    public var attributes: [String: [String]]
    public var mediaURL: String?
    public var channel: ReportChannel

    public init(
        categoryCode: String, description: String, lat: String? = nil, lon: String? = nil, address: String? = nil,
        name: String? = nil, phone: String? = nil, email: String? = nil, anonymous: Bool = false,
        attributes: [String: [String]] = [:], mediaURL: String? = nil, channel: ReportChannel
    ) {
        self.categoryCode = categoryCode
        self.description = description
        self.lat = lat
        self.lon = lon
        self.address = address
        self.name = name
        self.phone = phone
        self.email = email
        self.anonymous = anonymous
        self.attributes = attributes
        self.mediaURL = mediaURL
        self.channel = channel
    }

    /// Every problem at once, with the form's field names. A place is required: a position, or
    /// an address (current or pre-2025) that can be read; the caller resolves the address.
    public func validated(category: FeedbackCategory) throws(ValidationError) -> NewReport {
        var check = Validator()
        // Texts are published (status page, map, Open311 JSON and XML): characters XML forbids go here.
        func clean(_ value: String?) -> String? {
            guard let value = value.map({ VietnameseText.xmlSafe($0).trimmingCharacters(in: .whitespacesAndNewlines) }),
                !value.isEmpty
            else { return nil }
            return value
        }
        let text = VietnameseText.xmlSafe(description).trimmingCharacters(in: .whitespacesAndNewlines)
        check.require(text.count >= 10, "description", "Mô tả quá ngắn: hãy nêu rõ sự việc (ít nhất 10 ký tự).")
        check.require(text.count <= 4000, "description", "Mô tả dài quá 4.000 ký tự.")

        var point: GeoPoint?
        switch (clean(lat), clean(lon)) {
        case (nil, nil): break
        case (let latText?, let lonText?):
            let latValue = Double(latText.replacingOccurrences(of: ",", with: "."))
            let lonValue = Double(lonText.replacingOccurrences(of: ",", with: "."))
            check.require(latValue.map { (-90...90).contains($0) } ?? false, "lat", "Vĩ độ phải là số từ -90 đến 90.")
            check.require(lonValue.map { (-180...180).contains($0) } ?? false, "long", "Kinh độ phải là số từ -180 đến 180.")
            if let latValue, let lonValue { point = GeoPoint(validatingLat: latValue, lon: lonValue) }
        default:
            check.require(false, clean(lat) == nil ? "lat" : "long", "Cần cả vĩ độ và kinh độ.")
        }
        let addressText = clean(address)
        check.require(
            point != nil || addressText != nil || clean(lat) != nil || clean(lon) != nil, "place",
            "Chưa có vị trí: chọn điểm trên bản đồ hoặc nhập địa chỉ (địa chỉ mới hoặc địa chỉ cũ trước 01/7/2025).")
        check.require((addressText?.count ?? 0) <= 300, "address", "Địa chỉ dài quá 300 ký tự.")

        let nameText = clean(name), phoneText = clean(phone).map(Self.normalisePhone), emailText = clean(email)
        if !anonymous {
            check.require(nameText != nil, "name", "Nhập họ tên, hoặc chọn gửi ẩn danh.")
            check.require(phoneText != nil || emailText != nil, "phone", "Nhập số điện thoại hoặc email để nhận phản hồi, hoặc chọn gửi ẩn danh.")
        }
        if let phoneText {
            check.require(
                phoneText.range(of: "^0[1-9][0-9]{8,9}$", options: .regularExpression) != nil, "phone",
                "Số điện thoại không hợp lệ (10 số, bắt đầu bằng 0, ví dụ 0903123456).")
        }
        if let emailText {
            check.require(
                emailText.count <= 200 && emailText.range(of: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", options: .regularExpression) != nil,
                "email", "Email không hợp lệ.")
        }
        check.require((nameText?.count ?? 0) <= 120, "name", "Họ tên dài quá 120 ký tự.")
        if let media = clean(mediaURL) {
            check.require(
                media.count <= 1000 && (media.hasPrefix("https://") || media.hasPrefix("http://")) && URL(string: media) != nil,
                "media_url", "Đường dẫn ảnh phải là URL http(s).")
        }

        let known = Set(category.attributes.map(\.code))
        for code in attributes.keys.sorted() where !known.contains(code) {
            check.require(false, "attribute[\(code)]", "Lĩnh vực «\(category.name)» không có câu hỏi «\(code)».")
        }
        var answers: [String: [String]] = [:]
        for attribute in category.attributes {
            let given = attributes[attribute.code] ?? []
            if let problem = attribute.problem(with: given) { check.require(false, "attribute[\(attribute.code)]", problem) }
            let kept = given.map { VietnameseText.xmlSafe($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            if !kept.isEmpty { answers[attribute.code] = kept }
        }
        try check.check()
        return NewReport(
            category: category, description: text, point: point, address: addressText,
            reporter: Reporter(
                name: anonymous ? nil : nameText, phone: anonymous ? nil : phoneText,
                email: anonymous ? nil : emailText, anonymous: anonymous),
            attributes: answers, mediaURL: clean(mediaURL), channel: channel)
    }

    /// "+84 903 123 456" and "0903.123.456" both become "0903123456".
    static func normalisePhone(_ raw: String) -> String {
        var digits = raw.filter { $0.isNumber || $0 == "+" }
        if digits.hasPrefix("+84") { digits = "0" + digits.dropFirst(3) }
        if digits.hasPrefix("84"), digits.count == 11 { digits = "0" + digits.dropFirst(2) }
        return digits
    }
}

/// A checked report, ready to be placed and routed.
public struct NewReport: Sendable {
    public let category: FeedbackCategory
    public let description: String
    public let point: GeoPoint?
    public let address: String?
    public let reporter: Reporter
    public let attributes: [String: [String]]
    public let mediaURL: String?
    public let channel: ReportChannel
}
