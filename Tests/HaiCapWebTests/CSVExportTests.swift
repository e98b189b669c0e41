import Foundation
import HTTPTypes
import HaiCapDomain
@testable import HaiCapStorage
import HaiCapTestSupport
@testable import HaiCapWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The one CSV writer of the downloads, and the 1022 staff list's export: its content, the
/// list's ward scope, and the same refusals as the list.
@Suite("CSV exports: the writer, the 1022 list, the dossier queue")
struct CSVExportTests {
    @Test("the writer quotes commas, quotes and line breaks, ends every row, and a download defuses formula cells")
    func writer() throws {
        let text = try CSVExport.text([["Số", "Nội dung"], ["1", "Ổ gà, \"sâu\"\ngiữa đường"], ["2", ""]], lineEnd: .crlf)
        #expect(text == "Số,Nội dung\r\n1,\"Ổ gà, \"\"sâu\"\"\ngiữa đường\"\r\n2,\r\n")
        #expect(try CSVExport.text(header: ["lat", "lon"], [["10.5", "106.7"]].lazy) == "lat,lon\n10.5,106.7\n")
        #expect(try CSVExport.text([[String]]()) == "")
        #expect(CSVExport.defused("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")")
        #expect(["+1", "-1", "@SUM(A1)", "\tx"].map(CSVExport.defused) == ["'+1", "'-1", "'@SUM(A1)", "'\tx"])
        #expect(CSVExport.defused("Phường 14") == "Phường 14")
        // What the writer wrote, the reader reads back.
        let table = try CSVTable(text: text)
        #expect(table.rows.map { $0["Nội dung"] } == ["Ổ gà, \"sâu\"\ngiữa đường", ""])
    }

    @Test(
        "1022 list as CSV: Vietnamese headers, dd/MM/yyyy HH:mm, a ward official gets only the ward's reports, the list's filters apply, anonymous is refused as the list is"
    )
    func reportList() async throws {
        try await WebHarness.run { harness, client in
            let services = harness.services
            let now = services.clock.now()
            let tanDinh = try #require(services.reference.unitsByCode["26737"])
            let benThanh = try #require(services.reference.unitsByCode["26743"])
            let ours = try await services.reports.submit(
                FeedbackTests.draft(
                    lat: tanDinh.latitude, lon: tanDinh.longitude,
                    description: "Đèn đường hỏng, \"tối om\"\nđoạn trước nhà số 12 Hai Bà Trưng"),
                by: nil, at: now
            ).report
            let theirs = try await services.reports.submit(FeedbackTests.draft(lat: benThanh.latitude, lon: benThanh.longitude), by: nil, at: now)
                .report

            func csv(_ query: String, as username: String?) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/feedback?format=csv&\(query)", method: .get,
                    headers: try await harness.browser(username), body: nil)
            }
            let ward = try await csv("queue=all", as: "lanhdao.tandinh")
            #expect(ward.status == .ok)
            #expect(ward.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(ward.headers[.contentDisposition] == "attachment; filename=\"phan-anh-1022.csv\"")
            #expect(
                ward.text.hasPrefix(
                    "\u{FEFF}Số,Lĩnh vực,Nội dung,Địa chỉ,\"Phường, xã\",Cơ quan xử lý,Người xử lý,Kênh,Trạng thái,"
                        + "Ngày nhận,Hạn trả lời,Ngày trả lời,Quá hạn\r\n"))
            let rows = try CSVTable(text: ward.text).rows
            #expect(rows.map { $0["Số"] } == [String(ours.id)])
            let row = try #require(rows.first)
            #expect(row["Nội dung"] == ours.description)
            #expect(row["Phường, xã"] == ours.unitName && ours.unitName != nil)
            #expect(row["Cơ quan xử lý"] == ours.agencyName)
            #expect(row["Trạng thái"] == ours.status.label)
            #expect(row["Ngày nhận"] == "23/11/2025 09:00")
            #expect(row["Hạn trả lời"] == CalendarInput.display(ours.due))
            #expect(row["Hạn trả lời"]?.wholeMatch(of: /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/) != nil)
            #expect(row["Ngày trả lời"] == "" && row["Quá hạn"] == "")
            #expect(!ward.text.contains("0903123456") && !ward.text.contains("Nguyễn Văn An"))

            // The operators see the whole city; the list's filters narrow the export as they narrow the list.
            let city = try CSVTable(text: try await csv("queue=all", as: "tongdai1022").text).rows
            #expect(Set(city.compactMap { $0["Số"] }) == [String(ours.id), String(theirs.id)])
            let filtered = try CSVTable(text: try await csv("queue=all&unit=26743", as: "tongdai1022").text).rows
            #expect(filtered.map { $0["Số"] } == [String(theirs.id)])
            let otherCategory = try CSVTable(text: try await csv("queue=all&category=cay-xanh", as: "tongdai1022").text).rows
            #expect(otherCategory.isEmpty)
            #expect(try await csv("queue=khong-co", as: "tongdai1022").status == .badRequest)

            // Refused exactly as the list is: anonymous 401 (the page sends the browser to the login), no permission 403.
            #expect(try await csv("queue=all", as: nil).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/feedback?queue=all", method: .get).status == .unauthorized)
            let page = try await client.execute(uri: "/xu-ly-phan-anh", method: .get)
            #expect(page.status == .seeOther && page.headers[.location]?.hasPrefix("/dang-nhap") == true)
            #expect(try await csv("queue=all", as: "hcdc").status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/feedback", method: .get, headers: try await harness.browser("hcdc")).status == .forbidden)

            // The list page links to the export with its filters.
            let list = try await client.execute(
                uri: "/xu-ly-phan-anh?queue=all&q=%C4%91%C3%A8n", method: .get,
                headers: try await harness.browser("lanhdao.tandinh"))
            #expect(list.status == .ok)
            #expect(list.text.contains("href=\"/api/v1/feedback?format=csv&amp;limit=500&amp;queue=all&amp;q=%C4%91%C3%A8n\">Tải CSV</a>"))
        }
    }

    @Test("the dossier queue's export keeps its columns, BOM and CRLF through the shared writer")
    func dossierQueue() async throws {
        try await WebHarness.run { harness, client in
            let response = try await client.execute(
                uri: "/api/v1/dossiers?format=csv&limit=1000&queue=all", method: .get,
                headers: try await harness.browser("motcua.tandinh"))
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"ho-so.csv\"")
            #expect(response.text.hasPrefix("\u{FEFF}Mã hồ sơ,Thủ tục,Người nộp,Số định danh,Kênh,Trạng thái,Ngày nộp,Hẹn trả,Quá hạn\r\n"))
            #expect(try await client.execute(uri: "/api/v1/dossiers?format=csv", method: .get).status == .unauthorized)
            let page = try await client.execute(uri: "/mot-cua?q=Tr%E1%BA%A7n", method: .get, headers: try await harness.browser("motcua.tandinh"))
            #expect(page.text.contains("href=\"/api/v1/dossiers?format=csv&amp;queue="))
            #expect(page.text.contains("q=Tr%E1%BA%A7n\">Xuất CSV</a>"))
        }
    }
}
