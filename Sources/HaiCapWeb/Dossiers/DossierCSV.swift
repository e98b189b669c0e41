import Foundation
import HaiCapDomain
import Hummingbird

/// One page of the dossier queue as CSV (`GET /api/v1/dossiers?format=csv`), the queue page's
/// "Xuất CSV" link. Times stay ISO 8601 with the +07:00 offset, as in the JSON.
enum DossierCSV {
    static let header = ["Mã hồ sơ", "Thủ tục", "Người nộp", "Số định danh", "Kênh", "Trạng thái", "Ngày nộp", "Hẹn trả", "Quá hạn"]

    static func response(_ items: [Dossier], now: Date) throws -> Response {
        var export = CSVExport(filename: "ho-so.csv", header: header)
        for d in items {
            export.append([d.code, d.procedureName, d.details.applicant.name, d.details.applicant.idNumber, d.channel.label, d.status.label,
                           CalendarInput.iso(d.submittedAt), d.due.map(CalendarInput.iso) ?? "", d.isOverdue(at: now) ? "Có" : ""])
        }
        return try export.response()
    }
}
