import Foundation
import HaiCapDomain
import MultipartKit
import NIOCore

/// Feeds a body to multipart-kit's `MultipartParser` and turns its callbacks (a header, a slice
/// of a part's body, the end of a part) into `MultipartForm.Part`s, counting every part against
/// `UploadLimits` while it grows: an oversized file stops being kept at once, an oversized text
/// field or body stops the read.
final class MultipartReader {
    private let parser: MultipartParser
    private let limits: UploadLimits
    private var form = MultipartForm()
    private var received = 0
    private var completedParts = 0
    /// Callbacks cannot throw: the first problem waits here until `read` returns.
    private var failure: (any Error)?
    private var current: PartInProgress?

    private struct PartInProgress {
        var name: String?
        var filename: String?
        var contentType = "text/plain"
        var data = ByteBuffer()
        var size = 0
        var oversized = false
    }

    init(boundary: String, limits: UploadLimits) {
        parser = MultipartParser(boundary: boundary)
        self.limits = limits
        // `unowned`: the parser lives exactly as long as this reader, which owns it.
        parser.onHeader = { [unowned self] name, value in header(name, value) }
        parser.onBody = { [unowned self] slice in body(&slice) }
        parser.onPartComplete = { [unowned self] in completePart() }
    }

    func read(_ chunk: ByteBuffer) throws {
        received += chunk.readableBytes
        guard received <= limits.body else { throw UploadTooLarge(part: .body, limit: limits.body) }
        do {
            try parser.execute(chunk)
        } catch {
            throw ValidationError(field: "body", MultipartForm.malformed)
        }
        if let failure { throw failure }
    }

    /// The form, once the whole body has been read. A body that stops inside a part lost data the
    /// sender meant to send, and one in which no part ended was never a form.
    func finish() throws(ValidationError) -> MultipartForm {
        guard current == nil else { throw ValidationError(field: "body", "Biểu mẫu gửi lên bị cắt ngang.") }
        guard completedParts > 0 else { throw ValidationError(field: "body", MultipartForm.malformed) }
        return form
    }

    /// A text field among the parts completed so far.
    func textField(_ name: String) -> String? {
        form.parts.first { $0.name == name && $0.filename == nil }.map { VietnameseText.xmlSafe(String(decoding: $0.data, as: UTF8.self)) }
    }

    private func header(_ name: String, _ value: String) {
        var part = current ?? PartInProgress()
        switch name.lowercased() {
        case "content-disposition":
            let parameters = Self.parameters(value)
            part.name = parameters["name"]
            part.filename = parameters["filename"]
        case "content-type":
            part.contentType = value.trimmingCharacters(in: .whitespaces).lowercased()
        default:
            break
        }
        current = part
    }

    private func body(_ slice: inout ByteBuffer) {
        var part = current ?? PartInProgress()
        current = nil  // the buffer below stays uniquely referenced while it grows
        part.size += slice.readableBytes
        let isFile = part.filename != nil
        let limit = isFile ? limits.file : limits.field
        if part.size > limit {
            if isFile {
                part.oversized = true
                part.data = ByteBuffer()
            } else if failure == nil {
                failure = UploadTooLarge(part: .field(part.name ?? ""), limit: limit)
            }
        } else {
            part.data.writeBuffer(&slice)
        }
        current = part
    }

    private func completePart() {
        defer { current = nil }
        completedParts += 1
        // RFC 7578: every part of a form is named; a nameless one belongs to no input.
        guard let part = current, let name = part.name else { return }
        if part.oversized {
            form.dropped.append(.init(name: name, filename: part.filename ?? "", limit: limits.file))
        } else {
            form.parts.append(.init(name: name, filename: part.filename, contentType: part.contentType, data: Data(buffer: part.data)))
        }
    }

    /// The parameters of a `Content-Disposition` value (`form-data; name="a"; filename="b;c.pdf"`):
    /// quoted strings may hold `;` and backslash escapes.
    static func parameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var key = "", text = "", inKey = true, quoted = false, escaped = false
        func finish() {
            let name = key.trimmingCharacters(in: .whitespaces).lowercased()
            if !inKey, !name.isEmpty, result[name] == nil { result[name] = quoted ? text : text.trimmingCharacters(in: .whitespaces) }
            key = ""; text = ""; inKey = true; quoted = false
        }
        var inQuotes = false
        for character in value {
            if inQuotes {
                if escaped {
                    text.append(character); escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inQuotes = false
                } else {
                    text.append(character)
                }
            } else if character == ";" {
                finish()
            } else if inKey {
                if character == "=" { inKey = false } else { key.append(character) }
            } else if character == "\"", text.allSatisfy(\.isWhitespace) {
                inQuotes = true
                quoted = true
                text = ""
            } else {
                text.append(character)
            }
        }
        finish()
        return result
    }
}
