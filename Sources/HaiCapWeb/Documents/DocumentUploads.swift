import Foundation
import HaiCapDomain
import HaiCapStorage

/// Scans and PDFs added to a document (`attach`), from the document page or the API: what the
/// bytes are decides, never the name or the declared type, and every problem is listed at once.
enum DocumentUploads {
    static let maxFiles = 10
    static let maxFileBytes = 20 * 1024 * 1024
    static let limits = UploadLimits(body: 2 * maxFileBytes + 256 * 1024, file: maxFileBytes, field: UploadLimits.textField)

    static func attachments(_ parts: [MultipartForm.Part], field: String = "files") throws(ValidationError) -> [EdXMLEnvelope.Attachment] {
        guard !parts.isEmpty else { throw ValidationError(field: field, "Chọn tệp bản quét (PDF, JPEG, PNG hoặc TIFF).") }
        var problems: [FieldProblem] = []
        if parts.count > maxFiles { problems.append(FieldProblem(field: field, message: "Mỗi lần đính kèm tối đa \(maxFiles) tệp.")) }
        var attachments: [EdXMLEnvelope.Attachment] = []
        for (index, part) in parts.prefix(maxFiles).enumerated() {
            let name = String(VietnameseText.xmlSafe(part.filename ?? "").prefix(200))
            guard let type = EdXMLReader.sniff(part.data), DocumentText.scanTypes.contains(type) else {
                problems.append(FieldProblem(field: field, message: "Tệp «\(name)» không phải PDF, JPEG, PNG hay TIFF."))
                continue
            }
            attachments.append(
                EdXMLEnvelope.Attachment(
                    contentId: "scan-\(index + 1)", contentType: type, description: "Bản quét", name: name.isEmpty ? "ban-quet-\(index + 1)" : name,
                    data: part.data))
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        return attachments
    }
}
