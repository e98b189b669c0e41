import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb

/// `haicap bench documents`: incoming registrations per second through the case ledger, one clerk
/// at a time and 16 at once, next to one-stop intake (the same ledger, clock and numbering) in the
/// same run; then an edXML envelope of about 20 MB read and registered, its time and the peak
/// memory it took, next to the baseline of merely reading the file into memory.
struct DocumentBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "documents")
    @Option(help: "Số văn bản vào sổ mỗi lượt đo.") var count = 400
    @Option(help: "Cỡ gói edXML (MB).") var edxmlMegabytes = 20
    @Option(help: "PostgreSQL (mặc định: SQLite trong thư mục tạm).") var databaseURL: String?

    func run() async throws {
        let now = VietnamTime.date(2026, 11, 23, 9, 0)
        try await BenchServices.with(databaseURL: databaseURL, now: now) { services, engine in
            try await registrations(services, engine: engine, now: now)
            try await envelope(services, engine: engine, now: now)
        }
    }

    func registrations(_ services: AppServices, engine: String, now: Date) async throws {
        let timer = ContinuousClock()
        let clerk = try await services.accounts.principal(for: try await services.accounts.find(username: "vanthu.tandinh")!)
        let officer = try await services.accounts.principal(for: try await services.accounts.find(username: "motcua.tandinh")!)
        let counter = Counter()
        func incoming() async -> IncomingInput {
            let number = await counter.next()
            return IncomingInput(
                fromOrganId: "000.00.02.H29", fromOrganName: "Sở Nội vụ", codeNumber: String(number), codeNotation: "SNV-CCVC",
                issuedDate: LocalDate(year: 2026, month: 11, day: 20), type: .congVan, subject: "Về việc tuyển dụng công chức cấp xã (\(number))",
                signerName: "Nguyễn Văn Nội")
        }
        let request = IntakeRequest(
            procedureCode: "2.000815", agencyId: nil, channel: .direct,
            applicant: Applicant(name: "Người nộp", idNumber: "079301000123", phone: "0912345678"),
            components: [SubmittedComponent(code: "BC", name: "BC", form: .scanned)], decision: .receive)
        let perClient = max(count / 16, 1)
        func rate(_ n: Int, _ duration: Duration) -> Int { Int(Double(n) / BenchServices.seconds(duration)) }
        // Alternating, best of two, so that neither side gets the warmer database.
        var ours = (sequential: 0, concurrent: 0)
        var theirs = (sequential: 0, concurrent: 0)
        for _ in 0..<2 {
            let sequential = try await timer.measure {
                for _ in 0..<count { _ = try await services.documents.registerIncoming(await incoming(), by: clerk, at: now) }
            }
            let concurrent = try await timer.measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<16 {
                        group.addTask {
                            for _ in 0..<perClient { _ = try await services.documents.registerIncoming(await incoming(), by: clerk, at: now) }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            ours = (max(ours.sequential, rate(count, sequential)), max(ours.concurrent, rate(perClient * 16, concurrent)))
            let intakeSequential = try await timer.measure {
                for _ in 0..<count { _ = try await services.dossiers.intake(request, by: officer, at: now) }
            }
            let intakeConcurrent = try await timer.measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<16 {
                        group.addTask { for _ in 0..<perClient { _ = try await services.dossiers.intake(request, by: officer, at: now) } }
                    }
                    try await group.waitForAll()
                }
            }
            theirs = (
                max(theirs.sequential, rate(count, intakeSequential)), max(theirs.concurrent, rate(perClient * 16, intakeConcurrent))
            )
        }
        print(
            "[\(engine)] vào sổ văn bản đến: tuần tự \(ours.sequential)/giây, 16 luồng \(ours.concurrent)/giây; "
                + "mốc tiếp nhận hồ sơ một cửa (cùng sổ cái): tuần tự \(theirs.sequential)/giây, 16 luồng \(theirs.concurrent)/giây")
    }

    func envelope(_ services: AppServices, engine: String, now: Date) async throws {
        let clerk = try await services.accounts.principal(for: try await services.accounts.find(username: "vanthu.tandinh")!)
        // Attachments of random bytes after a PDF header: about three quarters of the file once in base64.
        var random = SeededGenerator(seed: 20)
        let raw = edxmlMegabytes * 1024 * 1024 * 3 / 4
        let parts = 4
        var attachments: [EdXMLEnvelope.Attachment] = []
        for index in 0..<parts {
            var data = Data("%PDF-1.4\n".utf8)
            data.reserveCapacity(raw / parts)
            while data.count < raw / parts {
                var word = random.next()
                withUnsafeBytes(of: &word) { data.append(contentsOf: $0) }
            }
            attachments.append(
                .init(
                    contentId: "cid:\(index + 1)", contentType: "application/pdf", description: "Phụ lục \(index + 1)", name: "pl-\(index + 1).pdf",
                    data: data))
        }
        let envelope = EdXMLEnvelope(
            from: .init(organId: "000.00.02.H29", organName: "Sở Nội vụ"), to: [.init(organId: clerk.agencyId, organName: "Ủy ban nhân dân phường")],
            documentId: "000.00.02.H29,2026/11/20,99999/SNV-CCVC", codeNumber: "99999", codeNotation: "SNV-CCVC", place: "Thành phố Hồ Chí Minh",
            promulgationDate: LocalDate(year: 2026, month: 11, day: 20), typeName: "Công văn", subject: "Về việc gửi hồ sơ quy hoạch (gói lớn)",
            signerPosition: "Giám đốc", signerName: "Nguyễn Văn Nội",
            traces: [.init(organId: "000.00.02.H29", timestamp: "2026-11-20T09:00:00+07:00")],
            attachments: attachments)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-bench-\(UUID().uuidString).edxml")
        try EdXMLWriter.write(envelope).write(to: file)
        attachments = []
        defer { try? FileManager.default.removeItem(at: file) }
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0

        // The baseline holds the file once on the heap (a copy: Foundation maps a large file, and
        // mapped pages are not the memory an envelope in a request body costs).
        var checksum: UInt8 = 0
        let baseline = try Memory.peakGrowth { checksum = [UInt8](try Data(contentsOf: file)).reduce(0, &+) }
        let timer = ContinuousClock()
        var elapsed = Duration.zero
        let ours = try await Memory.peakGrowthAsync {
            elapsed = try await timer.measure {
                // As `POST /api/v1/edxml` takes it: spooled to disk in the body's chunks, parsed from there.
                var spool = try EdXMLSpool()
                defer { spool.remove() }
                let reader = try FileHandle(forReadingFrom: file)
                defer { try? reader.close() }
                while let chunk = try reader.read(upToCount: 65_536), !chunk.isEmpty { try spool.append(chunk) }
                try spool.finish()
                let parsed = try EdXMLReader.read(spooled: spool.url)
                _ = try await services.documents.receive(parsed, by: clerk, at: now)
            }
        }
        func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        print(
            "[\(engine)] gói edXML \(megabytes(size)): đọc và vào sổ \(String(format: "%.2f", BenchServices.seconds(elapsed))) s, "
                + "bộ nhớ đỉnh tăng \(megabytes(ours)) = \(String(format: "%.1f", Double(ours) / Double(size)))× tệp; "
                + "mốc chỉ đọc tệp vào bộ nhớ: \(megabytes(baseline)) = \(String(format: "%.1f", Double(baseline) / Double(size)))×; "
                + "mục tiêu < 3×: \(Double(ours) < 3 * Double(size) ? "đạt" : "KHÔNG ĐẠT") (tổng kiểm \(checksum))")
    }
}

