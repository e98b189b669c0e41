import Foundation
import HaiCapDomain

/// Writes an edXML envelope (QCVN 102:2016): every element in the standard's namespace, text
/// escaped, attachments in base64. Building the text directly keeps the element order the standard
/// gives, which encoders of Swift values do not promise.
public enum EdXMLWriter {
    static let namespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

    public static func write(_ envelope: EdXMLEnvelope) -> Data {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edXML:edXMLEnvelope xmlns:edXML=\"\(namespace)\">\n"
        func element(_ name: String, _ value: String, indent: Int) {
            xml += String(repeating: "  ", count: indent) + "<edXML:\(name)>\(escape(value))</edXML:\(name)>\n"
        }
        func open(_ name: String, indent: Int) { xml += String(repeating: "  ", count: indent) + "<edXML:\(name)>\n" }
        func close(_ name: String, indent: Int) { xml += String(repeating: "  ", count: indent) + "</edXML:\(name)>\n" }
        func organ(_ name: String, _ organ: EdXMLEnvelope.Organ) {
            open(name, indent: 3)
            element("OrganId", organ.organId, indent: 4)
            element("OrganName", organ.organName, indent: 4)
            close(name, indent: 3)
        }
        open("edXMLHeader", indent: 1)
        open("MessageHeader", indent: 2)
        organ("From", envelope.from)
        for recipient in envelope.to { organ("To", recipient) }
        element("DocumentId", envelope.documentId, indent: 3)
        open("Code", indent: 3)
        element("CodeNumber", envelope.codeNumber, indent: 4)
        element("CodeNotation", envelope.codeNotation, indent: 4)
        close("Code", indent: 3)
        open("PromulgationInfo", indent: 3)
        element("Place", envelope.place, indent: 4)
        element("PromulgationDate", envelope.promulgationDate?.iso ?? "", indent: 4)
        close("PromulgationInfo", indent: 3)
        open("DocumentType", indent: 3)
        element("Type", String(envelope.typeCode), indent: 4)
        element("TypeName", envelope.typeName, indent: 4)
        close("DocumentType", indent: 3)
        element("Subject", envelope.subject, indent: 3)
        element("Content", envelope.content, indent: 3)
        open("SignerInfo", indent: 3)
        element("Competence", envelope.signerCompetence, indent: 4)
        element("Position", envelope.signerPosition, indent: 4)
        element("FullName", envelope.signerName, indent: 4)
        close("SignerInfo", indent: 3)
        element("DueDate", envelope.dueDate?.iso ?? "", indent: 3)
        open("ToPlaces", indent: 3)
        for place in envelope.toPlaces { element("Place", place, indent: 4) }
        close("ToPlaces", indent: 3)
        open("OtherInfo", indent: 3)
        element("Priority", String(envelope.priority), indent: 4)
        element("PageAmount", envelope.pageAmount.map(String.init) ?? "", indent: 4)
        close("OtherInfo", indent: 3)
        element("SteeringType", String(envelope.steeringType), indent: 3)
        close("MessageHeader", indent: 2)
        open("TraceHeaderList", indent: 2)
        for trace in envelope.traces {
            open("TraceHeader", indent: 3)
            element("OrganId", trace.organId, indent: 4)
            element("Timestamp", trace.timestamp, indent: 4)
            close("TraceHeader", indent: 3)
        }
        open("Business", indent: 3)
        element("BusinessDocType", String(envelope.business.rawValue), indent: 4)
        if !envelope.businessReason.isEmpty { element("BusinessDocReason", envelope.businessReason, indent: 4) }
        if !envelope.replaces.isEmpty {
            open("ReplacementInfoList", indent: 4)
            for id in envelope.replaces {
                open("ReplacementInfo", indent: 5)
                element("DocumentId", id, indent: 6)
                close("ReplacementInfo", indent: 5)
            }
            close("ReplacementInfoList", indent: 4)
        }
        close("Business", indent: 3)
        close("TraceHeaderList", indent: 2)
        close("edXMLHeader", indent: 1)
        open("edXMLBody", indent: 1)
        open("edXMLManifest", indent: 2)
        for attachment in envelope.attachments {
            open("Reference", indent: 3)
            element("ContentId", attachment.contentId, indent: 4)
            element("ContentType", attachment.contentType, indent: 4)
            element("Description", attachment.description, indent: 4)
            element("AttachmentName", attachment.name, indent: 4)
            close("Reference", indent: 3)
        }
        close("edXMLManifest", indent: 2)
        for attachment in envelope.attachments {
            open("AttachmentEncoded", indent: 2)
            element("ContentId", attachment.contentId, indent: 3)
            element("Value", attachment.data.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]), indent: 3)
            close("AttachmentEncoded", indent: 2)
        }
        close("edXMLBody", indent: 1)
        xml += "</edXML:edXMLEnvelope>\n"
        return Data(xml.utf8)
    }

    /// A status package: the recipient tells the sender how the document stands.
    static func write(_ status: EdXMLStatus) -> Data {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edXML:edXMLEnvelope xmlns:edXML=\"\(namespace)\">\n"
        xml += "  <edXML:edXMLHeader>\n    <edXML:MessageHeader>\n"
        xml += "      <edXML:From>\n        <edXML:OrganId>\(escape(status.from.organId))</edXML:OrganId>\n"
        xml += "        <edXML:OrganName>\(escape(status.from.organName))</edXML:OrganName>\n      </edXML:From>\n"
        xml += "      <edXML:ResponseFor>\n        <edXML:OrganId>\(escape(status.responseForOrganId))</edXML:OrganId>\n"
        xml += "        <edXML:DocumentId>\(escape(status.responseForDocumentId))</edXML:DocumentId>\n      </edXML:ResponseFor>\n"
        xml += "      <edXML:StaffInfo>\n        <edXML:FullName>\(escape(status.staffName))</edXML:FullName>\n      </edXML:StaffInfo>\n"
        xml += "      <edXML:StatusCode>\(status.code.rawValue)</edXML:StatusCode>\n"
        xml += "      <edXML:Description>\(escape(status.description))</edXML:Description>\n"
        xml += "      <edXML:Timestamp>\(escape(status.timestamp))</edXML:Timestamp>\n"
        xml += "    </edXML:MessageHeader>\n  </edXML:edXMLHeader>\n</edXML:edXMLEnvelope>\n"
        return Data(xml.utf8)
    }

    /// Text and attribute values with the five XML specials escaped; control characters XML 1.0
    /// cannot carry are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
