import Foundation
import HaiCapDomain

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an edXML envelope (QCVN 102:2016) with Foundation's event parser (libxml2), refusing what a
/// hostile sender could use: a document type declaration or entity (XXE, "billion laughs") anywhere
/// in the bytes, an envelope or attachment over the limits, an attachment whose bytes are not the
/// type it declares, and a header without the fields a registration needs. Every problem at once,
/// as field problems; nothing is written by the caller unless this returns.
public enum EdXMLReader {
    /// A request body's limit: a 20 MB scan, base64-encoded, fits.
    static let maxEnvelope = UploadLimits.wholeBody * 2
    static let maxAttachment = 20 * 1024 * 1024
    static let maxAttachments = 50

    /// A document envelope (a status package is refused here).
    public static func read(_ data: Data) throws(ValidationError) -> EdXMLEnvelope {
        switch try message(data) {
        case .document(let envelope): return envelope
        case .status: throw ValidationError(field: "edxml", "Đây là gói tin trạng thái, không phải văn bản.")
        }
    }

    /// A document envelope spooled to a file (see `message(spooled:)`).
    public static func read(spooled file: URL) throws(ValidationError) -> EdXMLEnvelope {
        switch try message(spooled: file) {
        case .document(let envelope): return envelope
        case .status: throw ValidationError(field: "edxml", "Đây là gói tin trạng thái, không phải văn bản.")
        }
    }

    static let tooLarge = ValidationError(field: "edxml", "Gói tin edXML quá lớn (tối đa \(maxEnvelope / 1024 / 1024) MB).")
    static let declarations = ValidationError(field: "edxml", "Gói tin edXML không được khai báo DOCTYPE hay ENTITY.")

    /// A document envelope or a status package held in memory (a form's upload, a test).
    static func message(_ data: Data) throws(ValidationError) -> EdXMLMessage {
        guard data.count <= maxEnvelope else { throw tooLarge }
        if contains(data, "<!DOCTYPE") || contains(data, "<!ENTITY") { throw declarations }
        return try parse(InputStream(data: data))
    }

    /// A document envelope or a status package spooled to a file (the exchange endpoint's body,
    /// checked by `EdXMLSpool` as it arrived): parsed from the file, so the envelope is never
    /// held whole in memory, only the attachments it carries.
    static func message(spooled file: URL) throws(ValidationError) -> EdXMLMessage {
        guard let stream = InputStream(url: file) else { throw ValidationError(field: "edxml", "Không đọc được gói tin edXML.") }
        return try parse(stream)
    }

    /// Every element of the envelope, as the parser meets it.
    static func parse(_ stream: InputStream) throws(ValidationError) -> EdXMLMessage {
        let collector = Collector()
        // Fed from a stream, in chunks: handed the whole body at once, libxml2 refuses an envelope
        // past about 10 MB as a "huge input lookup", although attachments may reach 20 MB each.
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = collector
        // An envelope cut short can end the parse without an error: every element must have closed.
        guard parser.parse(), collector.failure == nil, collector.path.isEmpty, collector.sawEnvelope || collector.closedAny else {
            throw ValidationError(field: "edxml", collector.failure ?? "Gói tin edXML không phải XML hợp lệ (dòng \(parser.lineNumber)).")
        }
        if collector.fields["StatusCode"] != nil { return .status(try collector.status()) }
        return .document(try collector.envelope())
    }

