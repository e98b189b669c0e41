import Foundation
import HaiCapDomain
import SQLKit

/// 1022 categories and routing rules, both edited by administrators.
public struct FeedbackCatalogue: Sendable {
    let database: Database
    let audit: AuditLog

    public init(database: Database, audit: AuditLog) {
        self.database = database
        self.audit = audit
    }

    /// Writes the standard categories into an empty table, and adds any city agency a newer
    /// version introduced (the 1022 operators, utilities) to a database seeded before it.
    public func seedIfEmpty(at now: Date) async throws {
        try await database.transaction { session in
            let known = Set(
                try await session.raw("SELECT id FROM agencies WHERE unit_code IS NULL").all()
                    .map { try $0.decode(column: "id", as: String.self) })
            for agency in AgencyScheme.cityAgencies where !known.contains(agency.id) {
                try await session.raw(
                    """
                    INSERT INTO agencies (id, name, name_folded, sort_key, kind, unit_code, id_is_official)
                    VALUES (\(bind: agency.id), \(bind: agency.name), \(bind: VietnameseText.fold(agency.name)),
                            \(bind: VietnameseText.sortKey(agency.name)), \(bind: agency.kind.rawValue), NULL, \(bind: agency.idIsOfficial ? 1 : 0))
                    """
                ).run()
            }
            guard try await session.raw("SELECT code FROM feedback_categories LIMIT 1").first() == nil else { return }
            for (position, category) in StandardCategories.all.enumerated() {
                try await Self.write(category, position: position, at: now, in: session)
            }
        }
    }

    static func write(_ category: FeedbackCategory, position: Int, at now: Date, in session: any SQLDatabase) async throws {
        let json = String(decoding: try StoredJSON.encoder.encode(category), as: UTF8.self)
        try await session.raw("DELETE FROM feedback_categories WHERE code = \(bind: category.code)").run()
        try await session.raw(
            """
            INSERT INTO feedback_categories (code, position, definition, updated_at)
            VALUES (\(bind: category.code), \(bind: position), \(bind: json), \(bind: now.millis))
            """
        ).run()
    }

    /// Every category in display order; `activeOnly` for the citizens' form and Open311.
    public func categories(activeOnly: Bool = false) async throws -> [FeedbackCategory] {
        let rows = try await database.sql.raw("SELECT definition FROM feedback_categories ORDER BY position, code").all()
        let all = try rows.map {
            try StoredJSON.decoder.decode(FeedbackCategory.self, from: Data(try $0.decode(column: "definition", as: String.self).utf8))
        }
        return activeOnly ? all.filter(\.active) : all
    }

    public func category(_ code: String) async throws -> FeedbackCategory {
        guard let row = try await database.sql.raw("SELECT definition FROM feedback_categories WHERE code = \(bind: code)").first() else {
            throw FeedbackError.unknownCategory(code)
        }
        return try StoredJSON.decoder.decode(FeedbackCategory.self, from: Data(try row.decode(column: "definition", as: String.self).utf8))
    }

    /// Creates or replaces a category (its code is its identity). A named agency must exist.
    public func save(_ category: FeedbackCategory, by actor: Principal?, at now: Date) async throws {
        try category.validate()
        if let agencyId = category.responsible.agencyId,
            try await database.sql.raw("SELECT id FROM agencies WHERE id = \(bind: agencyId)").first() == nil
        {
            throw ValidationError(field: "agencyId", "Không có cơ quan «\(agencyId)».")
        }
        try await database.transaction { session in
            let existing = try await session.raw("SELECT position FROM feedback_categories WHERE code = \(bind: category.code)").first()
            let position: Int
            if let existing {
                position = try existing.decode(column: "position", as: Int.self)
            } else {
                position = try await session.raw("SELECT COALESCE(MAX(position), -1) + 1 AS next FROM feedback_categories").first()!
                    .decode(column: "next", as: Int.self)
            }
            try await Self.write(category, position: position, at: now, in: session)
            try await audit.append(
                AuditEvent(
                    existing == nil ? "feedback.category.create" : "feedback.category.update",
                    "feedback_category", category.code,
                    "\(category.name) · \(category.forwardMinutes) phút · \(category.answerDays) ngày làm việc"),
                by: actor, at: now, in: session)
        }
    }