/// Numbers for the registrations (distinct sender numbers, so none is a likely duplicate).
actor Counter {
    var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}

/// The process's peak resident memory (Linux `VmHWM`), reset before a measurement through
/// `/proc/self/clear_refs`, so a step's own peak is read, not the process's history.
enum Memory {
    static func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
        }
        return 0
    }

    static func resetPeak() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }

    static func peakGrowth(_ body: () throws -> Void) throws -> Int {
        resetPeak()
        let before = status("VmRSS")
        try body()
        return max(0, status("VmHWM") - before)
    }

    static func peakGrowthAsync(_ body: () async throws -> Void) async throws -> Int {
        resetPeak()
        let before = status("VmRSS")
        try await body()
        return max(0, status("VmHWM") - before)
    }
}

/// `haicap bench seed-documents`: writes N incoming documents with OCR-like text straight into the
/// database of `--data-dir` / `--database-url`, for bench/search.sh to measure search under wrk.
struct SeedDocumentsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed-documents")
    @OptionGroup var options: CommonOptions
    @Option var count = 1_000_000
    @Option(help: "Văn bản mẫu (văn bản sạch của báo cáo trong shared/seeds).")
    var corpus = "Tests/HaiCapTestSupport/Fixtures/bao-cao-tien-do-chinh-quyen-so-2-cap.txt"

    func run() async throws {
        try await withServices(options) { services in
            let existing = try await services.database.sql.raw("SELECT COUNT(*) AS n FROM documents").first()!.decode(column: "n", as: Int.self)
            guard existing < count else {
                print("Đã có \(existing) văn bản.")
                return
            }
            let text = try String(contentsOfFile: corpus, encoding: .utf8)
            let committees = try await services.agencies.list(kind: .unitPeoplesCommittee, limit: 1000).items
            let started = Date()
            try await DocumentBenchData(database: services.database).insert(count: count - existing, agencies: committees, corpus: text) {
                print("… \($0)")
            }
            try await services.database.refreshStatistics()
            print("Đã ghi \(count - existing) văn bản trong \(Int(Date().timeIntervalSince(started))) s.")
        }
    }
}
