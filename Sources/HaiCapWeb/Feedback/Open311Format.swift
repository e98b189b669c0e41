import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird
import NIOCore

/// GeoReport v2 documents, written by hand in both formats from one tree of values, so that
/// JSON and XML always carry the same fields: JSON keeps explicit nulls, XML writes an empty
/// element for them. Lists in XML use the spec's element names (services/service,
/// service_requests/request, errors/error, attributes/attribute, values/value).
enum Open311Value {
    case text(String?)
    case number(Double?)
    case integer(Int?)
    case bool(Bool)
    case object([(String, Open311Value)])
    /// A list with the XML element name of its items.
    case list(item: String, [Open311Value])
}

enum Open311Format: String {
    case json, xml

    /// "requests.json" → ("requests", .json); anything else is not a GeoReport path.
    static func split(_ file: String) -> (name: String, format: Open311Format)? {
        guard let dot = file.lastIndex(of: "."), let format = Open311Format(rawValue: String(file[file.index(after: dot)...]).lowercased()) else {
            return nil
        }
        return (String(file[..<dot]), format)
    }

    func response(root: String, _ value: Open311Value, status: HTTPResponse.Status = .ok) -> Response {
        // Written as UTF-8 bytes: appending to a String scalar by scalar was most of a list's cost.
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        switch self {
        case .json:
            Self.writeJSON(value, into: &out)
        case .xml:
            out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".utf8)
            Self.writeXML(root, value, into: &out)
        }
        let type = self == .json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8"
        return Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: out)))
    }

    /// `[{"code": 400, "description": "…"}]`, with the HTTP status equal to the code.
    func error(_ status: HTTPResponse.Status, _ description: String) -> Response {
        response(
            root: "errors", .list(item: "error", [.object([("code", .integer(status.code)), ("description", .text(description))])]),
            status: status)
    }

    private static func writeJSON(_ value: Open311Value, into out: inout [UInt8]) {
        switch value {
        case .text(let text): if let text { escapeJSON(text, into: &out) } else { out.append(contentsOf: "null".utf8) }
        case .number(let number):
            if let number, number.isFinite { out.append(contentsOf: "\(number)".utf8) } else { out.append(contentsOf: "null".utf8) }
        case .integer(let number): out.append(contentsOf: (number.map(String.init) ?? "null").utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (index, (key, field)) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                escapeJSON(key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeJSON(field, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .list(_, let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeJSON(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    private static func writeXML(_ name: String, _ value: Open311Value, into out: inout [UInt8]) {
        func open() { out.append(UInt8(ascii: "<")); out.append(contentsOf: name.utf8); out.append(UInt8(ascii: ">")) }
        func close() { out.append(contentsOf: "</".utf8); out.append(contentsOf: name.utf8); out.append(UInt8(ascii: ">")) }
        func empty() { out.append(UInt8(ascii: "<")); out.append(contentsOf: name.utf8); out.append(contentsOf: "/>".utf8) }
        switch value {
        case .text(let text):
            if let text { open(); escapeXML(text, into: &out); close() } else { empty() }
        case .number(let number):
            if let number, number.isFinite { open(); out.append(contentsOf: "\(number)".utf8); close() } else { empty() }
        case .integer(let number):
            if let number { open(); out.append(contentsOf: String(number).utf8); close() } else { empty() }
        case .bool(let flag): open(); out.append(contentsOf: (flag ? "true" : "false").utf8); close()
        case .object(let fields):
            open()
            for (key, field) in fields { writeXML(key, field, into: &out) }
            close()
        case .list(let item, let items):
            open()
            for element in items { writeXML(item, element, into: &out) }
            close()
        }
    }

    /// Only ASCII needs escaping in JSON; every other UTF-8 byte is copied as it is.
    static func escapeJSON(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]
                ])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Escapes markup and drops what XML 1.0 forbids (C0 controls other than tab and newlines,
    /// U+FFFE, U+FFFF): one such character in one report would otherwise break the whole feed
    /// for every client. Input is cleaned too (`VietnameseText.xmlSafe`); this covers older rows.
    static func escapeXML(_ text: String, into out: inout [UInt8]) {
        var utf8 = text
        utf8.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&apos;".utf8)
                case 0x09, 0x0A, 0x0D: out.append(byte)
                case 0..<0x20: break
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
        }
    }
}

/// The GeoReport shapes of HaiCap's records.
enum Open311Documents {
    static func service(_ category: FeedbackCategory) -> Open311Value {
        .object([
            ("service_code", .text(category.code)),
            ("service_name", .text(category.name)),
            ("description", .text(category.description)),
            ("metadata", .bool(!category.attributes.isEmpty)),
            ("type", .text("realtime")),
            ("keywords", .text(category.keywords.joined(separator: ","))),
            ("group", .text(category.group))
        ])
    }

    static func definition(_ category: FeedbackCategory) -> Open311Value {
        .object([
            ("service_code", .text(category.code)),
            (
                "attributes",
                .list(
                    item: "attribute",
                    category.attributes.enumerated().map { index, attribute in
                        .object([
                            ("variable", .bool(true)),
                            ("code", .text(attribute.code)),
                            ("datatype", .text(attribute.datatype.rawValue)),
                            ("required", .bool(attribute.required)),
                            ("datatype_description", .text(attribute.datatype.hasValues ? "Chọn một trong các giá trị" : nil)),
                            ("order", .integer(index + 1)),
                            ("description", .text(attribute.description)),
                            ("values", .list(item: "value", attribute.values.map { .object([("key", .text($0.key)), ("name", .text($0.name))]) }))
                        ])
                    })
            )
        ])
    }

    /// A request as the public may see it: never the reporter's name, phone or e-mail.
    static func request(_ report: Report, now: Date, baseURL: String, updates: [TimelineEvent]?) -> Open311Value {
        var fields: [(String, Open311Value)] = [
            ("service_request_id", .text(String(report.id))),
            ("status", .text(report.status.open311)),
            ("status_notes", .text(report.answer ?? report.status.label)),
            ("service_name", .text(report.categoryName)),
            ("service_code", .text(report.categoryCode)),
            ("description", .text(report.description)),
            ("agency_responsible", .text(report.agencyName)),
            (
                "service_notice",
                .text(
                    report.status == .waitingForInformation
                        ? "Tạm dừng: chờ người phản ánh bổ sung thông tin"
                        : report.status.isOpen ? "Trả lời trước \(VietnamTime.text(report.due))" : nil)
            ),
            ("requested_datetime", .text(VietnamTime.iso(report.receivedAt))),
            ("updated_datetime", .text(VietnamTime.iso(report.updatedAt))),
            // While the clock is paused for the reporter there is no date to expect.
            ("expected_datetime", .text(report.status.isOpen && report.status != .waitingForInformation ? VietnamTime.iso(report.due) : nil)),
            ("address", .text(report.address ?? report.unitName)),
            ("address_id", .text(nil)),
            ("zipcode", .text(nil)),
            ("lat", .number(report.point?.lat)),
            ("long", .number(report.point?.lon)),
            ("media_url", .text(report.mediaURL ?? (report.photoCount > 0 ? "\(baseURL)/api/v1/feedback/\(report.id)/photos/1" : nil)))
        ]
        if let updates {
            fields.append(
                (
                    "extended_attributes",
                    .object([
                        ("haicap_status", .text(report.status.rawValue)),
                        ("haicap_status_label", .text(report.status.label)),
                        ("ward_code", .text(report.unitCode)),
                        ("ward_name", .text(report.unitName)),
                        ("overdue", .bool(report.isOverdue(at: now))),
                        ("boundary_approximate", .bool(report.boundaryApproximate)),
                        ("followers", .integer(report.followers)),
                        ("duplicate_of", .text(report.duplicateOf.map(String.init))),
                        ("channel", .text(report.channel.rawValue)),
                        (
                            "updates",
                            .list(
                                item: "update",
                                updates.map { event in
                                    .object([
                                        ("datetime", .text(VietnamTime.iso(event.at))),
                                        ("status", .text(event.toState ?? report.status.rawValue)),
                                        ("description", .text(event.note))
                                    ])
                                })
                        )
                    ])
                ))
        }
        return .object(fields)
    }
}
