import Foundation
import HaiCapDomain
import HaiCapStorage

/// Small view helpers shared by the one-stop pages: dates as Vietnamese read them, status badges.
enum DossierViews {
    /// "14:30 24/11/2026".
    static func time(_ date: Date?) -> String {
        guard let date else { return "" }
        let (day, minutes) = VietnamTime.components(date)
        return String(format: "%02d:%02d %02d/%02d/%04d", minutes / 60, minutes % 60, day.day, day.month, day.year)
    }

    static func day(_ date: Date?) -> String {
        guard let date else { return "" }
        let day = VietnamTime.localDate(of: date)
        return String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
    }

    /// "11/12/2026" for a calendar day.
    static func date(_ date: LocalDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }

    /// "11/12/2026" from `2026-12-11` (the API's day form); other text is returned as it is.
    static func date(iso text: String) -> String {
        LocalDate(iso: text).map { date($0) } ?? text
    }

    /// "12.316": Vietnamese groups thousands with a dot.
    static func number(_ value: Int) -> String { VietnameseNumber.grouped(value) }

    /// For `<input type="datetime-local">`.
    static func inputTime(_ date: Date) -> String {
        let (day, minutes) = VietnamTime.components(date)
        return String(format: "%@T%02d:%02d", day.iso, minutes / 60, minutes % 60)
    }

    /// One row of a dossier list.
    static func row(_ dossier: Dossier, now: Date) -> [String: Any] {
        var row: [String: Any] = [
            "code": dossier.code, "href": SitePath.dossier(code: dossier.code).href,
            "applicant": dossier.details.applicant.name, "procedure": dossier.procedureName, "procedureCode": dossier.procedureCode,
            "status": dossier.status.label, "statusKey": dossier.status.rawValue, "channel": dossier.channel.label,
            "submitted": time(dossier.submittedAt), "due": time(dossier.due)
        ]
        if dossier.isOverdue(at: now) { row["overdue"] = true }
        if dossier.status.isWaitingForApplicant { row["paused"] = true }
        if let assignee = dossier.assigneeName { row["assignee"] = assignee }
        return row
    }

    /// "12,34": a decimal with Vietnamese separators (comma for the fraction, dots for thousands).
    static func decimal(_ value: Double, digits: Int = 2) -> String {
        let text = String(format: "%.\(digits)f", value)
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = Int(parts[0]).map(number) ?? String(parts[0])
        return parts.count > 1 ? "\(whole),\(parts[1])" : whole
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f%%", value).replacingOccurrences(of: ".", with: ",")
    }
}
