import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Who signed what and when: each signature of a document with its certificate, checked now
/// (content unchanged since signing, signature valid for the certificate's key, certificate issued
/// by HaiCap's internal authority and valid at the moment of signing). Also the authority's own
/// certificate, for anyone who checks a signature outside HaiCap.
///
/// | route | permission |
/// |---|---|
/// | GET /van-ban/{id}/chu-ky, GET /api/v1/documents/{id}/signatures, GET /api/v1/documents/{id}/signed-content | handleDocuments (agency scope and secrecy per document) |
/// | GET /api/v1/signing/ca.pem | everyone (a public certificate) |
struct DocumentSignaturePages {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.documentSignatures, .handleDocuments) { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.intParam("id")
            let document = try await services.documents.get(id, for: principal)
            let checks = try await services.documents.signatures(of: id, for: principal)
            let title = "Chữ ký số — \(document.numberAndNotation ?? "dự thảo mã \(id)")"
            let model: [String: Any] = [
                "back": SitePath.document(id: id).href, "subject": document.subject, "empty": checks.isEmpty,
                "signatures": checks.map { check -> [String: Any] in
                    [
                        "signer": check.signerName, "position": check.signerPosition ?? "", "at": DossierViews.time(check.signedAt),
                        "valid": check.valid, "intact": check.contentIntact, "signatureValid": check.signatureValid,
                        "certificateValid": check.certificateValid, "problem": check.certificateProblem,
                        "digest": check.digest, "currentDigest": check.currentDigest, "subject": check.subject, "issuer": check.issuer,
                        "serial": check.serial, "from": DossierViews.time(check.validFrom), "until": DossierViews.time(check.validUntil),
                        "algorithm": check.algorithm
                    ]
                }
            ]
            return try pages.page(
                "document-signatures", title: title,
                crumbs: [
                    .init(label: "Văn bản", href: SitePath.documents.href),
                    .init(label: document.numberAndNotation ?? "Mã \(id)", href: SitePath.document(id: id).href),
                    .init(label: "Chữ ký số", href: nil)
                ], model: model, context: context, currentPath: SitePath.documents.href)
        }
        routes.get("/api/v1/documents/{id}/signatures", .handleDocuments) { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.intParam("id")
            let checks = try await services.documents.signatures(of: id, for: principal)
            let raw = try await services.documents.rawSignatures(of: id, for: principal)
            return JSONBody.response(
                SignaturesDTO(
                    contentHref: "/api/v1/documents/\(id)/signed-content",
                    items: zip(checks, raw).map { SignatureDTO($0, signature: $1.signature, certificatePEM: $1.certificatePEM) }))
        }
        routes.get("/api/v1/documents/{id}/signed-content", .handleDocuments) { _, context in
            let principal = try context.requirePrincipal()
            let data = try await services.documents.signedContent(of: try context.intParam("id"), for: principal)
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(data: data)))
        }
        routes.get("/api/v1/signing/ca.pem", .everyone) { _, _ in
            guard let pem = try await services.documents.authorityCertificatePEM() else {
                throw NotFoundError("certificate", "ca")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/x-pem-file", .contentDisposition: "attachment; filename=\"haicap-ca.pem\""],
                body: .init(byteBuffer: ByteBuffer(string: pem)))
        }
    }
}

struct SignaturesDTO: Encodable {
    /// The bytes each signature signs the SHA-256 of, as the document now stands.
    let contentHref: String
    let items: [SignatureDTO]
}

struct SignatureDTO: Encodable {
    let signerName: String
    let signerPosition: String?
    let signedAt: String
    let algorithm: String
    let digest: String
    let currentDigest: String
    let certificate: Certificate
    /// ECDSA over the content's SHA-256, DER in base64, and the signer's certificate (PEM).
    let signature: String
    let certificatePEM: String
    let valid: Bool
    let contentIntact: Bool
    let signatureValid: Bool
    let certificateValid: Bool
    let problem: String?

    struct Certificate: Encodable {
        let subject: String
        let issuer: String
        let serial: String
        let validFrom: String
        let validUntil: String
    }

    init(_ check: SignatureCheck, signature: String, certificatePEM: String) {
        self.signature = signature
        self.certificatePEM = certificatePEM
        signerName = check.signerName
        signerPosition = check.signerPosition
        signedAt = VietnamTime.iso(check.signedAt)
        algorithm = check.algorithm
        digest = check.digest
        currentDigest = check.currentDigest
        certificate = Certificate(
            subject: check.subject, issuer: check.issuer, serial: check.serial, validFrom: VietnamTime.iso(check.validFrom),
            validUntil: VietnamTime.iso(check.validUntil))
        valid = check.valid
        contentIntact = check.contentIntact
        signatureValid = check.signatureValid
        certificateValid = check.certificateValid
        problem = check.certificateProblem.isEmpty ? nil : check.certificateProblem
    }
}
