import Foundation
import HTTPTypes
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Signing as a protocol, on both databases: the leader's own key, issued by HaiCap's internal
/// authority, signs the SHA-256 of what was approved; the check says who signed what and when, and
/// notices a change made afterwards; OpenSSL, knowing nothing of HaiCap, agrees.
@Suite("Documents: signing with the internal certificate authority")
struct DocumentSigningTests {
    /// Runs openssl with arguments in a scratch folder holding `files`; returns its exit status and output.
    static func openssl(_ arguments: [String], files: [String: Data]) throws -> (Int32, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-openssl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test("the leader's signature checks out in HaiCap and in OpenSSL; a change after signing is seen; files cannot join a signed document")
    func signAndCheck() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let now = DocumentTests.monday
            let specialist = try await DocumentTests.principal(services, "chuyenvien.tandinh")
            let leader = try await DocumentTests.principal(services, "lanhdao.tandinh")
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            let draft = try await services.documents.draftOutgoing(
                DocumentTests.letter(to: ["000.00.02.H29"], subject: "Về việc ký số thử nghiệm"), by: specialist, at: now)
            let scan = EdXMLEnvelope.Attachment(
                contentId: "1", contentType: "image/png", description: "Phụ lục", name: "phu-luc.png", data: try TextFixtures.scannedLetter)
            _ = try await services.documents.act(draft.id, .attach, DocumentActionInput(), files: [scan], by: specialist, at: now)
            _ = try await services.documents.act(draft.id, .submit, DocumentActionInput(), by: specialist, at: now)
            #expect(try await services.documents.signatures(of: draft.id, for: leader).isEmpty)
            _ = try await services.documents.act(draft.id, .sign, DocumentActionInput(note: "Chủ tịch"), by: leader, at: now)
            let issued = try await services.documents.act(draft.id, .issue, DocumentActionInput(), by: clerk, at: now)

            // Numbering and issuing do not touch what the leader signed.
            let checks = try await services.documents.signatures(of: issued.id, for: clerk)
            let check = try #require(checks.first)
            #expect(checks.count == 1)
            #expect(check.valid && check.contentIntact && check.signatureValid && check.certificateValid)
            #expect(check.signerName == leader.fullName)
            #expect(check.signerPosition == "Chủ tịch")
            #expect(check.subject.contains(leader.fullName))
            #expect(check.issuer.contains("HaiCap CA"))
            #expect(check.digest.count == 64)

            // A file cannot join the signed, issued document.
            await #expect(throws: DocumentError.self) {
                _ = try await services.documents.act(issued.id, .attach, DocumentActionInput(), files: [scan], by: clerk, at: now)
            }

            // OpenSSL: the certificate chains to the authority, and the signature is over the content's SHA-256.
            let token = try await harness.bearer("vanthu.tandinh")
            let answer = try await client.execute(uri: "/api/v1/documents/\(issued.id)/signatures", method: .get, headers: token).json()
            let item = try #require((answer["items"] as? [[String: Any]])?.first)
            #expect(item["valid"] as? Bool == true)
            let content = Data(
                buffer: try await client.execute(uri: "/api/v1/documents/\(issued.id)/signed-content", method: .get, headers: token).body)
            let ca = Data(buffer: try await client.execute(uri: "/api/v1/signing/ca.pem", method: .get, headers: [:]).body)
            let leaf = Data((item["certificatePEM"] as? String ?? "").utf8)
            let signature = try #require(Data(base64Encoded: item["signature"] as? String ?? ""))
            let chain = try Self.openssl(["verify", "-CAfile", "ca.pem", "leaf.pem"], files: ["ca.pem": ca, "leaf.pem": leaf])
            #expect(chain.0 == 0, "\(chain.1)")
            let (_, key) = try Self.openssl(["x509", "-in", "leaf.pem", "-pubkey", "-noout"], files: ["leaf.pem": leaf])
            let verified = try Self.openssl(
                ["dgst", "-sha256", "-verify", "key.pem", "-signature", "sig.der", "content.txt"],
                files: ["key.pem": Data(key.utf8), "sig.der": signature, "content.txt": content])
            #expect(verified.0 == 0 && verified.1.contains("Verified OK"), "\(verified.1)")
            #expect(String(decoding: content, as: UTF8.self).contains("trich-yeu: Về việc ký số thử nghiệm"))

            // The page says so, in Vietnamese.
            let page = try await client.execute(
                uri: "/van-ban/\(issued.id)/chu-ky", method: .get, headers: try await harness.browser("vanthu.tandinh"))
            #expect(page.status == .ok)
            #expect(page.text.contains("Chữ ký hợp lệ"))

            // Changed behind the system's back after signing: the check no longer holds.
            try await services.database.sql.raw("UPDATE documents SET body = 'Nội dung đã bị sửa' WHERE id = \(bind: issued.id)").run()
            let after = try #require(try await services.documents.signatures(of: issued.id, for: clerk).first)
            #expect(!after.contentIntact && !after.valid)
            #expect(after.certificateValid)
            let tampered = try await client.execute(
                uri: "/van-ban/\(issued.id)/chu-ky", method: .get, headers: try await harness.browser("vanthu.tandinh"))
            #expect(tampered.text.contains("Đã thay đổi sau khi ký"))
        }
    }

    @Test("one authority for the whole city, one key per signer, reused; another ward's leader never sees the signatures")
    func keys() async throws {
        try await TestDatabase.withServices(demo: true) { services in
            let now = DocumentTests.monday
            let specialist = try await DocumentTests.principal(services, "chuyenvien.tandinh")
            let leader = try await DocumentTests.principal(services, "lanhdao.tandinh")
            let clerk = try await DocumentTests.principal(services, "vanthu.tandinh")
            let other = try await DocumentTests.principal(services, "lanhdao.benthanh")
            var ids: [Int] = []
            for index in 0..<2 {
                ids.append(
                    try await DocumentTests.issue(
                        DocumentTests.letter(to: ["000.00.02.H29"], subject: "Văn bản ký số \(index)"), services: services, specialist: specialist,
                        leader: leader, clerk: clerk, at: now
                    ).id)
            }
            let first = try #require(try await services.documents.signatures(of: ids[0], for: clerk).first)
            let second = try #require(try await services.documents.signatures(of: ids[1], for: clerk).first)
            #expect(first.serial == second.serial)
            let keys = try await services.database.sql.raw("SELECT owner FROM signing_keys ORDER BY owner").all().map {
                try $0.decode(column: "owner", as: String.self)
            }
            #expect(keys == ["ca", "user:\(leader.userId)"])
            await #expect(throws: NotFoundError.self) { _ = try await services.documents.signatures(of: ids[0], for: other) }
        }
    }
}
