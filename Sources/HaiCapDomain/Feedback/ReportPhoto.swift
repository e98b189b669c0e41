import Foundation

/// A photo attached to a report or to its answer: JPEG or PNG, checked by content, not by name.
public struct ReportPhoto: Sendable {
    public static let maxBytes = 5 * 1024 * 1024
    public static let maxCount = 3

    public var name: String
    public var contentType: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        let type = ReportPhoto.sniff(data)
        contentType = type ?? "application/octet-stream"
        // Phone photos carry the phone's position and model in EXIF (APP1): photos are public.
        self.data = type == "image/jpeg" ? ReportPhoto.withoutMetadata(data) : data
    }

    /// The JPEG without its APP1 segments (EXIF, XMP); everything else byte for byte. A file that
    /// does not parse as a sequence of segments is kept as it is.
    static func withoutMetadata(_ jpeg: Data) -> Data {
        let bytes = [UInt8](jpeg)
        var out: [UInt8] = [0xFF, 0xD8]
        var index = 2
        while index + 4 <= bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            // Start of scan: the compressed image and the end marker follow; copy the rest.
            if marker == 0xDA { out.append(contentsOf: bytes[index...]); return Data(out) }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { return jpeg }
            if marker != 0xE1 { out.append(contentsOf: bytes[index..<(index + 2 + length)]) }
            index += 2 + length
        }
        return jpeg
    }

    static func sniff(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    /// Every problem at once, naming the file.
    public static func validate(_ photos: [ReportPhoto], field: String = "photos") throws(ValidationError) {
        var check = Validator()
        check.require(photos.count <= maxCount, field, "Tối đa \(maxCount) ảnh cho mỗi phản ánh.")
        for photo in photos {
            check.require(photo.data.count <= maxBytes, field,
                          "Ảnh «\(photo.name)» nặng \(photo.data.count / 1024 / 1024) MB, quá giới hạn 5 MB.")
            check.require(sniff(photo.data) != nil, field, "Tệp «\(photo.name)» không phải ảnh JPEG hoặc PNG.")
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

    public init(note: String? = nil, assigneeId: Int? = nil, agencyId: String? = nil, mergeInto: Int? = nil, rating: Int? = nil,
                newDue: Date? = nil, photos: [ReportPhoto] = []) {
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
