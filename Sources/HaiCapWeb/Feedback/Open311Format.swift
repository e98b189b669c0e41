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
        var out = ""
        switch self {
        case .json:
            Self.writeJSON(value, into: &out)
        case .xml:
            out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            Self.writeXML(root, value, into: &out)
        }
        let type = self == .json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8"
        return Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: out)))
    }

    /// `[{"code": 400, "description": "…"}]`, with the HTTP status equal to the code.
    func error(_ status: HTTPResponse.Status, _ description: String) -> Response {
        response(root: "errors", .list(item: "error", [.object([("code", .integer(status.code)), ("description", .text(description))])]),
                 status: status)
    }

    private static func writeJSON(_ value: Open311Value, into out: inout String) {
        switch value {
        case .text(let text): if let text { escapeJSON(text, into: &out) } else { out += "null" }
        case .number(let number):
            if let number, number.isFinite { out += "\(number)" } else { out += "null" }
        case .integer(let number): out += number.map(String.init) ?? "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .object(let fields):
            out += "{"
            for (index, (key, field)) in fields.enumerated() {
                if index > 0 { out += "," }
                escapeJSON(key, into: &out)
                out += ":"
                writeJSON(field, into: &out)
            }
            out += "}"
        case .list(_, let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                writeJSON(item, into: &out)
            }
            out += "]"
        }
    }

    private static func writeXML(_ name: String, _ value: Open311Value, into out: inout String) {
        switch value {
        case .text(let text):
            if let text { out += "<\(name)>"; escapeXML(text, into: &out); out += "</\(name)>" } else { out += "<\(name)/>" }
        case .number(let number):
            if let number, number.isFinite { out += "<\(name)>\(number)</\(name)>" } else { out += "<\(name)/>" }
        case .integer(let number):
            if let number { out += "<\(name)>\(number)</\(name)>" } else { out += "<\(name)/>" }
        case .bool(let flag): out += "<\(name)>\(flag)</\(name)>"
        case .object(let fields):
            out += "<\(name)>"
            for (key, field) in fields { writeXML(key, field, into: &out) }
            out += "</\(name)>"
        case .list(let item, let items):
            out += "<\(name)>"
            for element in items { writeXML(item, element, into: &out) }
            out += "</\(name)>"
        }
    }

    static func escapeJSON(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    static func escapeXML(_ text: String, into out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Control characters other than tab and newlines are not allowed in XML 1.0.
                if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
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
            ("group", .text(category.group)),
        ])
    }

    static func definition(_ category: FeedbackCategory) -> Open311Value {
        .object([
            ("service_code", .text(category.code)),
            ("attributes", .list(item: "attribute", category.attributes.enumerated().map { index, attribute in
                .object([
                    ("variable", .bool(true)),
                    ("code", .text(attribute.code)),
                    ("datatype", .text(attribute.datatype.rawValue)),
                    ("required", .bool(attribute.required)),
                    ("datatype_description", .text(attribute.datatype.hasValues ? "Chọn một trong các giá trị" : nil)),
                    ("order", .integer(index + 1)),
                    ("description", .text(attribute.description)),
                    ("values", .list(item: "value", attribute.values.map { .object([("key", .text($0.key)), ("name", .text($0.name))]) })),
                ])
            })),
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
            ("service_notice", .text(report.status == .waitingForInformation ? "Tạm dừng: chờ người phản ánh bổ sung thông tin"
                                     : report.status.isOpen ? "Trả lời trước \(VietnamTime.iso(report.dueAt))" : nil)),
            ("requested_datetime", .text(VietnamTime.iso(report.receivedAt))),
            ("updated_datetime", .text(VietnamTime.iso(report.updatedAt))),
            // While the clock is paused for the reporter there is no date to expect.
            ("expected_datetime", .text(report.status.isOpen && report.status != .waitingForInformation ? VietnamTime.iso(report.dueAt) : nil)),
            ("address", .text(report.address ?? report.unitName)),
            ("address_id", .text(nil)),
            ("zipcode", .text(nil)),
            ("lat", .number(report.point?.lat)),
            ("long", .number(report.point?.lon)),
            ("media_url", .text(report.mediaURL ?? (report.photoCount > 0 ? "\(baseURL)/api/v1/feedback/\(report.id)/photos/1" : nil))),
        ]
        if let updates {
            fields.append(("extended_attributes", .object([
                ("haicap_status", .text(report.status.rawValue)),
                ("haicap_status_label", .text(report.status.label)),
                ("ward_code", .text(report.unitCode)),
                ("ward_name", .text(report.unitName)),
                ("overdue", .bool(report.isOverdue(now: now))),
                ("boundary_approximate", .bool(report.boundaryApproximate)),
                ("followers", .integer(report.followers)),
                ("duplicate_of", .text(report.duplicateOf.map(String.init))),
                ("channel", .text(report.channel.rawValue)),
                ("updates", .list(item: "update", updates.map { event in
                    .object([
                        ("datetime", .text(VietnamTime.iso(event.at))),
                        ("status", .text(event.toState ?? report.status.rawValue)),
                        ("description", .text(event.note)),
                    ])
                })),
            ])))
        }
        return .object(fields)
    }
}
