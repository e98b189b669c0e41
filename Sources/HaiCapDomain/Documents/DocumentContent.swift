import Foundation

/// The signed content of an outgoing document: what the competent leader approves, in one fixed
/// byte form, so that its SHA-256 can be signed at signing and recomputed at any later check. It
/// holds what the leader reads — issuing organ, type, subject, text, signer, distribution list and
/// each attached file by its own SHA-256 — and not what the clerk adds at issue (number, date).
public enum DocumentContent {
    public struct File: Sendable, Equatable {
        public let name: String
        public let sha256: String

        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }
    }

    public static func canonical(_ document: OfficialDocument, recipients: [DocumentRecipient], files: [File]) -> Data {
        // One field per line, each value with its line breaks escaped, so no value can imitate
        // another field.
        func line(_ key: String, _ value: String?) -> String {
            "\(key): "
                + (value ?? "").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r") + "\n"
        }
        var text = "HaiCap văn bản đi, nội dung ký số, phiên bản 1\n"
        text += line("co-quan", "\(document.agencyId) \(document.agencyName)")
        text += line("loai", document.type.rawValue)
        text += line("don-vi-soan", document.draftingUnit)
        text += line("trich-yeu", document.subject)
        text += line("noi-dung", document.body)
        text += line("do-mat", document.secrecy.rawValue)
        text += line("do-khan", document.urgency.rawValue)
        text += line("nguoi-ky", document.signerName)
        text += line("chuc-vu", document.signerPosition)
        for recipient in recipients { text += line("noi-nhan", "\(recipient.organId ?? "-") \(recipient.organName)") }
        for file in files { text += line("tep", "\(file.sha256) \(file.name)") }
        return Data(VietnameseText.nfc(text).utf8)
    }
}
