import Foundation
@testable import HaiCapStorage
import Testing

/// The reference-file reader (CSV.swift underneath): rows keyed by the header, RFC 4180 quoting,
/// BOM and CRLF, and a wrong row named by the line an editor shows.
@Suite("CSV reference files")
struct CSVTableTests {
    @Test("quoted fields hold commas, doubled quotes and line breaks; rows are keyed by the header")
    func quoting() throws {
        let table = try CSVTable(text: "code,name,note\n26737,\"Phường Tân Định, TP.HCM\",\"dòng 1\ndòng 2 \"\"trích\"\"\"\n26743,Bến Thành,\n")
        #expect(table.header == ["code", "name", "note"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0] == ["code": "26737", "name": "Phường Tân Định, TP.HCM", "note": "dòng 1\ndòng 2 \"trích\""])
        #expect(table.rows[1] == ["code": "26743", "name": "Bến Thành", "note": ""])
    }

    @Test("a byte-order mark is not part of the first column's name; CRLF line ends leave no CR in any value")
    func bomAndCRLF() throws {
        let table = try CSVTable(text: "\u{FEFF}code,name\r\n26737,Tân Định\r\n\r\n26743,\"Bến\r\nThành\"\r\n")
        #expect(table.header == ["code", "name"])
        #expect(table.rows.map { $0["code"] } == ["26737", "26743"])
        #expect(table.rows[0]["name"] == "Tân Định")
        #expect(table.rows[1]["name"] == "Bến\r\nThành")  // inside quotes the line break is data, kept as sent
    }

    @Test("a row with the wrong number of fields is an error naming its line, counting the lines of a quoted field before it")
    func wrongFieldCount() throws {
        #expect(throws: CSVTable.Problem.self) { try CSVTable(text: "") }
        do {
            _ = try CSVTable(text: "code,name\n1,\"hai\ndòng\"\n\n2,ba,bốn\n")
            Issue.record("a short row was accepted")
        } catch {
            #expect(error.line == 5)
            #expect(error.description == "dòng 5: có 3 cột, cần 2")
        }
        do {
            _ = try CSVTable(text: "code,name\r\n1\r\n")
            Issue.record("a short row was accepted")
        } catch {
            #expect(error.description == "dòng 2: có 1 cột, cần 2")
        }
    }

    @Test("the shipped reference files still load whole")
    func referenceFiles() throws {
        let reference = try ReferenceFiles.load()
        #expect(reference.units.count == 168)
        #expect(reference.oldWards.count == 441)
        #expect(reference.successions.count == 493)
    }
}
