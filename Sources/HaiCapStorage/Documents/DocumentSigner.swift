import Crypto
import Foundation
import HaiCapDomain
import SQLKit
import X509

/// Who signs what: a signer signs the SHA-256 of a document's content (`DocumentContent`) as one
/// person, and answers with the signature and the certificate that vouches for the key. HaiCap's
/// own signer keeps keys issued by its internal certificate authority; a hardware token or a remote
/// signing service plugs in behind the same protocol, since only the digest travels.
public protocol DocumentSigner: Sendable {
    func sign(_ digest: SHA256Digest, as signer: Principal, at now: Date, in session: any SQLDatabase) async throws -> SignedDigest
    /// The certificates a signature must chain to (the verifier's trust roots).
    func trustRoots(in session: any SQLDatabase) async throws -> [Certificate]
}

/// A signature as the signer returns it.
public struct SignedDigest: Sendable {
    /// "ECDSA-P256-SHA256".
    public let algorithm: String
    /// DER, base64.
    public let signature: String
    public let certificatePEM: String
    public let serial: String
}

/// HaiCap's built-in signer: an internal certificate authority (P-256, ten years), created on the
/// first signature, and one P-256 key per signer with a two-year certificate it issues, created on
/// that person's first signature. Keys stay in the database (`signing_keys`); two servers creating
/// the same key at once keep the first one written.
public struct BuiltInSigner: DocumentSigner {
    let database: Database

    public init(database: Database) { self.database = database }

    static let caOwner = "ca"
    static let algorithm = "ECDSA-P256-SHA256"

    struct Key {
        let certificate: Certificate
        let pem: String
        let privateKey: P256.Signing.PrivateKey
        let serial: String
    }

    public func sign(_ digest: SHA256Digest, as signer: Principal, at now: Date, in session: any SQLDatabase) async throws -> SignedDigest {
        let key = try await signerKey(signer, at: now, in: session)
        let signature = try key.privateKey.signature(for: digest)
        return SignedDigest(
            algorithm: Self.algorithm, signature: signature.derRepresentation.base64EncodedString(), certificatePEM: key.pem, serial: key.serial)
    }

    public func trustRoots(in session: any SQLDatabase) async throws -> [Certificate] {
        guard let row = try await session.raw("SELECT certificate_pem FROM signing_keys WHERE owner = \(bind: Self.caOwner)").first() else {
            return []
        }
        return [try Certificate(pemEncoded: try row.decode(column: "certificate_pem", as: String.self))]
    }

    func load(_ owner: String, in session: any SQLDatabase) async throws -> Key? {
        guard
            let row = try await session.raw(
                "SELECT certificate_pem, private_key_pem, serial FROM signing_keys WHERE owner = \(bind: owner)"
            ).first()
        else { return nil }
        let pem = try row.decode(column: "certificate_pem", as: String.self)
        return Key(
            certificate: try Certificate(pemEncoded: pem), pem: pem,
            privateKey: try P256.Signing.PrivateKey(pemRepresentation: try row.decode(column: "private_key_pem", as: String.self)),
            serial: try row.decode(column: "serial", as: String.self))
    }

    /// Stores a new key unless another server stored one first; returns the one kept.
    func store(
        _ owner: String, _ certificate: Certificate, _ key: P256.Signing.PrivateKey, at now: Date, in session: any SQLDatabase
    ) async throws
        -> Key
    {
        let pem = try certificate.serializeAsPEM().pemString
        try await session.raw(
            """
            INSERT INTO signing_keys (owner, subject, serial, certificate_pem, private_key_pem, not_before, not_after, created_at)
            VALUES (\(bind: owner), \(bind: certificate.subject.description), \(bind: certificate.serialNumber.description), \(bind: pem),
                    \(bind: key.pemRepresentation), \(bind: certificate.notValidBefore.millis), \(bind: certificate.notValidAfter.millis),
                    \(bind: now.millis))
            ON CONFLICT (owner) DO NOTHING
            """
        ).run()
        guard let kept = try await load(owner, in: session) else { preconditionFailure("the key was just stored") }
        return kept
    }

    func authority(at now: Date, in session: any SQLDatabase) async throws -> Key {
        if let existing = try await load(Self.caOwner, in: session) { return existing }
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CountryName("VN")
            OrganizationName("Ủy ban nhân dân Thành phố Hồ Chí Minh")
            CommonName("HaiCap CA nội bộ")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365.25 * 86_400), issuer: name,
            subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(key.publicKey))
            }, issuerPrivateKey: .init(key))
        return try await store(Self.caOwner, certificate, key, at: now, in: session)
    }

    func signerKey(_ signer: Principal, at now: Date, in session: any SQLDatabase) async throws -> Key {
        let owner = "user:\(signer.userId)"
        if let existing = try await load(owner, in: session), existing.certificate.notValidAfter > now { return existing }
        let authority = try await authority(at: now, in: session)
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            CountryName("VN")
            OrganizationName(String(signer.agencyId.prefix(64)))
            CommonName(String(signer.fullName.prefix(64)))
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(2 * 365.25 * 86_400),
            issuer: authority.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                KeyUsage(digitalSignature: true, nonRepudiation: true)
                try AuthorityKeyIdentifier(keyIdentifier: authority.certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
            }, issuerPrivateKey: .init(authority.privateKey))
        // An expired key is replaced: the old certificate stays with the signatures it made.
        try await session.raw("DELETE FROM signing_keys WHERE owner = \(bind: owner)").run()
        return try await store(owner, certificate, key, at: now, in: session)
    }
}
