import Foundation
import HaiCapDomain
import SQLKit

/// The procedure catalogue. Versions are never edited in place: a change is a new version with
/// the date it takes effect, and each dossier names the version it was received under.
public struct ProcedureStore: Sendable {
    let database: Database
    let audit: AuditLog

    public init(database: Database) {
        self.database = database
        audit = AuditLog(database: database)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    /// Loads the shipped catalogue (`Resources/seed/procedures`) into an empty table.
    public func seedIfEmpty(at now: Date) async throws {
        let count = try await database.sql.raw("SELECT COUNT(*) AS n FROM procedures").first()?.decode(column: "n", as: Int.self) ?? 0
        guard count == 0, let url = Bundle.module.url(forResource: "catalogue", withExtension: "json", subdirectory: "seed/procedures") else {
            return
        }
        _ = try await importCatalogue(String(decoding: try Data(contentsOf: url), as: UTF8.self), by: nil, at: now)
    }

    public struct ImportSummary: Sendable, Codable, Equatable {
        public var added: [String]
        public var unchanged: [String]
    }

    /// Imports a file in the national layout: all of it, or (on the first problem) none of it.
    /// A version already stored with other content is refused: changes need a new PHIENBAN.
    public func importCatalogue(_ text: String, by actor: Principal?, at now: Date) async throws -> ImportSummary {
        let procedures = try NationalCatalogue.procedures(from: text)
        return try await database.transaction { session in
            var summary = ImportSummary(added: [], unchanged: [])
            for (index, procedure) in procedures.enumerated() {
                let body = String(decoding: try Self.encoder.encode(procedure), as: UTF8.self)
                if let existing = try await session.raw(
                    """
                    SELECT body FROM procedures WHERE code = \(bind: procedure.code) AND version = \(bind: procedure.version)
                    """
                ).first() {
                    guard try existing.decode(column: "body", as: String.self) == body else {
                        throw ValidationError(
                            field: "[\(index)].PHIENBAN",
                            "Thủ tục \(procedure.code) đã có phiên bản \(procedure.version) với nội dung khác; hãy tăng PHIENBAN để tạo phiên bản mới."
                        )
                    }
                    summary.unchanged.append("\(procedure.code) v\(procedure.version)")
                    continue
                }
                try await insert(procedure, body: body, by: actor, at: now, in: session)
                summary.added.append("\(procedure.code) v\(procedure.version)")
            }
            return summary
        }
    }

    /// Saves an edited procedure as its next version, in force from `procedure.validFrom`.
    public func saveNewVersion(_ procedure: Procedure, by actor: Principal?, at now: Date) async throws -> Procedure {
        try await database.transaction { session in
            let latest =
                try await session.raw("SELECT MAX(version) AS v FROM procedures WHERE code = \(bind: procedure.code)")
                .first()?.decode(column: "v", as: Int?.self) ?? 0
            var next = procedure
            next.version = latest + 1
            try await insert(next, body: String(decoding: try Self.encoder.encode(next), as: UTF8.self), by: actor, at: now, in: session)
            return next
        }
    }

    func insert(_ procedure: Procedure, body: String, by actor: Principal?, at now: Date, in session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO procedures (code, version, valid_from, name, name_folded, field_name, body, created_at, created_by)
            VALUES (\(bind: procedure.code), \(bind: procedure.version), \(bind: procedure.validFrom.iso), \(bind: procedure.name),
                    \(bind: VietnameseText.fold(procedure.name)), \(bind: procedure.field.name), \(bind: body), \(bind: now.millis),
                    \(bind: actor?.username ?? "system"))
            """
        ).run()
        try await audit.append(
            AuditEvent(
                "procedure.version", "procedure", procedure.code,
                "phiên bản \(procedure.version), hiệu lực từ \(procedure.validFrom.iso)"),
            by: actor, at: now, in: session)
    }

    static func decode(_ row: any SQLRow) throws -> Procedure {
        try JSONDecoder().decode(Procedure.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
    }

    /// The version in force on `date`: the highest version whose valid-from date has come.
    public func inForce(code: String, on date: LocalDate, in session: (any SQLDatabase)? = nil) async throws -> Procedure {
        guard
            let row = try await (session ?? database.sql).raw(
                """
                SELECT body FROM procedures WHERE code = \(bind: code) AND valid_from <= \(bind: date.iso) ORDER BY version DESC LIMIT 1
                """
            ).first()
        else { throw NotFoundError("procedure", code) }
        return try Self.decode(row)
    }

    public func version(code: String, version: Int, in session: (any SQLDatabase)? = nil) async throws -> Procedure {
        guard
            let row = try await (session ?? database.sql).raw(
                """
                SELECT body FROM procedures WHERE code = \(bind: code) AND version = \(bind: version)
                """
            ).first()
        else { throw NotFoundError("procedure", "\(code) v\(version)") }
        return try Self.decode(row)
    }

    /// Every procedure as in force on `date` (the newest version per code), by name.
    public func catalogue(on date: LocalDate, search: String? = nil) async throws -> [Procedure] {
        let folded = search.map(VietnameseText.fold) ?? ""
        let rows = try await database.sql.raw(
            """
            SELECT p.body FROM procedures p
            WHERE p.valid_from <= \(bind: date.iso)
              AND p.version = (SELECT MAX(q.version) FROM procedures q WHERE q.code = p.code AND q.valid_from <= \(bind: date.iso))
              AND (\(bind: folded) = '' OR p.name_folded LIKE \(bind: "%\(folded)%") OR p.code LIKE \(bind: "%\(folded)%"))
            ORDER BY p.code
            """
        ).all()
        return try rows.map(Self.decode)
    }

    /// All versions of one procedure, newest first.
    public func versions(code: String) async throws -> [Procedure] {
        let rows = try await database.sql.raw("SELECT body FROM procedures WHERE code = \(bind: code) ORDER BY version DESC").all()
        guard !rows.isEmpty else { throw NotFoundError("procedure", code) }
        return try rows.map(Self.decode)
    }
}
