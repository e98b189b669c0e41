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
    /// The last bytes of the previous chunk, upper-cased, so a declaration cut in two is found.
    private var carry: [UInt8] = []
    private static let needles = ["<!DOCTYPE", "<!ENTITY"].map { Array($0.utf8) }
    private static let overlap = needles.map(\.count).max()! - 1

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
        var window = carry
        window.reserveCapacity(carry.count + bytes.count)
        for byte in bytes { window.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte) }
        for needle in Self.needles where Self.find(needle, in: window) { throw EdXMLReader.declarations }
        carry = Array(window.suffix(Self.overlap))
        try handle.write(contentsOf: Data(bytes))
    }

    /// Closes the file for reading.
    public func finish() throws { try handle.close() }

    public func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }

    static func find(_ needle: [UInt8], in window: [UInt8]) -> Bool {
        guard window.count >= needle.count else { return false }
        var index = 0
        let last = window.count - needle.count
        while index <= last {
            if window[index] == needle[0], window[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
