import Foundation
import HaiCapDomain
import Hummingbird

/// The dossier queue as CSV (`GET /api/v1/dossiers?format=csv`), the queue page's
/// "Xuất CSV" link: every dossier of the queue (up to `CSVExport.maxRows`). Times as slips print
/// them (dd/MM/yyyy HH:mm, Vietnamese time), like the 1022 export.
enum DossierCSV {
    static let header = ["Mã hồ sơ", "Thủ tục", "Người nộp", "Số định danh", "Kênh", "Trạng thái", "Ngày nộp", "Hẹn trả", "Quá hạn"]

    static func response(_ items: [Dossier], now: Date) throws -> Response {
        var export = CSVExport(filename: "ho-so.csv", header: header)
        for d in items {
            export.append([
                d.code, d.procedureName, d.details.applicant.name, d.details.applicant.idNumber, d.channel.label, d.status.label,
                CalendarInput.display(d.submittedAt), d.due.map(CalendarInput.display) ?? "", d.isOverdue(at: now) ? "Có" : ""
            ])
        }
        return try export.response()
    }
}
