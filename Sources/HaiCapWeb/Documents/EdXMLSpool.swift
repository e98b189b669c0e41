import Foundation
import HaiCapDomain

/// An edXML request body written to a temporary file as it arrives, so that a 20 MB envelope is
/// never collected in memory: the size limit and the refusal of DOCTYPE and ENTITY declarations
/// are checked chunk by chunk (a declaration split across two chunks is still seen), and the
/// file is parsed from disk by `EdXMLReader.message(spooled:)`. The file is removed by `remove()`.
public struct EdXMLSpool {
    public let url: URL
    private let handle: FileHandle
    public private(set) var size = 0
    /// The last bytes of the previous chunk, so a declaration cut in two is found.
    private var carry = Data()
    private static let overlap = "<!DOCTYPE".utf8.count - 1

    public init(directory: URL = FileManager.default.temporaryDirectory) throws {
        url = directory.appendingPathComponent("haicap-edxml-\(UUID().uuidString).xml")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        handle = try FileHandle(forWritingTo: url)
    }

    /// Writes one chunk; a body over the limit is 413 as before, a document type or entity
    /// declaration the reader's own 400.
    public mutating func append(_ bytes: some Collection<UInt8>) throws {
        size += bytes.count
        guard size <= EdXMLReader.maxEnvelope else { throw UploadTooLarge(part: .body, limit: EdXMLReader.maxEnvelope) }
        let chunk = Data(bytes)
        // The reader's own case-insensitive scan, over the chunk and the tail of the one before.
        let window = carry + chunk
        if EdXMLReader.contains(window, "<!DOCTYPE") || EdXMLReader.contains(window, "<!ENTITY") { throw EdXMLReader.declarations }
        carry = Data(window.suffix(Self.overlap))
        try handle.write(contentsOf: chunk)
    }

    /// Closes the file for reading.
    public func finish() throws { try handle.close() }

    public func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
