import Foundation
import HaiCapDomain
import Hummingbird
import NIOCore

/// `multipart/form-data` bodies (forms with file inputs): text fields and uploaded files, read by
/// `MultipartReader` as the body arrives and held to the route's `UploadLimits`.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var contentType: String
        var data: Data
    }

    /// A file that arrived whole but over the file limit: its bytes were not kept.
    struct DroppedFile: Sendable {
        var name: String
        var filename: String
        var limit: Int
    }

    var parts: [Part] = []
    var dropped: [DroppedFile] = []

    /// The text fields, cleaned like every url-encoded form (`VietnameseText.xmlSafe`).
    var fields: FormFields {
        FormFields(decoded: parts.filter { $0.filename == nil }.map { ($0.name, String(decoding: $0.data, as: UTF8.self)) })
    }

    /// Non-empty uploaded files of one input. A file of that input over the limit is a 400 naming
    /// it, thrown here so that no caller can read the input and miss it; forms that show their
    /// problems next to the controls catch it as they catch their own checks.
    func files(_ name: String) throws(ValidationError) -> [Part] {
        let tooLarge = dropped.filter { $0.name == name }
        guard tooLarge.isEmpty else {
            throw ValidationError(
                tooLarge.map {
                    FieldProblem(field: name, message: "Tệp «\($0.filename)» lớn hơn \(UploadLimits.describe($0.limit)).")
                })
        }
        return parts.filter { $0.name == name && $0.filename != nil && !$0.data.isEmpty }
    }

    static let malformed = "Biểu mẫu gửi lên không đúng định dạng multipart/form-data."

    /// The boundary of a `multipart/form-data` body; nil for any other type. A multipart type
    /// without a usable boundary (RFC 2046: 1 to 70 characters) cannot be read: a 400.
    static func boundary(of contentType: String) throws(ValidationError) -> String? {
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard (1...70).contains(value.count) else { break }
            return value
        }
        throw ValidationError(field: "body", "Biểu mẫu multipart/form-data thiếu tham số boundary hợp lệ.")
    }

    /// A body already in memory.
    static func parse(_ body: ByteBuffer, boundary: String, limits: UploadLimits) throws -> MultipartForm {
        let reader = MultipartReader(boundary: boundary, limits: limits)
        try reader.read(body)
        return try reader.finish()
    }

    /// The `_csrf` field of a body the CSRF check collected. Every form puts it first, so the read
    /// stops there: a form with scans is read in full once, by its route.
    static func csrfField(in body: ByteBuffer, boundary: String) throws -> String? {
        let reader = MultipartReader(boundary: boundary, limits: .textOnly)
        var rest = body
        while rest.readableBytes > 0, let slice = rest.readSlice(length: min(64 * 1024, rest.readableBytes)) {
            try reader.read(slice)
            if let token = reader.textField("_csrf") { return token }
        }
        _ = try reader.finish()
        return reader.textField("_csrf")
    }

    /// Reads the request's form chunk by chunk, never holding more than the limits allow.
    static func from(_ request: Request, context: AppRequestContext, limits: UploadLimits = .forms) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], let boundary = try boundary(of: type) else {
            // A form without files may arrive url-encoded.
            let fields = try await FormFields.from(request, context: context)
            return MultipartForm(parts: fields.pairs.map { Part(name: $0.0, filename: nil, contentType: "text/plain", data: Data($0.1.utf8)) })
        }
        // A declared length over the limit is refused before a byte is read.
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limits.body {
            throw UploadTooLarge(part: .body, limit: limits.body)
        }
        let reader = MultipartReader(boundary: boundary, limits: limits)
        for try await chunk in request.body {
            try reader.read(chunk)
        }
        return try reader.finish()
    }
}
