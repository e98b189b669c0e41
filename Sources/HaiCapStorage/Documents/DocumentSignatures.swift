import Crypto
import Foundation
import HaiCapDomain
import SQLKit
@_spi(FixedExpiryValidationTime) import X509

/// A document's signatures and their check: the content's SHA-256 recomputed now against the one
/// signed, the signature against the certificate's key, and the certificate's chain to the
/// internal authority as it stood at the moment of signing.
public struct SignatureCheck: Sendable {
    public let signerName: String
    public let signerPosition: String?
    public let signedAt: Date
    public let algorithm: String
    public let digest: String
    public let currentDigest: String
    public let subject: String
    public let issuer: String
    public let serial: String
    public let validFrom: Date
    public let validUntil: Date
    /// The content is what was signed.
    public let contentIntact: Bool
    /// The signature is the certificate key's, over the signed digest.
    public let signatureValid: Bool
    /// The certificate chains to the internal authority and was valid when it signed.
    public let certificateValid: Bool
    /// Why the certificate did not validate (empty when it did).
    public let certificateProblem: String

    public var valid: Bool { contentIntact && signatureValid && certificateValid }
}

extension DocumentStore {
    /// The bytes an outgoing document is signed on, as it stands (inside a transaction or not).
    func content(_ document: OfficialDocument, in session: any SQLDatabase) async throws -> Data {
        let recipients = try await recipients(of: document.id, in: session)
        let files = try await session.raw("SELECT name, sha256 FROM document_files WHERE document_id = \(bind: document.id) ORDER BY id").all().map {
            DocumentContent.File(name: try $0.decode(column: "name", as: String.self), sha256: try $0.decode(column: "sha256", as: String.self))
        }
        return DocumentContent.canonical(document, recipients: recipients, files: files)
    }

    func contentDigest(_ document: OfficialDocument, in session: any SQLDatabase) async throws -> SHA256Digest {
        SHA256.hash(data: try await content(document, in: session))
    }

    /// The signed content of a document as it stands, for checks outside HaiCap (its SHA-256 is
    /// what each signature signs).
    public func signedContent(of id: Int, for principal: Principal) async throws -> Data {
        try await content(try await get(id, for: principal), in: database.sql)
    }

    /// The raw signatures (DER, base64) with their certificates, for checks outside HaiCap.
    public func rawSignatures(of id: Int, for principal: Principal) async throws -> [(signature: String, certificatePEM: String)] {
        _ = try await get(id, for: principal)
        return try await database.sql.raw("SELECT signature, certificate_pem FROM document_signatures WHERE document_id = \(bind: id) ORDER BY id")
            .all().map { (try $0.decode(column: "signature", as: String.self), try $0.decode(column: "certificate_pem", as: String.self)) }
    }

    /// The leader's signature at `sign`, in the signing transaction.
    func recordSignature(_ document: OfficialDocument, by principal: Principal, at now: Date, in session: any SQLDatabase) async throws -> String {
        let digest = try await contentDigest(document, in: session)
        let signed = try await signer.sign(digest, as: principal, at: now, in: session)
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        try await session.raw(
            """
            INSERT INTO document_signatures (document_id, signer_id, signer_name, signer_position, signed_at, digest, algorithm, signature,
                certificate_pem, serial)
            VALUES (\(bind: document.id), \(bind: principal.userId), \(bind: principal.fullName), \(bind: document.signerPosition),
                    \(bind: now.millis), \(bind: hex), \(bind: signed.algorithm), \(bind: signed.signature), \(bind: signed.certificatePEM),
                    \(bind: signed.serial))
            """
        ).run()
        return hex
    }

    /// Every signature of a document `principal` may see, checked now.
    public func signatures(of id: Int, for principal: Principal) async throws -> [SignatureCheck] {
        let document = try await get(id, for: principal)
        let rows = try await database.sql.raw("SELECT * FROM document_signatures WHERE document_id = \(bind: id) ORDER BY id").all()
        guard !rows.isEmpty else { return [] }
        let current = try await contentDigest(document, in: database.sql)
        let currentHex = current.map { String(format: "%02x", $0) }.joined()
        let roots = try await signer.trustRoots(in: database.sql)
        var checks: [SignatureCheck] = []
        for row in rows {
            let pem = try row.decode(column: "certificate_pem", as: String.self)
            let certificate = try Certificate(pemEncoded: pem)
            let signedAt = Date(millis: try row.decode(column: "signed_at", as: Int64.self))
            let digest = try row.decode(column: "digest", as: String.self)
            let signatureValid: Bool = {
                guard let key = P256.Signing.PublicKey(certificate.publicKey),
                    let der = Data(base64Encoded: (try? row.decode(column: "signature", as: String.self)) ?? ""),
                    let signature = try? P256.Signing.ECDSASignature(derRepresentation: der)
                else { return false }
                // The signature is over the digest that was signed; whether that digest is still the
                // content's is `contentIntact`.
                return digest == currentHex ? key.isValidSignature(signature, for: current) : false
            }()
            var verifier = Verifier(rootCertificates: CertificateStore(roots)) { RFC5280Policy(fixedExpiryValidationTime: signedAt) }
            let problem: String
            switch await verifier.validate(leaf: certificate, intermediates: CertificateStore()) {
            case .validCertificate: problem = ""
            case .couldNotValidate(let failures):
                problem = failures.isEmpty ? "Không dựng được chuỗi chứng thư tới CA nội bộ." : "Chứng thư không hợp lệ tại thời điểm ký."
            }
            checks.append(
                SignatureCheck(
                    signerName: try row.decode(column: "signer_name", as: String.self),
                    signerPosition: try row.decode(column: "signer_position", as: String?.self), signedAt: signedAt,
                    algorithm: try row.decode(column: "algorithm", as: String.self), digest: digest, currentDigest: currentHex,
                    subject: certificate.subject.description, issuer: certificate.issuer.description,
                    serial: try row.decode(column: "serial", as: String.self), validFrom: certificate.notValidBefore,
                    validUntil: certificate.notValidAfter, contentIntact: digest == currentHex, signatureValid: signatureValid,
                    certificateValid: problem.isEmpty, certificateProblem: problem))
        }
        return checks
    }
}

extension DocumentStore {
    /// The internal authority's certificate (PEM), once a first signature has created it.
    public func authorityCertificatePEM() async throws -> String? {
        try await signer.trustRoots(in: database.sql).first.map { try $0.serializeAsPEM().pemString }
    }

    /// How many signatures a document carries (its page links to their check).
    public func signatureCount(of id: Int) async throws -> Int {
        try await database.sql.raw("SELECT COUNT(*) AS n FROM document_signatures WHERE document_id = \(bind: id)").first()!.decode(
            column: "n", as: Int.self)
    }
}
