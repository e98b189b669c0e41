import Foundation
import HaiCapDomain
import SQLKit

/// Agencies: listed and searched from the database, corrected by administrators with an audit entry.
public struct AgencyStore: Sendable {
    let database: Database
    let audit: AuditLog

    public init(database: Database) {
        self.database = database
        self.audit = AuditLog(database: database)
    }

    public func list(
        query: String? = nil, unitCode: String? = nil, kind: AgencyKind? = nil,
        limit: Int = 500, offset: Int = 0
    ) async throws -> (items: [Agency], total: Int) {
        func apply(_ builder: some SQLPredicateBuilder) {
            let needle = VietnameseText.fold(query ?? "")
            if !needle.isEmpty {
                builder.where { group in
                    group.where("name_folded", .like, "%\(needle)%").orWhere("id", .like, "%\(needle.uppercased())%")
                        .orWhere("id", .like, "%\(needle)%")
                }
            }
            if let unitCode, !unitCode.isEmpty { builder.where("unit_code", .equal, unitCode) }
            if let kind { builder.where("kind", .equal, kind.rawValue) }
        }
        let select = database.sql.select().column("*").from("agencies")
        apply(select)
        let rows = try await select.orderBy("sort_key").limit(limit).offset(offset).all()
        let count = database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("agencies")
        apply(count)
        let total = try await count.first()?.decode(column: "n", as: Int.self) ?? 0
        return (try rows.map(Self.agency(from:)), total)
    }

    public func get(_ id: String) async throws -> Agency {
        guard let row = try await database.sql.select().column("*").from("agencies").where("id", .equal, id).first() else {
            throw NotFoundError("agency", id)
        }
        return try Self.agency(from: row)
    }

    /// Adds an agency (a new department, centre or office) with its QCVN 102 identifier.
    public func create(_ agency: Agency, by actor: Principal?, at now: Date, knownUnits: Set<String>) async throws -> Agency {
        var check = Validator()
        let name = VietnameseText.nfc(agency.name.trimmingCharacters(in: .whitespaces))
        check.require(!name.isEmpty && name.count <= 200, "name", "Tên cơ quan không được để trống (tối đa 200 ký tự).")
        do { _ = try AgencyIdentifier(agency.id) } catch { check.require(false, "id", error.problems[0].message) }
        if let unit = agency.unitCode { check.require(knownUnits.contains(unit), "unit", "Không có đơn vị hành chính mã \(unit).") }
        try check.check()
        let taken = ValidationError(field: "id", "Mã định danh \(agency.id) đã được dùng cho cơ quan khác.")
        if (try? await get(agency.id)) != nil { throw taken }
        do {
            try await insert(agency, name: name, by: actor, at: now)
        } catch {
            // A concurrent create won the primary key between the check and the insert.
            if (try? await get(agency.id)) != nil { throw taken }
            throw error
        }
        return try await get(agency.id)
    }

    private func insert(_ agency: Agency, name: String, by actor: Principal?, at now: Date) async throws {
        try await database.transaction { session in
            try await session.insert(into: "agencies")
                .columns("id", "name", "name_folded", "sort_key", "kind", "unit_code", "id_is_official")
                .values(
                    SQLBind(agency.id), SQLBind(name), SQLBind(VietnameseText.fold(name)), SQLBind(VietnameseText.sortKey(name)),
                    SQLBind(agency.kind.rawValue), SQLBind(agency.unitCode), SQLBind(agency.idIsOfficial ? 1 : 0)
                )
                .run()
            try await audit.append(
                AuditEvent("agency.create", "agency", agency.id, "\(name) (\(agency.kind.rawValue))"), by: actor, at: now, in: session)
        }
    }

    /// Corrects an agency's identifier or name. Users follow the new identifier (ON UPDATE CASCADE).
    public func update(_ id: String, newId: String, name: String, by actor: Principal?, at now: Date) async throws -> Agency {
        var check = Validator()
        let trimmedName = VietnameseText.nfc(name.trimmingCharacters(in: .whitespaces))
        check.require(!trimmedName.isEmpty && trimmedName.count <= 200, "name", "Tên cơ quan không được để trống (tối đa 200 ký tự).")
        do { _ = try AgencyIdentifier(newId) } catch { check.require(false, "id", error.problems[0].message) }
        try check.check()
        let current = try await get(id)
        if newId != id, (try? await get(newId)) != nil {
            throw ValidationError(field: "id", "Mã định danh \(newId) đã được dùng cho cơ quan khác.")
        }
        try await database.transaction { session in
            try await session.update("agencies")
                .set("id", to: newId).set("name", to: trimmedName)
                .set("name_folded", to: VietnameseText.fold(trimmedName))
                .set("sort_key", to: VietnameseText.sortKey(trimmedName))
                .where("id", .equal, id).run()
            try await audit.append(
                AuditEvent(
                    "agency.update", "agency", newId,
                    "id: \(id) → \(newId); tên: \(current.name) → \(trimmedName)"),
                by: actor, at: now, in: session)
        }
        return try await get(newId)
    }

    static func agency(from row: any SQLRow) throws -> Agency {
        Agency(
            id: try row.decode(column: "id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            kind: AgencyKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .department,
            unitCode: try row.decode(column: "unit_code", as: String?.self),
            idIsOfficial: try row.decode(column: "id_is_official", as: Int.self) == 1)
    }
}
