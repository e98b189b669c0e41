import Foundation
import HaiCapTestSupport
import Testing
@testable import HaiCapDomain

@Suite("Uploaded images are rebuilt without metadata; what does not parse is refused")
struct ImageCleanerTests {
    static let jpeg = ImageFixtures.jpegWithMetadata
    static let png = ImageFixtures.pngWithMetadata

    static func contains(_ data: Data, _ text: String) -> Bool { data.range(of: Data(text.utf8)) != nil }

    @Test("JPEG: EXIF, GPS, comment and IPTC are gone; the picture's bytes from the scan on are kept")
    func jpegMetadata() throws {
        for text in ["PhoneModel", "Exif", "secret comment", "Photoshop", "Ha Noi"] { #expect(Self.contains(Self.jpeg, text)) }
        let cleaned = try #require(ImageCleaner.clean(Self.jpeg))
        #expect(cleaned.kind == .jpeg)
        for text in ["PhoneModel", "PhoneMaker", "Exif", "secret comment", "Photoshop", "Ha Noi", "JFIF"] {
            #expect(!Self.contains(cleaned.data, text), "\(text) survived")
        }
        let scan = try #require(Self.jpeg.range(of: Data([0xFF, 0xDA])))
        #expect(cleaned.data.suffix(Self.jpeg.count - scan.lowerBound) == Self.jpeg[scan.lowerBound...])
        #expect(cleaned.data.range(of: Data([0xFF, 0xC0])) != nil)
        let photo = ReportPhoto(name: "a.jpg", data: Self.jpeg)
        #expect(photo.isReadable && photo.contentType == "image/jpeg" && photo.data == cleaned.data)
    }

    @Test("JPEG: bytes after the end of the image are dropped; a cut or malformed file is refused")
    func jpegMalformed() throws {
        let trailing = Self.jpeg + Data("<script>alert(1)</script>".utf8)
        #expect(try #require(ImageCleaner.clean(trailing)).data == ImageCleaner.clean(Self.jpeg)?.data)
        #expect(ImageCleaner.clean(Self.jpeg.prefix(Self.jpeg.count / 2)) == nil)
        #expect(ImageCleaner.clean(Data([0xFF, 0xD8, 0xFF, 0xE1, 0x7F, 0xFF, 0x00])) == nil)
        let broken = ReportPhoto(name: "b.jpg", data: Data([0xFF, 0xD8, 0xFF, 0xE1, 0x7F, 0xFF, 0x00]))
        #expect(!broken.isReadable)
        #expect(throws: ValidationError.self) { try ReportPhoto.validate([broken]) }
    }

    @Test("JPEG: a metadata segment placed between scans (as in progressive files) is dropped too")
    func jpegMetadataBetweenScans() throws {
        let end = try #require(Self.jpeg.range(of: Data([0xFF, 0xD9]), options: .backwards))
        let hidden: [UInt8] = [0xFF, 0xE1, 0x00, 0x10] + Array("Exif\0\0Secret!!".utf8)
        let crafted = Self.jpeg[..<end.lowerBound] + Data(hidden) + Data([0xFF, 0xD9])
        let cleaned = try #require(ImageCleaner.clean(crafted))
        #expect(!Self.contains(cleaned.data, "Secret"))
        #expect(cleaned.data == ImageCleaner.clean(Self.jpeg)?.data)
    }

    @Test("PNG: text, international text and eXIf chunks are gone; IHDR, IDAT and IEND kept")
    func pngMetadata() throws {
        for text in ["tEXt", "iTXt", "eXIf", "PhoneModel", "GPS"] { #expect(Self.contains(Self.png, text)) }
        let cleaned = try #require(ImageCleaner.clean(Self.png))
        #expect(cleaned.kind == .png)
        for text in ["tEXt", "iTXt", "eXIf", "PhoneModel", "GPS", "Author"] { #expect(!Self.contains(cleaned.data, text), "\(text) survived") }
        for chunk in ["IHDR", "IDAT", "IEND"] { #expect(Self.contains(cleaned.data, chunk)) }
    }

    @Test("PNG: a wrong checksum, a cut file or a missing IHDR is refused")
    func pngMalformed() {
        var corrupt = Self.png
        corrupt[corrupt.count - 20] ^= 0xFF
        #expect(ImageCleaner.clean(corrupt) == nil)
        #expect(ImageCleaner.clean(Self.png.prefix(40)) == nil)
        #expect(ImageCleaner.clean(Data(ImageCleaner.pngSignature) + Data([0, 0, 0, 0]) + Data("IEND".utf8) + Data([0xAE, 0x42, 0x60, 0x82])) == nil)
        #expect(ImageCleaner.clean(Data("MZ not an image".utf8)) == nil)
    }
}