    public func rules() async throws -> [RoutingRule] {
        try await database.sql.raw("SELECT * FROM feedback_rules ORDER BY id").all().map { row in
            RoutingRule(
                id: try row.decode(column: "id", as: Int.self), categoryCode: try row.decode(column: "category_code", as: String?.self),
                unitCode: try row.decode(column: "unit_code", as: String?.self),
                agencyId: try row.decode(column: "agency_id", as: String.self), note: try row.decode(column: "note", as: String.self))
        }
    }

    /// Adds a rule, or replaces the one with the same category and unit.
    public func addRule(_ rule: RoutingRule, knownUnits: Set<String>, by actor: Principal?, at now: Date) async throws -> RoutingRule {
        var check = Validator()
        check.require(rule.categoryCode != nil || rule.unitCode != nil, "categoryCode", "Quy tắc cần ít nhất một lĩnh vực hoặc một đơn vị.")
        if let unit = rule.unitCode { check.require(knownUnits.contains(unit), "unitCode", "Không có đơn vị «\(unit)».") }
        if let code = rule.categoryCode {
            check.require(
                try await database.sql.raw("SELECT code FROM feedback_categories WHERE code = \(bind: code)").first() != nil,
                "categoryCode", "Không có lĩnh vực «\(code)».")
        }
        check.require(
            try await database.sql.raw("SELECT id FROM agencies WHERE id = \(bind: rule.agencyId)").first() != nil,
            "agencyId", "Không có cơ quan «\(rule.agencyId)».")
        check.require(rule.note.count <= 300, "note", "Ghi chú dài quá 300 ký tự.")
        try check.check()
        return try await database.transaction { session in
            try await session.raw(
                """
                DELETE FROM feedback_rules WHERE COALESCE(category_code, '') = \(bind: rule.categoryCode ?? "")
                AND COALESCE(unit_code, '') = \(bind: rule.unitCode ?? "")
                """
            ).run()
            let id = try await session.raw(
                """
                INSERT INTO feedback_rules (category_code, unit_code, agency_id, note, created_at)
                VALUES (\(bind: rule.categoryCode), \(bind: rule.unitCode), \(bind: rule.agencyId), \(bind: rule.note), \(bind: now.millis))
                RETURNING id
                """
            ).first()!.decode(column: "id", as: Int.self)
            try await audit.append(
                AuditEvent(
                    "feedback.rule.create", "feedback_rule", String(id),
                    "\(rule.categoryCode ?? "*") · \(rule.unitCode ?? "*") → \(rule.agencyId)"),
                by: actor, at: now, in: session)
            var saved = rule
            saved.id = id
            return saved
        }
    }

    public func deleteRule(_ id: Int, by actor: Principal?, at now: Date) async throws {
        try await database.transaction { session in
            guard try await session.raw("SELECT id FROM feedback_rules WHERE id = \(bind: id)").first() != nil else {
                throw NotFoundError("routing_rule", String(id))
            }
            try await session.raw("DELETE FROM feedback_rules WHERE id = \(bind: id)").run()
            try await audit.append(AuditEvent("feedback.rule.delete", "feedback_rule", String(id)), by: actor, at: now, in: session)
        }
    }

    /// The router in force: rules, each unit's UBND, the operators' queue.
    public func router() async throws -> ReportRouter {
        let committees = try await database.sql.raw(
            "SELECT id, unit_code FROM agencies WHERE kind = \(bind: AgencyKind.unitPeoplesCommittee.rawValue)"
        ).all()
        var byUnit: [String: String] = [:]
        for row in committees {
            if let unit = try row.decode(column: "unit_code", as: String?.self) { byUnit[unit] = try row.decode(column: "id", as: String.self) }
        }
        return ReportRouter(rules: try await rules(), unitCommittees: byUnit, operatorsAgencyId: AgencyScheme.operators1022Id)
    }
}
