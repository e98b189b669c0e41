import HaiCapDomain

/// How much a `multipart/form-data` body may carry: the whole body, one uploaded file, one text
/// field. Each route says which set applies when it reads its form (`MultipartForm.from`).
struct UploadLimits: Sendable {
    var body: Int
    var file: Int
    var field: Int

    /// A whole form: a few scans at 10 MB each still fit.
    static let wholeBody = 24 * 1024 * 1024
    /// Text people type (names, descriptions, notes) is far below this; only abuse reaches it.
    static let textField = 1024 * 1024

    /// Dossier forms: scans and signed results up to the domain's 10 MB per file.
    static let forms = UploadLimits(body: wholeBody, file: IntakeRequest.maxFileBytes, field: textField)
    /// 1022 forms: photos up to the domain's 5 MB each.
    static let photos = UploadLimits(body: wholeBody, file: ReportPhoto.maxBytes, field: textField)
    /// Administrators' imports (a national catalogue, official boundaries): one large file or pasted text.
    static let imports = UploadLimits(body: wholeBody, file: wholeBody, field: wholeBody)
    /// An edXML envelope uploaded by the clerk: one file as large as the exchange endpoint takes.
    static let edxml = UploadLimits(body: EdXMLReader.maxEnvelope + 64 * 1024, file: EdXMLReader.maxEnvelope, field: textField)
    /// The CSRF check reads only the text fields; file contents are counted, never kept.
    static let textOnly = UploadLimits(body: wholeBody, file: 0, field: wholeBody)

    /// "10 MB", "512 KB": how a limit is named in messages.
    static func describe(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? "\(bytes / 1024 / 1024) MB" : "\(max(1, bytes / 1024)) KB"
    }
}

/// A request body, or one text field of it, over its limit: 413, with the limit named.
struct UploadTooLarge: HaiCapError, Equatable {
    enum Part: Sendable, Equatable {
        case body
        case field(String)
    }

    let part: Part
    let limit: Int

    var kind: ErrorKind { .tooLarge }
    var code: String { "body.too_large" }
    var message: String {
        switch part {
        case .body: "Dữ liệu gửi lên quá lớn (tối đa \(UploadLimits.describe(limit)))."
        case .field(let name): "Trường «\(name)» dài quá \(UploadLimits.describe(limit))."
        }
    }
}
