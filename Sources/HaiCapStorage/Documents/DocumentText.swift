import Foundation
import HaiCapDomain
import SQLKit

/// The recognised text of a document's scans. A scan (PDF, JPEG, PNG, TIFF) stored with a
/// document waits as `pending` with a message on the outbox's `ocr` topic; the OCR worker reads it
/// (`pdftotext` for a PDF's own text layer, tesseract for pictures) and records the text here,
/// which makes it searchable; a failure is recorded and retried by the outbox.
public enum DocumentText {
    public static let topic = "ocr"
    /// The types OCR reads.
    public static let scanTypes: Set<String> = ["application/pdf", "image/jpeg", "image/png", "image/tiff"]
    /// Recognised text kept per file, and folded text per document in the index (a 300-page scan
    /// reads to about a million characters; what is past this is not searchable).
    public static let maxFileText = 400_000
    public static let maxDocumentText = 400_000

    public enum State: String, Sendable {
        case pending, done, failed
    }

    /// What the OCR worker is asked to read.
    public struct Job: Codable, Sendable, Equatable {
        public var fileId: Int
    }

    /// A scan waiting to be read.
    public struct Scan: Sendable {
        public let fileId: Int
        public let documentId: Int
        public let name: String
        public let contentType: String
        public let data: Data
    }
}

extension DocumentStore {
    /// Stores files with a document; scans are queued for OCR.
    func storeFiles(_ files: [EdXMLEnvelope.Attachment], of id: Int, at now: Date, in session: any SQLDatabase) async throws {
        for file in files {
            let scan = DocumentText.scanTypes.contains(file.contentType)
            let row = try await session.raw(
                """
                INSERT INTO document_files (document_id, name, content_type, description, size, sha256, data, created_at, text_state)
                VALUES (\(bind: id), \(bind: String(file.name.prefix(200))), \(bind: String(file.contentType.prefix(200))),
                        \(bind: String(file.description.prefix(500))), \(bind: file.data.count), \(bind: SecretDigest.of(data: file.data)),
                        \(bind: file.data), \(bind: now.millis), \(bind: scan ? DocumentText.State.pending.rawValue : nil))
                RETURNING id
                """
            ).first()
            guard scan, let fileId = try row?.decode(column: "id", as: Int.self) else { continue }
            let payload = String(decoding: try JSONEncoder().encode(DocumentText.Job(fileId: fileId)), as: UTF8.self)
            try await Outbox(database: database).enqueue(
                topic: DocumentText.topic, destination: "ocr", for: CaseRef(.document, String(id)), payload: { _ in payload }, at: now,
                in: session)
        }
    }

    /// A scan to read; nil when it is gone or already read.
    public func scan(_ fileId: Int) async throws -> DocumentText.Scan? {
        guard
            let row = try await database.sql.raw(
                """
                SELECT id, document_id, name, content_type, data FROM document_files
                WHERE id = \(bind: fileId) AND text_state = \(bind: DocumentText.State.pending.rawValue)
                """
            ).first()
        else { return nil }
        return DocumentText.Scan(
            fileId: fileId, documentId: try row.decode(column: "document_id", as: Int.self), name: try row.decode(column: "name", as: String.self),
            contentType: try row.decode(column: "content_type", as: String.self), data: try row.decode(column: "data", as: Data.self))
    }

    /// Records what OCR read from a scan, refreshes the document's searchable text and notes it on
    /// its timeline, in one transaction.
    public func recordText(_ scan: DocumentText.Scan, text: String, engine: String, at now: Date) async throws {
        // PostgreSQL text holds no NUL; a PDF's text layer may.
        let kept = String(text.replacingOccurrences(of: "\0", with: "").prefix(DocumentText.maxFileText))
        try await database.transaction { session in
            try await session.raw(
                """
                UPDATE document_files SET text_state = \(bind: DocumentText.State.done.rawValue), text_engine = \(bind: engine),
                    recognised_text = \(bind: kept), text_error = NULL
                WHERE id = \(bind: scan.fileId)
                """
            ).run()
            let texts = try await session.raw(
                """
                SELECT recognised_text FROM document_files WHERE document_id = \(bind: scan.documentId)
                AND text_state = \(bind: DocumentText.State.done.rawValue) ORDER BY id
                """
            ).all().map { try $0.decode(column: "recognised_text", as: String?.self) ?? "" }
            let folded = String(VietnameseText.fold(texts.joined(separator: "\n")).prefix(DocumentText.maxDocumentText))
            try await session.raw("UPDATE documents SET file_text = \(bind: folded) WHERE id = \(bind: scan.documentId)").run()
            try await reindex(scan.documentId, in: session)
            // Counted as the file list counts it (LENGTH of the stored text).
            let characters = kept.count
            try await timeline.append(
                TimelineEvent(
                    CaseRef(.document, String(scan.documentId)), at: now, actorUserId: nil, actorName: "Nhận dạng chữ (OCR)", action: "ocr",
                    fromState: nil, toState: nil,
                    note: "Đã đọc chữ tệp «\(scan.name)»: \(VietnameseNumber.grouped(characters)) ký tự, tìm kiếm được.", isPublic: false),
                in: session)
        }
    }

    /// A scan that could not be read this time (the outbox retries it).
    public func recordTextFailure(_ scan: DocumentText.Scan, error: String) async throws {
        try await database.sql.raw(
            "UPDATE document_files SET text_error = \(bind: String(error.prefix(500))) WHERE id = \(bind: scan.fileId)"
        ).run()
    }

    /// A file's recognised text (for its page).
    public func recognisedText(_ fileId: Int, of id: Int) async throws -> String? {
        try await database.sql.raw(
            "SELECT recognised_text FROM document_files WHERE id = \(bind: fileId) AND document_id = \(bind: id)"
        ).first()?.decode(column: "recognised_text", as: String?.self)
    }
}
