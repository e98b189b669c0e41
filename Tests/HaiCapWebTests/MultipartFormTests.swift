import Foundation
import HTTPTypes
import HaiCapDomain
import HaiCapTestSupport
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Forms with files, read through multipart-kit's parser: fields and files as sent, limits per
/// part and per body with their statuses, malformed bodies refused.
@Suite("Multipart forms: parts, limits, malformed bodies")
struct MultipartFormTests {
    static let boundary = "----haicapTest7MA4YWxkTrZu0gW"

    /// A body with `fields`, then `files` (input, filename, type, bytes); `closed: false` leaves out the closing delimiter.
    static func body(_ fields: [(String, String)], files: [(String, String, String, Data)] = [], closed: Bool = true) -> ByteBuffer {
        var data = Data()
        for (name, value) in fields {
            data += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, type, bytes) in files {
            data += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
            data += bytes + Data("\r\n".utf8)
        }
        if closed { data += Data("--\(boundary)--\r\n".utf8) }
        return ByteBuffer(bytes: data)
    }

    static let generous = UploadLimits(body: 1 << 20, file: 1 << 16, field: 1 << 16)

    /// Bytes that look like the start of a delimiter, a CR, and every byte value.
    static let scan = Data("%PDF-1.4\r\n--not-the-boundary\r\n\r\n--".utf8) + Data((0...255).map(UInt8.init)) + Data("\r\n-".utf8)

    @Test("a text field keeps its CRLF and its Vietnamese; a file part keeps its name, type and every byte")
    func fieldsAndFiles() throws {
        let body = Self.body(
            [("note", "Dòng một\r\nDòng hai, «có dấu»"), ("_csrf", "abc")],
            files: [("scan", "bản quét; số 1.pdf", "Application/PDF", Self.scan), ("empty", "", "application/octet-stream", Data())])
        let form = try MultipartForm.parse(body, boundary: Self.boundary, limits: Self.generous)
        #expect(form.fields["note"] == "Dòng một\r\nDòng hai, «có dấu»")
        #expect(form.fields["_csrf"] == "abc")
        #expect(form.fields["scan"] == nil)
        let files = try form.files("scan")
        #expect(files.count == 1)
        #expect(files.first?.filename == "bản quét; số 1.pdf")
        #expect(files.first?.contentType == "application/pdf")
        #expect(files.first?.data == Self.scan)
        #expect(try form.files("empty").isEmpty)  // an input left empty sends a nameless, empty file
    }

    @Test("the same body read in chunks of 1 and 7 bytes gives the same form (delimiters split across chunks)")
    func chunked() throws {
        let body = Self.body([("note", "a\r\nb")], files: [("scan", "a.pdf", "application/pdf", Self.scan)])
        for size in [1, 7] {
            let reader = MultipartReader(boundary: Self.boundary, limits: Self.generous)
            var rest = body
            while let chunk = rest.readSlice(length: min(size, rest.readableBytes)), chunk.readableBytes > 0 {
                try reader.read(chunk)
            }
            let form = try reader.finish()
            #expect(form.fields["note"] == "a\r\nb")
            #expect(try form.files("scan").first?.data == Self.scan)
        }
    }

    @Test("a file over the file limit is dropped and named as a 400 for its input; the rest of the form is intact")
    func oversizedFile() throws {
        let limits = UploadLimits(body: 1 << 20, file: 1024, field: 1024)
        let body = Self.body(
            [("name", "Lan")],
            files: [
                ("scan", "lon.pdf", "application/pdf", Data(count: 1025)),
                ("other", "nho.pdf", "application/pdf", Data(count: 1024))
            ])
        let form = try MultipartForm.parse(body, boundary: Self.boundary, limits: limits)
        #expect(form.fields["name"] == "Lan")
        #expect(try form.files("other").first?.data.count == 1024)
        do {
            _ = try form.files("scan")
            Issue.record("an oversized file was handed out")
        } catch {
            #expect(error.problems == [FieldProblem(field: "scan", message: "Tệp «lon.pdf» lớn hơn 1 KB.")])
            #expect(ErrorMiddleware.map(error).status == .badRequest)
        }
    }

