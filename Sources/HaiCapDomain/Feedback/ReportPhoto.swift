import Foundation

/// A photo attached to a report or to its answer: JPEG or PNG, checked by content, not by name.
public struct ReportPhoto: Sendable {
    public static let maxBytes = 5 * 1024 * 1024
    public static let maxCount = 3

    public var name: String
    public var contentType: String
    public var data: Data

    /// False when the bytes are not a well-formed JPEG or PNG: `validate` refuses the photo.
    public let isReadable: Bool

    public init(name: String, data: Data) {
        self.name = name
        // Photos are public: the position and phone model in their metadata must not be.
        if let cleaned = ImageCleaner.clean(data) {
            contentType = cleaned.kind.rawValue
            self.data = cleaned.data
            isReadable = true
        } else {
            contentType = "application/octet-stream"
            self.data = data
            isReadable = false
        }
    }

    /// Every problem at once, naming the file.
    public static func validate(_ photos: [ReportPhoto], field: String = "photos") throws(ValidationError) {
        var check = Validator()
        check.require(photos.count <= maxCount, field, "Tối đa \(maxCount) ảnh cho mỗi phản ánh.")
        for photo in photos {
            check.require(
                photo.data.count <= maxBytes, field,
                "Ảnh «\(photo.name)» nặng \(photo.data.count / 1024 / 1024) MB, quá giới hạn 5 MB.")
            if ImageCleaner.kind(of: photo.data) == nil {
                check.require(false, field, "Tệp «\(photo.name)» không phải ảnh JPEG hoặc PNG.")
            } else {
                check.require(photo.isReadable, field, "Ảnh «\(photo.name)» bị hỏng, không đọc được: hãy chụp hoặc chọn lại ảnh.")
            }
        }
        try check.check()
    }
}

/// What an action carries besides its name.
public struct ReportActionInput: Sendable {
    public var note: String?
    public var assigneeId: Int?
    public var agencyId: String?
    public var mergeInto: Int?
    public var rating: Int?
    public var newDue: Date?
    public var photos: [ReportPhoto]

    public init(
        note: String? = nil, assigneeId: Int? = nil, agencyId: String? = nil, mergeInto: Int? = nil, rating: Int? = nil,
        newDue: Date? = nil, photos: [ReportPhoto] = []
    ) {
        self.note = note
        self.assigneeId = assigneeId
        self.agencyId = agencyId
        self.mergeInto = mergeInto
        self.rating = rating
        self.newDue = newDue
        self.photos = photos
    }

    /// The note, trimmed, or a validation error when the action needs one.
    public func requiredNote(minimum: Int = 3, _ message: String, field: String = "note") throws(ValidationError) -> String {
        let text = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= minimum else { throw ValidationError(field: field, message) }
        guard text.count <= 4000 else { throw ValidationError(field: field, "Nội dung dài quá 4.000 ký tự.") }
        return text
    }
}

/// Who is acting on a report: an official, or the reporter proving it with the report's token.
public enum ReportActor: Sendable {
    case official(Principal)
    case reporter(token: String)

    public var principal: Principal? {
        if case .official(let principal) = self { return principal }
        return nil
    }
}
