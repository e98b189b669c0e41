/// A JSON reader that remembers the line of every value, so that an import can say
/// "dòng 12, trường CACHTHUCTHUCHIEN[0].KENH" instead of just "invalid file".
/// Foundation's decoders report a coding path but no line.
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        case object([(String, JSONNode)])
        case array([JSONNode])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    public let line: Int
    public let value: Value

    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var string: String? { if case .string(let s) = value { s } else { nil } }
    public var number: Double? { if case .number(let n) = value { n } else { nil } }
    public var bool: Bool? { if case .bool(let b) = value { b } else { nil } }
    public var array: [JSONNode]? { if case .array(let a) = value { a } else { nil } }
    public var isObject: Bool { if case .object = value { true } else { false } }
}

public struct JSONSyntaxError: Error, Sendable, Equatable {
    public let line: Int
    public let message: String
}

public enum LineJSON {
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let node = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.fail("Có nội dung thừa sau giá trị JSON") }
        return node
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) {
            // A UTF-8 byte-order mark is allowed at the start.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { self.bytes = Array(bytes.dropFirst(3)) } else { self.bytes = bytes }
        }

        func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(line: line, message: message) }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\n"): line += 1; index += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
            guard depth < 64 else { throw fail("JSON lồng quá sâu") }
            guard index < bytes.count else { throw fail("File kết thúc giữa chừng") }
            let startLine = line
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(String, JSONNode)] = []
                skipSpace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return JSONNode(line: startLine, value: .object(members)) }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("Thiếu tên trường (chuỗi trong ngoặc kép)") }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("Thiếu dấu «:» sau tên trường \(key)") }
                    index += 1
                    skipSpace()
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard index < bytes.count else { throw fail("File kết thúc giữa một đối tượng") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return JSONNode(line: startLine, value: .object(members)) }
                    throw fail("Thiếu dấu «,» hoặc «}»")
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [JSONNode] = []
                skipSpace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return JSONNode(line: startLine, value: .array(items)) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw fail("File kết thúc giữa một mảng") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return JSONNode(line: startLine, value: .array(items)) }
                    throw fail("Thiếu dấu «,» hoặc «]»")
                }
            case UInt8(ascii: "\""):
                return JSONNode(line: startLine, value: .string(try string()))
            case UInt8(ascii: "t"): try literal("true"); return JSONNode(line: startLine, value: .bool(true))
            case UInt8(ascii: "f"): try literal("false"); return JSONNode(line: startLine, value: .bool(false))
            case UInt8(ascii: "n"): try literal("null"); return JSONNode(line: startLine, value: .null)
            default:
                return JSONNode(line: startLine, value: .number(try number()))
            }
        }

        mutating func literal(_ word: String) throws(JSONSyntaxError) {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw fail("Giá trị không hợp lệ")
            }
            index += expected.count
        }

        mutating func number() throws(JSONSyntaxError) -> Double {
            let start = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            guard index > start, let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                throw fail("Giá trị không hợp lệ")
            }
            return value
        }

        mutating func string() throws(JSONSyntaxError) -> String {
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\n"): throw fail("Chuỗi chưa đóng ngoặc kép trước khi xuống dòng")
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { throw fail("Chuỗi kết thúc giữa chừng") }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                            throw fail("Mã \\u không hợp lệ")
                        }
                        index += 4
                        var scalarValue = code
                        // A surrogate pair encodes one character outside the basic plane.
                        if (0xD800...0xDBFF).contains(code), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u"),
                            let low = UInt32(String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16),
                            (0xDC00...0xDFFF).contains(low)
                        {
                            scalarValue = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            index += 6
                        }
                        guard let scalar = Unicode.Scalar(scalarValue) else { throw fail("Mã \\u không hợp lệ") }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: out.append(escaped)
                    }
                default: out.append(byte)
                }
            }
            throw fail("Chuỗi chưa đóng ngoặc kép")
        }
    }
}
