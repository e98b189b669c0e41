import Foundation
import HaiCapDomain

/// Dates and instants as the calendar API and pages accept and print them.
enum CalendarInput {
    /// `YYYY-MM-DD`, or a validation error naming the field.
    static func date(_ text: String?, field: String) throws(ValidationError) -> LocalDate {
        guard let text, let date = LocalDate(iso: text), VietnamTime.readableYears.contains(date.year) else {
            throw ValidationError(field: field, "Ngày phải có dạng YYYY-MM-DD trong khoảng năm 1900–2199, ví dụ 2025-01-24.")
        }
        return date
    }

    /// An ISO 8601 instant for a deadline clock (start, pause, new due date). Without an offset it
    /// is read as Vietnam time (UTC+7); a bare date is read as the start of that day. Years outside
    /// `WorkCalendar.supportedYears` are refused here, where they enter.
    static func instant(_ text: String?, field: String) throws(ValidationError) -> Date {
        guard let raw = text?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            throw ValidationError(field: field, "Thiếu thời điểm (ISO 8601, ví dụ 2025-01-24T14:59:00+07:00).")
        }
        guard let date = VietnamTime.parseInstant(raw) else {
            throw ValidationError(field: field, "«\(raw.prefix(40))» không phải thời điểm ISO 8601 (ví dụ 2025-01-24T14:59:00+07:00).")
        }
        guard WorkCalendar.supports(date) else { throw ValidationError(field: field, DeadlineError.outOfRange.message) }
        return date
    }

    /// ISO 8601 with the Vietnam offset, e.g. `2025-02-05T17:00:00+07:00`.
    static func iso(_ date: Date) -> String { VietnamTime.iso(date) }

    /// `dd/MM/yyyy HH:mm`, the way slips print it.
    static func display(_ date: Date) -> String {
        let (day, minutes) = VietnamTime.components(date)
        return String(format: "%02d/%02d/%04d %02d:%02d", day.day, day.month, day.year, minutes / 60, minutes % 60)
    }

    static func weekdayName(_ date: LocalDate) -> String {
        ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][date.weekday - 1]
    }

    static func kindLabel(_ kind: HolidayKind) -> String {
        switch kind {
        case .statutory: "Nghỉ lễ, Tết theo Bộ luật Lao động"
        case .observed: "Nghỉ bù (ngày lễ trùng ngày nghỉ hằng tuần)"
        case .tetExtra: "Nghỉ bù trong dịp Tết"
        case .announcedOff: "Nghỉ hoán đổi theo thông báo của Chính phủ"
        }
    }

    static func reason(_ reason: SkippedDay.Reason) -> (kind: String, text: String) {
        switch reason {
        case .weekend: ("weekend", "Ngày nghỉ hằng tuần")
        case .holiday(let name, let kind): (kind.rawValue, name)
        case .paused: ("paused", "Tạm dừng tính thời hạn (chờ bổ sung)")
        }
    }
}