    /// Whether `needle` (ASCII) occurs in `data`, case-insensitively.
    static func contains(_ data: Data, _ needle: String) -> Bool {
        let pattern = Array(needle.uppercased().utf8)
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            let bytes = buffer.bindMemory(to: UInt8.self)
            guard bytes.count >= pattern.count else { return false }
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == pattern[0] {
                    var matched = true
                    for offset in 1..<pattern.count {
                        var byte = bytes[index + offset]
                        if byte >= 0x61, byte <= 0x7A { byte -= 0x20 }
                        if byte != pattern[offset] {
                            matched = false
                            break
                        }
                    }
                    if matched { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// What the attachment's first bytes say it is, for the types a document may carry.
    static func sniff(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(8))
        func starts(_ bytes: [UInt8]) -> Bool { head.count >= bytes.count && Array(head.prefix(bytes.count)) == bytes }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return "application/pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "image/tiff" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "zip" }
        if starts([0xD0, 0xCF, 0x11, 0xE0]) { return "ole" }
        if !data.contains(0), String(data: data, encoding: .utf8) != nil { return "text/plain" }
        return nil
    }

    /// Whether the declared type matches the bytes (Office files are zip or OLE containers).
    static func matches(declared: String, sniffed: String?) -> Bool {
        let declared = declared.lowercased().split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        switch declared {
        case "application/pdf", "image/png", "image/jpeg", "image/tiff", "text/plain": return sniffed == declared
        case "image/jpg": return sniffed == "image/jpeg"
        case "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip":
            return sniffed == "zip"
        case "application/msword", "application/vnd.ms-excel": return sniffed == "ole"
        default: return false
        }
    }

    /// Collects the text of every element by its path of local names.
    final class Collector: NSObject, XMLParserDelegate {
        var path: [String] = []
        var text = ""
        var failure: String?
        var fields: [String: String] = [:]
        var organs: [(kind: String, id: String, name: String)] = []
        var organ: (id: String, name: String) = ("", "")
        var places: [String] = []
        var traces: [EdXMLEnvelope.Trace] = []
        var trace = EdXMLEnvelope.Trace(organId: "", timestamp: "")
        var references: [(id: String, type: String, description: String, name: String)] = []
        var reference = (id: "", type: "", description: "", name: "")
        /// Attachments decoded as each one ends, so that an envelope's base64 text is never held
        /// whole beside its bytes (nil: not valid base64).
        var encoded: [(id: String, value: Data?)] = []
        var encodedId = ""
        var replaces: [String] = []
        var sawEnvelope = false
        var closedAny = false

        static func local(_ name: String) -> String { name.split(separator: ":").last.map(String.init) ?? name }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            let local = Self.local(name)
            if path.isEmpty { sawEnvelope = local == "edXMLEnvelope" }
            path.append(local)
            text = ""
            switch local {
            case "From", "To": organ = ("", "")
            case "TraceHeader": trace = EdXMLEnvelope.Trace(organId: "", timestamp: "")
            case "Reference": reference = ("", "", "", "")
            case "AttachmentEncoded": encodedId = ""
            default: break
            }
            if encoded.count + references.count > 2 * EdXMLReader.maxAttachments {
                failure = "Gói tin có quá nhiều tệp đính kèm (tối đa \(EdXMLReader.maxAttachments))."
                parser.abortParsing()
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
            if text.utf8.count > EdXMLReader.maxEnvelope {
                failure = "Một phần tử của gói tin quá lớn."
                parser.abortParsing()
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let local = Self.local(name)
            let parent = path.dropLast().last ?? ""
            if parent == "AttachmentEncoded", local == "Value" {
                encoded.append((encodedId, Data(base64Encoded: text, options: .ignoreUnknownCharacters)))
                path.removeLast()
                text = ""
                closedAny = true
                return
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch (parent, local) {
            case ("From", "OrganId"), ("To", "OrganId"): organ.id = value
            case ("From", "OrganName"), ("To", "OrganName"): organ.name = value
            case (_, "From"), (_, "To"): organs.append((local, organ.id, organ.name))
            case ("ToPlaces", "Place"): places.append(value)
            case ("ResponseFor", "OrganId"), ("ResponseFor", "DocumentId"), ("StaffInfo", "FullName"): fields["\(parent).\(local)"] = value
            case ("TraceHeader", "OrganId"): trace.organId = value
            case ("TraceHeader", "Timestamp"): trace.timestamp = value
            case (_, "TraceHeader"): traces.append(trace)
            case ("Reference", "ContentId"): reference.id = value
            case ("Reference", "ContentType"): reference.type = value
            case ("Reference", "Description"): reference.description = value
            case ("Reference", "AttachmentName"): reference.name = value
            case (_, "Reference"): references.append(reference)
            case ("AttachmentEncoded", "ContentId"): encodedId = value
            case ("ReplacementInfo", "DocumentId"): if replaces.count < 20 { replaces.append(String(value.prefix(300))) }
            default: if fields[local] == nil { fields[local] = value }
            }
            path.removeLast()
            text = ""
            closedAny = true
        }

        func status() throws(ValidationError) -> EdXMLStatus {
            var check = Validator()
            check.require(sawEnvelope, "edxml", "Gói tin không phải edXML (thiếu phần tử edXMLEnvelope).")
            let from = organs.first { $0.kind == "From" }
            check.require(!(from?.id ?? "").isEmpty, "edxml.From", "Thiếu cơ quan gửi gói tin trạng thái (From/OrganId).")
            let documentId = fields["ResponseFor.DocumentId"] ?? ""
            check.require(!documentId.isEmpty, "edxml.ResponseFor", "Thiếu văn bản được báo trạng thái (ResponseFor/DocumentId).")
            let code = ExchangeStatus(rawValue: fields["StatusCode"] ?? "")
            check.require(code != nil, "edxml.StatusCode", "Mã trạng thái phải là một trong 01–06, 13, 15, 16.")
            check.require((fields["Description"] ?? "").count <= 2000, "edxml.Description", "Mô tả tối đa 2.000 ký tự.")
            try check.check()
            return EdXMLStatus(
                from: .init(organId: from!.id, organName: from!.name.isEmpty ? from!.id : from!.name), responseForDocumentId: documentId,
                responseForOrganId: fields["ResponseFor.OrganId"] ?? "", code: code!, description: fields["Description"] ?? "",
                staffName: fields["StaffInfo.FullName"] ?? "", timestamp: fields["Timestamp"] ?? "")
        }

        func envelope() throws(ValidationError) -> EdXMLEnvelope {
            var check = Validator()
            check.require(sawEnvelope, "edxml", "Gói tin không phải edXML (thiếu phần tử edXMLEnvelope).")
            let from = organs.first { $0.kind == "From" }
            let to = organs.filter { $0.kind == "To" }
            check.require(!(from?.id ?? "").isEmpty && !(from?.name ?? "").isEmpty, "edxml.From", "Thiếu cơ quan gửi (From/OrganId, OrganName).")
            check.require(!to.isEmpty, "edxml.To", "Thiếu cơ quan nhận (To).")
            func field(_ name: String) -> String { fields[name] ?? "" }
            check.require(!field("CodeNumber").isEmpty, "edxml.CodeNumber", "Thiếu số văn bản (Code/CodeNumber).")
            check.require(field("CodeNumber").count <= 11, "edxml.CodeNumber", "Số văn bản tối đa 11 ký tự.")
            check.require(field("CodeNotation").count <= 30, "edxml.CodeNotation", "Ký hiệu tối đa 30 ký tự.")
            let date = LocalDate(iso: String(field("PromulgationDate").prefix(10)))
            check.require(date != nil, "edxml.PromulgationDate", "Thiếu hoặc sai ngày ban hành (PromulgationInfo/PromulgationDate, yyyy-mm-dd).")
            check.require(!field("TypeName").isEmpty, "edxml.TypeName", "Thiếu loại văn bản (DocumentType/TypeName).")
            check.require(!field("Subject").isEmpty, "edxml.Subject", "Thiếu trích yếu (Subject).")
            check.require(field("Subject").count <= 500, "edxml.Subject", "Trích yếu tối đa 500 ký tự.")
            var attachments: [EdXMLEnvelope.Attachment] = []
            for (index, reference) in references.enumerated() {
                guard let data = encoded.first(where: { $0.id == reference.id })?.value ?? (index < encoded.count ? encoded[index].value : nil)
                else {
                    check.require(false, "edxml.Attachment", "Tệp «\(reference.name)» không có nội dung base64 hợp lệ.")
                    continue
                }
                if data.count > EdXMLReader.maxAttachment {
                    check.require(
                        false, "edxml.Attachment", "Tệp «\(reference.name)» quá lớn (tối đa \(EdXMLReader.maxAttachment / 1024 / 1024) MB).")
                } else if !EdXMLReader.matches(declared: reference.type, sniffed: EdXMLReader.sniff(data)) {
                    check.require(false, "edxml.Attachment", "Tệp «\(reference.name)» không đúng loại đã khai (\(reference.type)).")
                }
                attachments.append(
                    EdXMLEnvelope.Attachment(
                        contentId: reference.id, contentType: reference.type, description: reference.description,
                        name: String(reference.name.prefix(200)), data: data))
            }
            check.require(field("BusinessDocReason").count <= 1000, "edxml.BusinessDocReason", "Lý do tối đa 1.000 ký tự.")
            try check.check()
            var envelope = EdXMLEnvelope(
                from: .init(organId: from!.id, organName: from!.name), to: to.map { .init(organId: $0.id, organName: $0.name) },
                documentId: field("DocumentId"), codeNumber: field("CodeNumber"), codeNotation: field("CodeNotation"), place: field("Place"),
                promulgationDate: date, typeCode: Int(field("Type")) ?? 2, typeName: field("TypeName"), subject: field("Subject"),
                content: field("Content"), signerCompetence: field("Competence"), signerPosition: field("Position"),
                signerName: field("FullName"), dueDate: LocalDate(iso: String(field("DueDate").prefix(10))), toPlaces: places,
                priority: Int(field("Priority")) ?? 0, steeringType: Int(field("SteeringType")) ?? 0, pageAmount: Int(field("PageAmount")),
                business: EdXMLEnvelope.Business(rawValue: Int(field("BusinessDocType")) ?? 0) ?? .new, traces: traces, attachments: attachments)
            envelope.businessReason = field("BusinessDocReason")
            envelope.replaces = replaces
            return envelope
        }
    }
}
