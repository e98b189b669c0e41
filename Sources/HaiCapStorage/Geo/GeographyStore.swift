import Foundation
import HaiCapDomain
import SQLKit
import Synchronization

/// The unit areas in force: the official boundaries once an administrator has imported a
/// complete file, the derived approximation until then. Kept in memory (routing needs it on
/// every report) and swapped whole when a file is imported.
public final class GeographyStore: Sendable {
    let database: Database
    let reference: ReferenceData
    private let current: Mutex<Geography>

    public init(database: Database, reference: ReferenceData) async throws {
        self.database = database
        self.reference = reference
        // The stamp is taken before the read: an import in between shows up at the next look.
        seen = Mutex(try await Self.stamp(database))
        current = Mutex(try await Self.load(database: database, reference: reference))
    }

    public var geography: Geography { current.withLock { $0 } }

    static func load(database: Database, reference: ReferenceData) async throws -> Geography {
        let rows = try await database.sql.raw("SELECT unit_code, geojson, source, imported_at FROM unit_boundaries").all()
        guard rows.count == reference.units.count, let first = rows.first else { return try approximate(reference) }
        var byCode: [String: MultiPolygon] = [:]
        for row in rows {
            let code = try row.decode(column: "unit_code", as: String.self)
            let features = try GeoJSON.features(from: Data(try row.decode(column: "geojson", as: String.self).utf8))
            byCode[code] = MultiPolygon(features.flatMap(\.geometry.polygons))
        }
        let source = try first.decode(column: "source", as: String.self)
        let when = Date(millis: try first.decode(column: "imported_at", as: Int64.self))
        return Geography(
            shapes: reference.units.compactMap { unit in byCode[unit.code].map { (unit.code, $0) } },
            isApproximate: false, source: "\(source), nạp lúc \(VietnamTime.iso(when))")
    }

    // Derivation takes about a second in a debug build; the inputs are the shipped files, so one
    // result serves every store in the process (tests build many).
    private static let derived = Mutex<Geography?>(nil)

    /// Unit areas derived from the centroids (see `ApproximateBoundaries`).
    public static func approximate(_ reference: ReferenceData) throws -> Geography {
        if let cached = derived.withLock({ $0 }) { return cached }
        let places = try ReferenceFiles.oldWardPlaces()
        var sites = reference.units.map { ApproximateBoundaries.Site(unitCode: $0.code, point: GeoPoint(lat: $0.latitude, lon: $0.longitude)) }
        for place in places {
            guard let ward = reference.oldWardsByAnyCode[place.code] else { continue }
            let successors = reference.successions(of: ward)
            guard let successor = successors.first(where: \.isDefault) ?? successors.first else { continue }
            sites.append(.init(unitCode: successor.newUnitCode, point: place.centroid))
        }
        var land = places.map(\.box)
        // Units whose centre lies in no old ward's box (Côn Đảo has no wards at all) get a square
        // of their own area around the centre.
        for unit in reference.units {
            let centre = GeoPoint(lat: unit.latitude, lon: unit.longitude)
            guard !land.contains(where: { $0.contains(centre) }) else { continue }
            let half = max(500, unit.areaKm2.squareRoot() * 500)
            land.append(BoundingBox(around: centre).expanded(byMetres: half))
        }
        let anchors = reference.units.map { ApproximateBoundaries.Site(unitCode: $0.code, point: GeoPoint(lat: $0.latitude, lon: $0.longitude)) }
        let shapes = ApproximateBoundaries.derive(sites: sites, land: land, anchors: anchors)
        let geography = Geography(
            shapes: shapes.map { (code: $0.0, shape: $0.1) }, isApproximate: true,
            source: "Ranh giới gần đúng, suy ra từ tâm của 168 đơn vị và 441 phường, xã cũ")
        derived.withLock { $0 = geography }
        return geography
    }

    /// Result of an import, for the administrator.
    public struct ImportSummary: Sendable, Codable {
        public let units: Int
        public let polygons: Int
        public let source: String
    }

