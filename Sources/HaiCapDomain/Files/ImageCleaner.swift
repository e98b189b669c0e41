import Foundation

/// Uploaded JPEG and PNG images, checked by their bytes and rebuilt without anything but the
/// picture: EXIF and XMP (GPS position, phone model), IPTC, comments, ICC and other APP
/// segments of a JPEG; text, eXIf, time and unknown chunks of a PNG. A file that does not parse
/// as a well-formed JPEG or PNG is refused (`nil`), never kept as uploaded.
public enum ImageCleaner {
    public enum Kind: String, Sendable {
        case jpeg = "image/jpeg", png = "image/png"
    }

    public static func kind(of data: Data) -> Kind? {
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if data.starts(with: pngSignature) { return .png }
        return nil
    }

    /// The cleaned image, or nil when `data` is not a well-formed JPEG or PNG.
    public static func clean(_ data: Data) -> (kind: Kind, data: Data)? {
        switch kind(of: data) {
        case .jpeg: cleanJPEG([UInt8](data)).map { (.jpeg, Data($0)) }
        case .png: cleanPNG([UInt8](data)).map { (.png, Data($0)) }
        case nil: nil
        }
    }

    // MARK: JPEG

    /// Keeps the segments a decoder needs (tables, frame, scans) and the Adobe APP14 marker, whose
    /// few bytes say how CMYK colours are stored; drops every other APPn and COM segment — also
    /// those placed between the scans of a progressive JPEG — and anything after the end marker.
    static func cleanJPEG(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = [0xFF, 0xD8]
        var index = 2
        var sawFrame = false
        var sawScan = false
        while index + 1 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }  // fill bytes
            if marker == 0xD9 {  // end of image: nothing after it is kept
                guard sawScan else { return nil }
                out += [0xFF, 0xD9]
                return out
            }
            guard index + 4 <= bytes.count else { return nil }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { return nil }
            let end = index + 2 + length
            switch marker {
            case 0xDA:
                // Start of scan: its header, then entropy-coded data up to the next real marker.
                guard sawFrame else { return nil }
                sawScan = true
                let next = nextMarker(bytes, from: end)
                out.append(contentsOf: bytes[index..<next])
                index = next
                continue
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                sawFrame = true
                out.append(contentsOf: bytes[index..<end])
            case 0xEE where length >= 7 && Array(bytes[(index + 4)..<(index + 9)]) == Array("Adobe".utf8):
                out.append(contentsOf: bytes[index..<end])
            case 0xE0...0xEF, 0xFE:
                break  // APPn, COM: metadata
            case 0xD8, 0x01, 0xD0...0xD7:
                return nil  // no payload markers here: malformed
            default:
                out.append(contentsOf: bytes[index..<end])  // DQT, DHT, DRI, DNL, …
            }
            index = end
        }
        return nil
    }

    /// The index of the first marker at or after `start` in entropy-coded data, where a 0xFF is
    /// followed by 0x00 (a stuffed byte) or a restart marker (D0–D7) without ending the data;
    /// `bytes.count` when there is none (then the caller finds no end marker and refuses the file).
    static func nextMarker(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 0xFF {
                let next = bytes[index + 1]
                if next != 0x00, next != 0xFF, !(0xD0...0xD7).contains(next) { return index }
            }
            index += 1
        }
        return bytes.count
    }

    // MARK: PNG

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// Chunks that describe pixels and carry no text: everything else is dropped.
    static let keptChunks: Set<String> = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs"]

    static func cleanPNG(_ bytes: [UInt8]) -> [UInt8]? {
        var out = pngSignature
        var index = pngSignature.count
        var first = true
        while index + 12 <= bytes.count {
            let length = Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length <= bytes.count - index - 12 else { return nil }
            let typeBytes = Array(bytes[(index + 4)..<(index + 8)])
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let end = index + 12 + length
            let crc = UInt32(bytes[end - 4]) << 24 | UInt32(bytes[end - 3]) << 16 | UInt32(bytes[end - 2]) << 8 | UInt32(bytes[end - 1])
            guard CRC32.of(bytes[(index + 4)..<(end - 4)]) == crc else { return nil }
            guard !first || type == "IHDR" else { return nil }
            first = false
            if keptChunks.contains(type) { out.append(contentsOf: bytes[index..<end]) }
            if type == "IEND" { return out }
            index = end
        }
        return nil
    }
}

/// CRC-32 (ISO 3309, as PNG uses it).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func of(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
