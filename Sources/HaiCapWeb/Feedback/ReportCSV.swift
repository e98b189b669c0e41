import Foundation
import HaiCapDomain
import Hummingbird

/// The 1022 staff list as CSV (up to `CSVExport.maxRows`) (`GET /api/v1/feedback?format=csv`), the queue page's
/// "Tải CSV" link: the list's own query, scope and order. Times as slips print them
/// (dd/MM/yyyy HH:mm, Vietnamese time). The reporter's name and phone stay out: a spreadsheet
/// travels further than the case page.
enum ReportCSV {
    static let header = [
        "Số", "Lĩnh vực", "Nội dung", "Địa chỉ", "Phường, xã", "Cơ quan xử lý", "Người xử lý", "Kênh", "Trạng thái",
        "Ngày nhận", "Hạn trả lời", "Ngày trả lời", "Quá hạn"
    ]

    static func response(_ items: [Report], now: Date) throws -> Response {
        var export = CSVExport(filename: "phan-anh-1022.csv", header: header)
        for report in items {
            export.append([
                String(report.id), report.categoryName, report.description, report.address ?? "", report.unitName ?? "",
                report.agencyName, report.assigneeName ?? "", report.channel.label, report.status.label,
                CalendarInput.display(report.receivedAt), CalendarInput.display(report.due),
                report.answeredAt.map(CalendarInput.display) ?? "", report.isOverdue(at: now) ? "Có" : ""
            ])
        }
        return try export.response()
    }
}