    /// Loads official boundaries: one feature per unit (its code in `properties.code`, `ma`,
    /// `unit_code` or the feature id), all 168 present, closed rings, positions in the city's
    /// region. Anything wrong refuses the whole file with the reason; nothing is written.
    public func importBoundaries(
        _ data: Data, source: String, by actor: Principal?, at now: Date,
        audit: AuditLog
    ) async throws -> ImportSummary {
        let features: [GeoFeature]
        do {
            features = try GeoJSON.features(from: data)
        } catch {
            throw ValidationError(field: "file", error.message)
        }
        var byCode: [String: GeoFeature] = [:]
        var problems: [FieldProblem] = []
        let region = BoundingBox(minLat: 8.0, minLon: 105.5, maxLat: 12.0, maxLon: 108.0)
        for (index, feature) in features.enumerated() {
            let code = ["code", "ma", "unit_code", "MA", "CODE"].compactMap { feature.properties[$0] }.first ?? feature.id
            guard let code, !code.isEmpty else {
                problems.append(FieldProblem(field: "features[\(index)]", message: "Thiếu mã đơn vị (properties.code)."))
                continue
            }
            guard reference.unitsByCode[code] != nil else {
                problems.append(FieldProblem(field: "features[\(index)]", message: "Mã đơn vị «\(code)» không thuộc 168 đơn vị của Thành phố."))
                continue
            }
            guard byCode[code] == nil else {
                problems.append(FieldProblem(field: "features[\(index)]", message: "Đơn vị «\(code)» xuất hiện hai lần."))
                continue
            }
            if let box = feature.geometry.bbox, !region.contains(box) {
                problems.append(
                    FieldProblem(
                        field: "features[\(index)]",
                        message: "Toạ độ của đơn vị «\(code)» nằm ngoài khu vực Thành phố: tệp phải dùng WGS84, thứ tự [kinh độ, vĩ độ]."))
                continue
            }
            byCode[code] = feature
        }
        let missing = reference.units.map(\.code).filter { byCode[$0] == nil }
        if !missing.isEmpty, problems.isEmpty || missing.count < reference.units.count {
            let names = missing.prefix(8).map { "\($0) \(reference.unitsByCode[$0]?.name ?? "")" }.joined(separator: ", ")
            problems.append(
                FieldProblem(field: "file", message: "Thiếu ranh giới của \(missing.count) đơn vị: \(names)\(missing.count > 8 ? ", …" : "")."))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }

        let rows = reference.units.map { unit in
            (
                unit.code,
                GeoJSON.featureCollection([GeoFeature(id: unit.code, properties: ["code": unit.code], geometry: byCode[unit.code]!.geometry)])
            )
        }
        let summary = ImportSummary(units: rows.count, polygons: byCode.values.reduce(0) { $0 + $1.geometry.polygons.count }, source: source)
        try await database.transaction { session in
            try await session.raw("DELETE FROM unit_boundaries").run()
            for chunk in rows.chunked(50) {
                let insert = session.insert(into: "unit_boundaries").columns("unit_code", "geojson", "source", "imported_at")
                for (code, json) in chunk { insert.values(SQLBind(code), SQLBind(json), SQLBind(source), SQLBind(now.millis)) }
                try await insert.run()
            }
            try await audit.append(
                AuditEvent("boundaries.import", "unit_boundaries", "168", "\(source): \(summary.polygons) vùng"),
                by: actor, at: now, in: session)
        }
        let geography = Geography(
            shapes: reference.units.map { ($0.code, byCode[$0.code]!.geometry) }, isApproximate: false,
            source: "\(source), nạp lúc \(VietnamTime.iso(now))")
        current.withLock { $0 = geography }
        let stamp = try await Self.stamp(database)
        seen.withLock { $0 = stamp }
        return summary
    }

    /// Re-reads the boundaries in force (another instance may have imported a file).
    public func reload() async throws {
        let geography = try await Self.load(database: database, reference: reference)
        current.withLock { $0 = geography }
    }

    /// What the table held when this store last read it: rows and latest import.
    private let seen: Mutex<String>

    static func stamp(_ database: Database) async throws -> String {
        let row = try await database.sql.raw("SELECT COUNT(*) AS n, MAX(imported_at) AS at FROM unit_boundaries").first()
        return "\(try row?.decode(column: "n", as: Int.self) ?? 0)/\(try row?.decode(column: "at", as: Int64?.self) ?? 0)"
    }

    /// Reloads when the stored boundaries changed since the last look (an import by the command
    /// line or by another server); one small query otherwise. Returns whether it reloaded.
    @discardableResult
    public func reloadIfChanged() async throws -> Bool {
        let stamp = try await Self.stamp(database)
        let previous = seen.withLock { value -> String in
            defer { value = stamp }
            return value
        }
        guard previous != stamp else { return false }
        try await reload()
        return true
    }
}
