import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb
import Logging

/// `haicap bench routing`: point → unit over the 168 units (the boundaries in force: derived
/// ones unless an official file was imported), next to shapely's STRtree on the same polygons
/// and the same points in the same run (bench/routing_shapely.py), answers compared.
struct RoutingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "routing")
    @OptionGroup var options: CommonOptions
    @Option var count = 1_000_000
    @Option var seed: UInt64 = 1022
    @Option(help: "Python with shapely for the baseline (bench/requirements.txt).")
    var python = ProcessInfo.processInfo.environment["HAICAP_BENCH_PYTHON"] ?? "python3"

    func run() async throws {
        let geography = try await withServices(options) { $0.geography.geography }
        let timer = ContinuousClock()
        // Points over the mainland's box: mostly inside some unit, some at sea or in neighbouring provinces.
        let box = CityMaps.mainland(geography)
        var generator = SeededGenerator(seed: seed)
        var points: [GeoPoint] = []
        points.reserveCapacity(count)
        for _ in 0..<count {
            let lat = box.minLat + Double(generator.next() % 1_000_000_000) / 1e9 * box.heightDegrees
            let lon = box.minLon + Double(generator.next() % 1_000_000_000) / 1e9 * box.widthDegrees
            points.append(GeoPoint(lat: lat, lon: lon))
        }
        let codes = geography.shapes.map(\.code)
        var answers = [Int32](repeating: -1, count: count)
        var best = Double.infinity
        for _ in 0..<3 {
            let elapsed = timer.measure {
                for index in 0..<count { answers[index] = Int32(geography.index.entryIndex(containing: points[index]) ?? -1) }
            }
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let inside = answers.filter { $0 >= 0 }.count
        let ours = Double(count) / best
        print(
            "HaiCap PolygonIndex: \(count) điểm (\(inside) trong 168 đơn vị, \(geography.isApproximate ? "ranh giới gần đúng" : "ranh giới chính thức")) trong \(String(format: "%.3f", best)) s = \(Int(ours)) điểm/giây (1 luồng, tốt nhất trong 3 lần)"
        )
        let vertices = geography.vertexCount
        print("Ranh giới: \(geography.shapes.count) đơn vị, \(geography.shapes.reduce(0) { $0 + $1.shape.polygons.count }) vùng, \(vertices) đỉnh")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-routing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try GeoJSON.featureCollection(
            geography.shapes.map { GeoFeature(id: $0.code, properties: ["code": $0.code], geometry: $0.shape) }, exact: true
        )
        .write(to: directory.appendingPathComponent("units.geojson"), atomically: true, encoding: .utf8)
        try CSVExport.text(header: ["lat", "lon"], points.lazy.map { ["\($0.lat)", "\($0.lon)"] })
            .write(to: directory.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
        try CSVExport.text(header: ["code"], answers.lazy.map { [$0 >= 0 ? codes[Int($0)] : ""] })
            .write(to: directory.appendingPathComponent("swift_answers.csv"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "bench/routing_shapely.py", directory.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(output, terminator: "")
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("shapely_points_per_second=") }),
            let theirs = Double(line.dropFirst("shapely_points_per_second=".count))
        else {
            print("Không chạy được mốc shapely (cần: pip install -r bench/requirements.txt).")
            throw ExitCode(1)
        }
        print(
            "So với shapely: HaiCap nhanh gấp \(String(format: "%.1f", ours / theirs)) lần"
                + (process.terminationStatus == 0 ? "" : " (câu trả lời khác nhau, xem trên)"))
        if process.terminationStatus != 0 { throw ExitCode(1) }
    }
}

/// `haicap bench seed-reports`: writes N reports straight into the database of `--data-dir` /
/// `--database-url`, for bench/open311.sh to measure the Open311 list under wrk.
struct SeedReportsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed-reports")
    @OptionGroup var options: CommonOptions
    @Option var count = 1_000_000

    func run() async throws {
        try await withServices(options) { services in
            let existing = try await services.database.sql.raw("SELECT COUNT(*) AS n FROM feedback_reports").first()!.decode(
                column: "n", as: Int.self)
            guard existing < count else {
                print("Đã có \(existing) phản ánh.")
                return
            }
            var committees: [String: (id: String, name: String)] = [:]
            for agency in try await services.agencies.list(kind: .unitPeoplesCommittee, limit: 1000).items {
                if let unit = agency.unitCode { committees[unit] = (agency.id, agency.name) }
            }
            let started = Date()
            try await FeedbackBenchData(database: services.database, reference: services.reference)
                .insert(
                    count: count - existing, categories: try await services.feedbackCatalogue.categories(), committees: committees,
                    now: services.clock.now()
                ) { print("… \($0)") }
            try await services.database.refreshStatistics()
            print("Đã ghi \(count - existing) phản ánh trong \(Int(Date().timeIntervalSince(started))) s.")
        }
    }
}
