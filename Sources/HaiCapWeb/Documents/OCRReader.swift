import Foundation
import HaiCapDomain
import HaiCapStorage
import Logging

/// Reads the text of a scan with the machine's own tools: a PDF's text layer with `pdftotext`
/// (poppler-utils) when it has one, otherwise its pages rendered by `pdftoppm` and read by
/// tesseract with the Vietnamese model (`tesseract-ocr-vie`); pictures go to tesseract directly.
/// Each tool runs in a scratch folder with a time limit, and the folder is removed afterwards.
public struct OCRReader: Sendable {
    public struct Failure: Error, Sendable {
        public let message: String
    }

    /// Tesseract's language models, in order of preference ("vie+eng" reads English words better).
    public var languages = "vie"
    /// Longest run of one tool on one file.
    public var timeoutSeconds = 300
    /// A scanned PDF is read up to this many pages (a register book, not a library).
    public var maxPages = 60
    /// Resolution of the pages rendered for OCR.
    public var dpi = 200

    public init() {}

    /// The text and the engine that read it ("pdftotext" or "tesseract").
    public func read(_ data: Data, contentType: String) async throws -> (text: String, engine: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-ocr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        switch contentType {
        case "application/pdf":
            let input = folder.appendingPathComponent("scan.pdf")
            try data.write(to: input)
            let layer = folder.appendingPathComponent("layer.txt")
            try await run("pdftotext", ["-enc", "UTF-8", input.path, layer.path], package: "poppler-utils", in: folder)
            let text = (try? String(contentsOf: layer, encoding: .utf8)) ?? ""
            // A scanned PDF has no text layer, or only a few stray characters in it.
            if text.filter({ $0.isLetter }).count >= 40 { return (text, "pdftotext") }
            try await run(
                "pdftoppm", ["-r", String(dpi), "-gray", "-png", "-l", String(maxPages), input.path, folder.appendingPathComponent("page").path],
                package: "poppler-utils", in: folder)
            let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }
                .sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }
            var texts: [String] = []
            for page in pages { texts.append(try await tesseract(folder.appendingPathComponent(page), in: folder)) }
            return (texts.joined(separator: "\n\n"), "tesseract")
        case "image/png", "image/jpeg", "image/tiff":
            let input = folder.appendingPathComponent("scan." + (contentType == "image/png" ? "png" : contentType == "image/jpeg" ? "jpg" : "tif"))
            try data.write(to: input)
            return (try await tesseract(input, in: folder), "tesseract")
        default:
            throw Failure(message: "Không đọc chữ được từ tệp loại \(contentType).")
        }
    }

    private func tesseract(_ image: URL, in folder: URL) async throws -> String {
        let base = folder.appendingPathComponent("out-\(UUID().uuidString)")
        try await run("tesseract", [image.path, base.path, "-l", languages], package: "tesseract-ocr và tesseract-ocr-vie", in: folder)
        return (try? String(contentsOf: base.appendingPathExtension("txt"), encoding: .utf8)) ?? ""
    }

    /// Runs a tool under `timeout` (coreutils); its output goes to files, so nothing is read from
    /// pipes that could fill up.
    private func run(_ tool: String, _ arguments: [String], package: String, in folder: URL) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["timeout", String(timeoutSeconds), tool] + arguments
        process.standardOutput = FileHandle.nullDevice
        let errorPath = folder.appendingPathComponent("\(tool)-\(UUID().uuidString).err").path
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        guard let errors = FileHandle(forWritingAtPath: errorPath) else { throw Failure(message: "Không tạo được tệp tạm để đọc chữ.") }
        defer { try? errors.close() }
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure(message: "Không chạy được \(tool): \(error.localizedDescription)"))
            }
        }
        let said = String(decoding: (FileManager.default.contents(atPath: errorPath) ?? Data()).prefix(300), as: UTF8.self)
        switch status {
        case 0: return
        case 124: throw Failure(message: "\(tool) chạy quá \(timeoutSeconds) giây.")
        case 126, 127: throw Failure(message: "Máy chủ chưa cài \(tool) (gói \(package)).")
        default: throw Failure(message: "\(tool) báo lỗi \(status): \(said.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}

/// The outbox's `ocr` topic: reads each queued scan and records its text with the document. One
/// scan per claim, with a lease long enough for a thick PDF, so that instances share the work.
public struct OCRWorker: OutboxDeliverer {
    let documents: DocumentStore
    let reader: OCRReader
    public let store: Outbox
    public let clock: any HaiCapDomain.Clock
    public let logger: Logger

    public init(documents: DocumentStore, reader: OCRReader = OCRReader(), outbox: Outbox, clock: any HaiCapDomain.Clock, logger: Logger) {
        self.documents = documents
        self.reader = reader
        self.store = outbox
        self.clock = clock
        self.logger = logger
    }

    public var topic: String { DocumentText.topic }
    public var claimLimit: Int { 1 }
    public var lease: TimeInterval { Double(reader.timeoutSeconds * 2 + 60) }

    public func deliver(_ message: OutboxMessage) async -> OutboxDelivery {
        guard let job = try? JSONDecoder().decode(DocumentText.Job.self, from: Data(message.payload.utf8)) else {
            return .failed("Yêu cầu đọc chữ không hợp lệ")
        }
        do {
            // Gone, or read already (a retry after the text was recorded): nothing left to do.
            guard let scan = try await documents.scan(job.fileId) else { return .delivered }
            do {
                let (text, engine) = try await reader.read(scan.data, contentType: scan.contentType)
                try await documents.recordText(scan, text: text, engine: engine, at: clock.now())
                return .delivered
            } catch let failure as OCRReader.Failure {
                try? await documents.recordTextFailure(scan, error: failure.message)
                return .failed(failure.message)
            }
        } catch {
            logger.warning("OCR of file \(job.fileId) failed: \(error)")
            return .failed("Không đọc được chữ: \(error.localizedDescription)")
        }
    }
}
