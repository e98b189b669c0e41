import Crypto
import Foundation
import HaiCapDomain
import SQLKit

/// What a page must show exactly once after a redirect (a receipt's secret, a reporter's code, a new
/// API token): kept in the database so that whichever instance serves the GET finds it, sealed with
/// a key derived from the random id that only the browser's cookie holds, so the row alone reveals
/// nothing. Reading deletes it (`DELETE … RETURNING`): a refresh, or a second instance, gets nothing.
public struct OneViewNotes: Sendable {
    public static let lifetime: TimeInterval = 600
    let database: Database

    public init(database: Database) { self.database = database }

    /// Keeps `values` for one view; returns the id for the cookie.
    public func put(_ values: [String: String], now: Date) async throws -> String {
        let id = Secrets.token(bytes: 24)
        let plain = try JSONEncoder().encode(values)
        let sealed = try AES.GCM.seal(plain, using: Self.key(id)).combined!.base64EncodedString()
        try await database.sql.raw("DELETE FROM one_view_notes WHERE expires_at < \(bind: now.millis)").run()
        try await database.sql.raw(
            """
            INSERT INTO one_view_notes (id_hash, sealed, expires_at)
            VALUES (\(bind: SecretDigest.of(id)), \(bind: sealed), \(bind: now.addingTimeInterval(Self.lifetime).millis))
            """
        ).run()
        return id
    }

    /// The values once, or nil (unknown, expired, already shown, or not ours to open).
    public func take(_ id: String, now: Date) async throws -> [String: String]? {
        guard (16...100).contains(id.count),
            let row = try await database.sql.raw(
                """
                DELETE FROM one_view_notes WHERE id_hash = \(bind: SecretDigest.of(id)) RETURNING sealed, expires_at
                """
            ).first()
        else { return nil }
        guard try row.decode(column: "expires_at", as: Int64.self) > now.millis,
            let combined = Data(base64Encoded: try row.decode(column: "sealed", as: String.self)),
            let box = try? AES.GCM.SealedBox(combined: combined),
            let plain = try? AES.GCM.open(box, using: Self.key(id))
        else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: plain)
    }

    static func key(_ id: String) -> SymmetricKey {
        SymmetricKey(data: SHA256.hash(data: Data(("haicap-one-view:" + id).utf8)))
    }
}
