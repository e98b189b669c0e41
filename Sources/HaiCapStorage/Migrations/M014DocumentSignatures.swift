import HaiCapDomain
import SQLKit

/// Signing: the keys and certificates of HaiCap's internal certificate authority and of each
/// signer (one current key per owner: `ca`, or `user:<id>`), and every signature made on a
/// document, with the certificate it was made with, so that it can be checked years later.
let m014DocumentSignatures = Migration(14, "internal certificate authority, signer keys, document signatures") { kind in
    [
        """
        CREATE TABLE signing_keys (
            id {id},
            owner TEXT NOT NULL,
            subject TEXT NOT NULL,
            serial TEXT NOT NULL,
            certificate_pem TEXT NOT NULL,
            private_key_pem TEXT NOT NULL,
            not_before {bigint} NOT NULL,
            not_after {bigint} NOT NULL,
            created_at {bigint} NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX signing_keys_owner ON signing_keys (owner)",
        """
        CREATE TABLE document_signatures (
            id {id},
            document_id INTEGER NOT NULL,
            signer_id INTEGER NOT NULL,
            signer_name TEXT NOT NULL,
            signer_position TEXT,
            signed_at {bigint} NOT NULL,
            digest TEXT NOT NULL,
            algorithm TEXT NOT NULL,
            signature TEXT NOT NULL,
            certificate_pem TEXT NOT NULL,
            serial TEXT NOT NULL
        )
        """,
        "CREATE INDEX document_signatures_document ON document_signatures (document_id, id)"
    ].map { DDL.expand($0, kind) }
}
