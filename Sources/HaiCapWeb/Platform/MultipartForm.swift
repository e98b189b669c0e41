import Foundation
import HaiCapDomain
import Hummingbird

/// `multipart/form-data` bodies (forms with file inputs): text fields and uploaded files.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var contentType: String
        var data: Data
    }

    var parts: [Part] = []

    var fields: FormFields {
        var text = ""
        for part in parts where part.filename == nil {
            let value = String(decoding: part.data, as: UTF8.self)
            if !text.isEmpty { text += "&" }
            text += Self.escape(part.name) + "=" + Self.escape(value)
        }
        return FormFields(text)
    }

    /// Non-empty uploaded files of one input.
    func files(_ name: String) -> [Part] { parts.filter { $0.name == name && $0.filename != nil && !$0.data.isEmpty } }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    static func boundary(of contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// Splits the body at the boundary lines; a body that does not follow the format is a 400.
    static func parse(_ body: Data, boundary: String) throws(ValidationError) -> MultipartForm {
        let delimiter = Data("--\(boundary)".utf8)
        var form = MultipartForm()
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else {
            throw ValidationError(field: "body", "Biểu mẫu gửi lên không đúng định dạng multipart/form-data.")
        }
        cursor = first.upperBound
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else {
                throw ValidationError(field: "body", "Biểu mẫu gửi lên không đúng định dạng multipart/form-data.")
            }
            cursor += 2
            guard let headerEnd = body.range(of: Data("\r\n\r\n".utf8), in: cursor..<body.endIndex),
                  let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex) else {
                throw ValidationError(field: "body", "Biểu mẫu gửi lên bị cắt ngang.")
            }
            let headers = String(decoding: body[cursor..<headerEnd.lowerBound], as: UTF8.self)
            var name = "", filename: String?, contentType = "text/plain"
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = Self.parameter("name", in: line) ?? ""
                    filename = Self.parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces).lowercased()
                }
            }
            form.parts.append(Part(name: name, filename: filename, contentType: contentType,
                                   data: Data(body[headerEnd.upperBound..<next.lowerBound])))
            cursor = next.upperBound
        }
        return form
    }

    static func parameter(_ key: String, in line: String) -> String? {
        guard let range = line.range(of: "; \(key)=\"") ?? line.range(of: ";\(key)=\"") else { return nil }
        let rest = line[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func from(_ request: Request, context: AppRequestContext) async throws -> MultipartForm {
        guard let type = request.headers[.contentType], let boundary = boundary(of: type) else {
            // A form without files may arrive url-encoded.
            let fields = try await FormFields.from(request, context: context)
            return MultipartForm(parts: fields.pairs.map { Part(name: $0.0, filename: nil, contentType: "text/plain", data: Data($0.1.utf8)) })
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return try parse(Data(buffer: buffer), boundary: boundary)
    }
}