    @Test("a text field over its limit and a body over its limit are 413 with the limit named in Vietnamese")
    func oversizedFieldAndBody() throws {
        let limits = UploadLimits(body: 4096, file: 4096, field: 16)
        #expect(throws: UploadTooLarge(part: .field("note"), limit: 16)) {
            try MultipartForm.parse(Self.body([("note", String(repeating: "x", count: 17))]), boundary: Self.boundary, limits: limits)
        }
        let body = Self.body([("note", "ngắn")], files: [("scan", "a.pdf", "application/pdf", Data(count: 4096))])
        do {
            _ = try MultipartForm.parse(body, boundary: Self.boundary, limits: limits)
            Issue.record("a body over the limit was read")
        } catch {
            let mapped = ErrorMiddleware.map(error)
            #expect(mapped.status == .contentTooLarge)
            #expect(mapped.message == "Dữ liệu gửi lên quá lớn (tối đa 4 KB).")
        }
        #expect(ErrorMiddleware.map(UploadTooLarge(part: .field("note"), limit: 1 << 20)).message == "Trường «note» dài quá 1 MB.")
    }

    @Test("the CSRF check reads the token at the head of the form and stops there; a token after the files is still found")
    func csrfField() throws {
        // Whatever follows the token is not read: here a cut, malformed tail.
        var first = Self.body([("_csrf", "tok-1")], files: [("scan", "a.pdf", "application/pdf", Data(count: 200_000))], closed: false)
        first.writeString("rác không phải multipart")
        #expect(try MultipartForm.csrfField(in: first, boundary: Self.boundary) == "tok-1")
        var late = Self.body([("name", "Lan")], files: [("scan", "a.pdf", "application/pdf", Data(count: 200_000))], closed: false)
        late.writeString("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok-2\r\n--\(Self.boundary)--\r\n")
        #expect(try MultipartForm.csrfField(in: late, boundary: Self.boundary) == "tok-2")
        #expect(try MultipartForm.csrfField(in: Self.body([("name", "Lan")]), boundary: Self.boundary) == nil)
    }

    @Test("a multipart type without a usable boundary, a cut body and a body with no part are 400")
    func malformed() throws {
        #expect(try MultipartForm.boundary(of: "application/x-www-form-urlencoded") == nil)
        #expect(try MultipartForm.boundary(of: "multipart/form-data; boundary=\"a b\"") == "a b")
        for type in [
            "multipart/form-data", "multipart/form-data; boundary=", "Multipart/Form-Data; charset=utf-8",
            "multipart/form-data; boundary=\(String(repeating: "b", count: 71))"
        ] {
            #expect(throws: ValidationError.self, "\(type)") { try MultipartForm.boundary(of: type) }
        }
        let cut = Self.body([("note", "a")], files: [("scan", "a.pdf", "application/pdf", Data(count: 10))], closed: false)
        #expect(throws: ValidationError(field: "body", "Biểu mẫu gửi lên bị cắt ngang.")) {
            try MultipartForm.parse(cut, boundary: Self.boundary, limits: Self.generous)
        }
        #expect(throws: ValidationError(field: "body", MultipartForm.malformed)) {
            try MultipartForm.parse(ByteBuffer(string: "name=Lan&phone=0912345678"), boundary: Self.boundary, limits: Self.generous)
        }
        let badHeader = ByteBuffer(string: "--\(Self.boundary)\r\nContent Disposition: x\r\n\r\nv\r\n--\(Self.boundary)--\r\n")
        #expect(throws: ValidationError(field: "body", MultipartForm.malformed)) {
            try MultipartForm.parse(badHeader, boundary: Self.boundary, limits: Self.generous)
        }
    }

    @Test("through the citizens' form: the token read from the body, a field with CRLF kept, a huge field or body is 413, no boundary is 400")
    func throughTheForm() async throws {
        try await WebHarness.run { harness, client in
            let agency = try #require(try await harness.services.accounts.find(username: "motcua.tandinh")).agencyId
            let base = [
                ("_csrf", WebHarness.csrf), ("procedure", "2.000815"), ("agency", agency), ("name", "Trần Thị Thu"),
                ("idNumber", "079301000124"), ("phone", "0912345679")
            ]
            func post(_ type: String, _ body: ByteBuffer, csrfHeader: Bool = true) async throws -> TestResponse {
                var headers = try await harness.browser(nil)
                if !csrfHeader { headers[HTTPField.Name("X-CSRF-Token")!] = nil }
                headers[.contentType] = type
                return try await client.execute(uri: "/nop-ho-so", method: .post, headers: headers, body: body)
            }
            let type = "multipart/form-data; boundary=\(Self.boundary)"

            // The token read from the body (no header), a field with CRLF, a refused file: the form comes back with
            // what was typed. (A scan over 10 MB re-shows it the same way: DossierFormTests.onlineForm.)
            let wrong = Self.body(
                base + [("summary", "Xin cấp bản sao\r\ntrích lục")],
                files: [("file_BC", "virus.exe", "application/x-msdownload", Data("MZ".utf8))])
            let refused = try await post(type, wrong, csrfHeader: false)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("chỉ nhận PDF, JPEG hoặc PNG"))
            #expect(refused.text.contains("value=\"Trần Thị Thu\""))
            #expect(refused.text.contains("value=\"Xin cấp bản sao\r\ntrích lục\""))

            let longField = try await post(type, Self.body(base + [("summary", String(repeating: "a", count: UploadLimits.textField + 1))]))
            #expect(longField.status == .contentTooLarge)
            #expect(longField.text.contains("Trường «summary» dài quá 1 MB."))

            let huge = Self.body(base, files: (1...3).map { ("file_BC", "phan-\($0).pdf", "application/pdf", Data(count: 9 * 1024 * 1024)) })
            let tooMuch = try await post(type, huge)
            #expect(tooMuch.status == .contentTooLarge)
            #expect(tooMuch.text.contains("Dữ liệu gửi lên quá lớn (tối đa 24 MB)."))

            let noBoundary = try await post("multipart/form-data", Self.body(base))
            #expect(noBoundary.status == .badRequest)
            #expect(noBoundary.text.contains("thiếu tham số boundary"))
            #expect(try await DossierFormTests.count(harness) == 0)
        }
    }
}
