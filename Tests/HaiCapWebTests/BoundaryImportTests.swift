import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapTestSupport
import HaiCapWeb
import Testing

/// Official boundaries replace the derived ones only when a file is complete and valid; a bad
/// file changes nothing and says why.
@Suite("Unit boundaries: import")
struct BoundaryImportTests {
    /// A file of all 168 units, from the shapes in force, optionally edited.
    static func file(_ services: AppServices, drop: String? = nil, rename: (String, String)? = nil) -> Data {
        let features = services.geography.geography.shapes.compactMap { entry -> GeoFeature? in
            guard entry.code != drop else { return nil }
            let code = rename.flatMap { $0.0 == entry.code ? $0.1 : nil } ?? entry.code
            return GeoFeature(properties: ["code": code, "ten": "x"], geometry: entry.shape)
        }
        return Data(GeoJSON.featureCollection(features).utf8)
    }

    static func stored(_ services: AppServices) async throws -> Int {
        try await services.database.sql.raw("SELECT COUNT(*) AS n FROM unit_boundaries").first()!.decode(column: "n", as: Int.self)
    }

    @Test("A complete file becomes the official boundaries: routing uses them, the approximate notice goes, a restart keeps them")
    func complete() async throws {
        try await TestDatabase.withServices { services in
            #expect(services.geography.geography.isApproximate)
            let summary = try await services.geography.importBoundaries(
                Self.file(services), source: "ranh-gioi-2025.geojson", by: nil,
                at: services.clock.now(), audit: services.audit)
            #expect(summary.units == 168)
            #expect(!services.geography.geography.isApproximate)
            #expect(services.geography.geography.source.hasPrefix("ranh-gioi-2025.geojson"))
            #expect(try await Self.stored(services) == 168)
            let saigon = services.reference.unitsByCode["26740"]!
            let report = try await services.reports.submit(
                ReportDraft(
                    categoryCode: "chieu-sang", description: "Đèn đường không sáng cả tuần nay", lat: String(saigon.latitude),
                    lon: String(saigon.longitude), anonymous: true, channel: .web), by: nil, at: services.clock.now())
            #expect(report.report.unitCode == "26740")
            #expect(!report.report.boundaryApproximate)
            // Another server on the same database notices the import on its next look.
            let other = try await GeographyStore(database: services.database, reference: services.reference)
            #expect(try await other.reloadIfChanged() == false)
            _ = try await services.geography.importBoundaries(
                Self.file(services), source: "ranh-gioi-2026.geojson", by: nil,
                at: services.clock.now().addingTimeInterval(60), audit: services.audit)
            #expect(try await other.reloadIfChanged() == true)
            #expect(other.geography.source.hasPrefix("ranh-gioi-2026.geojson"))
            // Read back from the database, as a restarted server would.
            let reloaded = try await GeographyStore(database: services.database, reference: services.reference)
            #expect(!reloaded.geography.isApproximate)
            #expect(reloaded.geography.unit(at: GeoPoint(lat: saigon.latitude, lon: saigon.longitude)) == "26740")
        }
    }

    @Test("A missing unit, an unknown code, an open ring or swapped coordinates refuse the whole file and write nothing")
    func refused() async throws {
        try await TestDatabase.withServices { services in
            func refused(_ data: Data, _ expected: String) async throws {
                do {
                    _ = try await services.geography.importBoundaries(
                        data, source: "bad.geojson", by: nil, at: services.clock.now(), audit: services.audit)
                    Issue.record("accepted a bad file (\(expected))")
                } catch let error as ValidationError {
                    #expect(error.message.contains(expected), "\(error.message)")
                }
            }
            try await refused(Self.file(services, drop: "26732"), "Thiếu ranh giới của 1 đơn vị: 26732 Đặc khu Côn Đảo")
            try await refused(Self.file(services, rename: ("26740", "99999")), "«99999» không thuộc 168 đơn vị")
            let open =
                #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"26740"},"geometry":{"type":"Polygon","coordinates":[[[106.69,10.77],[106.71,10.77],[106.71,10.79],[106.69,10.79]]]}}]}"#
            try await refused(Data(open.utf8), "chưa khép kín")
            let swapped =
                #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"26740"},"geometry":{"type":"Polygon","coordinates":[[[10.77,106.69],[10.77,106.71],[10.79,106.71],[10.77,106.69]]]}}]}"#
            try await refused(Data(swapped.utf8), "ngoài phạm vi toạ độ")
            let hanoi =
                #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"26740"},"geometry":{"type":"Polygon","coordinates":[[[105.80,21.00],[105.86,21.00],[105.86,21.05],[105.80,21.00]]]}}]}"#
            try await refused(Data(hanoi.utf8), "WGS84")
            try await refused(Data("không phải JSON".utf8), "JSON")
            #expect(try await Self.stored(services) == 0)
            #expect(services.geography.geography.isApproximate)
        }
    }
}
