import Foundation
import HaiCapDomain
import SQLKit

/// Many reports written straight into the table (no timeline, no clocks), for benchmarks of the
/// read paths at city scale: a year of reports spread over the 168 units and the categories,
/// a tenth still open. Deterministic.
public struct FeedbackBenchData: Sendable {
    let database: Database
    let reference: ReferenceData

    public init(database: Database, reference: ReferenceData) {
        self.database = database
        self.reference = reference
    }

    public func insert(
        count: Int, categories: [FeedbackCategory], committees: [String: (id: String, name: String)], now: Date,
        progress: ((Int) -> Void)? = nil
    ) async throws {
        var random = SeededGenerator(seed: 311)
        let units = reference.units
        let columns = [
            "category_code", "category_name", "description", "search_text", "lat", "lon", "address", "unit_code", "unit_name",
            "agency_id", "agency_name", "agency_unit_code", "status", "open", "running", "channel", "reporter", "attributes", "token_hash",
            "received_at", "forward_due_at", "forwarded_at", "due_at", "updated_at", "answer", "answered_at", "answered_on_time",
            "boundary_approximate"
        ]
        let year = 365.0 * 86_400
        var written = 0
        while written < count {
            let batch = min(500, count - written)
            var rows: [[SQLBind]] = []
            rows.reserveCapacity(batch)
            for index in 0..<batch {
                let unit = units[Int(random.next() % UInt64(units.count))]
                let category = categories[Int(random.next() % UInt64(categories.count))]
                let received = now.addingTimeInterval(-Double(random.next() % UInt64(year)))
                let open = random.next() % 10 == 0
                let committee = committees[unit.code] ?? (id: AgencyScheme.operators1022Id, name: "Tổng đài 1022")
                let lat = unit.latitude + (Double(random.next() % 2000) - 1000) / 1_000_000
                let lon = unit.longitude + (Double(random.next() % 2000) - 1000) / 1_000_000
                let text = "Phản ánh thử nghiệm số \(written + index): \(category.name.lowercased()) tại \(unit.name)"
                let answered = received.addingTimeInterval(Double(1 + random.next() % 8) * 86_400)
                let due = received.addingTimeInterval(7 * 86_400)
                rows.append([
                    SQLBind(category.code), SQLBind(category.name), SQLBind(text), SQLBind(VietnameseText.fold(text)),
                    SQLBind(lat), SQLBind(lon), SQLBind(nil as String?), SQLBind(unit.code), SQLBind(unit.name),
                    SQLBind(committee.id), SQLBind(committee.name), SQLBind(unit.code),
                    SQLBind(open ? ReportStatus.inProgress.rawValue : ReportStatus.answered.rawValue), SQLBind(open ? 1 : 0), SQLBind(open ? 1 : 0),
                    SQLBind(ReportChannel.open311.rawValue), SQLBind("{\"anonymous\":true}"), SQLBind("{}"),
                    SQLBind(SecretDigest.of("bench-\(written + index)-\(random.next() % 1_000_000)")),
                    SQLBind(received.millis), SQLBind(received.addingTimeInterval(300).millis), SQLBind(received.millis),
                    SQLBind(due.millis), SQLBind((open ? received : answered).millis),
                    SQLBind(open ? nil : "Đã xử lý xong." as String?), SQLBind(open ? nil : answered.millis as Int64?),
                    SQLBind(open ? nil : (answered <= due ? 1 : 0) as Int?), SQLBind(1)
                ])
            }
            let batchRows = rows
            try await database.transaction { session in
                let insert = session.insert(into: "feedback_reports").columns(columns)
                for row in batchRows { insert.values(row) }
                try await insert.run()
            }
            written += batch
            if written % 100_000 == 0 { progress?(written) }
        }
    }
}
