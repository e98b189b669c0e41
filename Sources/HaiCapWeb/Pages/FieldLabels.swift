import Foundation
import HaiCapDomain

/// Field keys (the API's names, kept in errors for machines) as a person reads them next to a field
/// or in a page's list of problems.
enum FieldLabels {
    private static let labels: [String: String] = [
        "name": "Họ và tên", "applicant.name": "Họ và tên người nộp", "idNumber": "Số định danh cá nhân",
        "applicant.idNumber": "Số định danh cá nhân", "phone": "Số điện thoại", "applicant.phone": "Số điện thoại",
        "email": "Email", "applicant.email": "Email", "address": "Địa chỉ", "applicant.address": "Địa chỉ",
        "summary": "Trích yếu", "copies": "Số bản", "procedure": "Thủ tục hành chính", "agency": "Cơ quan",
        "agencyId": "Cơ quan", "components": "Thành phần hồ sơ", "files": "Tệp đính kèm", "file": "Tệp đính kèm",
        "missing": "Giấy tờ cần bổ sung", "reason": "Lý do", "decision": "Kết quả kiểm tra", "note": "Ghi chú",
        "assigneeId": "Người xử lý", "newDue": "Ngày hẹn mới", "returnMethod": "Hình thức trả kết quả",
        "resultNumber": "Số, ký hiệu văn bản kết quả", "resultFile": "Tệp kết quả điện tử", "rating": "Mức hài lòng",
        "amount": "Số tiền", "items": "Các giấy tờ", "token": "Mã riêng", "secret": "Mã tra cứu", "code": "Mã",
        "category": "Lĩnh vực", "categoryCode": "Lĩnh vực", "description": "Nội dung", "lat": "Vĩ độ", "lon": "Kinh độ",
        "long": "Kinh độ", "place": "Vị trí", "photos": "Ảnh", "attribute": "Câu hỏi thêm", "attributes": "Câu hỏi thêm",
        "mergeInto": "Phản ánh gộp vào", "ids": "Phản ánh đã chọn", "codes": "Hồ sơ đã chọn", "action": "Thao tác",
        "username": "Tên đăng nhập", "password": "Mật khẩu", "fullName": "Họ và tên", "role": "Vai trò", "id": "Mã định danh",
        "unit": "Đơn vị hành chính", "unitCode": "Đơn vị hành chính", "kind": "Loại", "workingHours": "Giờ làm việc",
        "source": "Căn cứ", "daysOff": "Ngày nghỉ thêm", "workingDays": "Ngày làm bù", "nationalDayExtra": "Ngày nghỉ kèm Quốc khánh",
        "announcement": "Thông báo", "year": "Năm", "start": "Thời điểm tiếp nhận", "duration": "Thời hạn", "pauses": "Tạm dừng",
        "from": "Từ ngày", "to": "Đến ngày", "validFrom": "Hiệu lực từ ngày", "answerDays": "Số ngày trả lời",
        "forwardMinutes": "Số phút chuyển xử lý", "duplicateRadiusMetres": "Bán kính trùng", "channels": "Kênh nộp",
        "channel": "Kênh nộp", "features": "Ranh giới", "body": "Nội dung", "type": "Loại", "q": "Từ khóa", "queue": "Hàng đợi",
        "page": "Trang", "status": "Trạng thái", "supersedes.id": "Văn bản được cập nhật, thay thế",
        "supersedes.kind": "Hình thức cập nhật, thay thế", "supersedes.reason": "Lý do cập nhật, thay thế"
    ]

    /// "applicant.idNumber" → "Số định danh cá nhân"; "components[2].pages" → "Thành phần hồ sơ";
    /// "file_TK-KS" → "Bản quét"; an unknown key → "Thông tin nhập".
    static func label(_ field: String) -> String {
        if let label = labels[field] { return label }
        // Already words (some handlers name the action the problem belongs to).
        if field.contains(" ") || field.unicodeScalars.contains(where: { $0.value > 127 }) { return field }
        if field.hasPrefix("file_") { return "Bản quét" }
        if field.hasPrefix("form_") || field.hasPrefix("pages_") || field.hasPrefix("reused_") { return "Thành phần hồ sơ" }
        if field.hasPrefix("components[") { return "Thành phần hồ sơ" }
        if field.hasPrefix("files[") { return "Tệp đính kèm" }
        if field.hasPrefix("attribute[") { return "Câu hỏi thêm" }
        if field.hasPrefix("pause") { return "Tạm dừng" }
        return "Thông tin nhập"
    }

    /// Rows for the `problems` partial and the error page: the label (never the key) and the message.
    static func rows(_ problems: [FieldProblem], labels extra: [String: String] = [:]) -> [[String: Any]] {
        problems.map { ["field": extra[$0.field] ?? label($0.field), "message": $0.message, "key": $0.field] }
    }

    /// Messages by field key, for templates that print each problem next to its field (`errors.name`).
    static func byField(_ problems: [FieldProblem]) -> [String: String] {
        var result: [String: String] = [:]
        for problem in problems { result[problem.field] = result[problem.field].map { "\($0) \(problem.message)" } ?? problem.message }
        return result
    }
}
