import Foundation

/// What an official supplies with an action; which fields matter depends on the action.
public struct ActionInput: Sendable {
    public var note: String
    public var assigneeId: Int?
    /// Mẫu 02 / yêu cầu bổ sung: every missing or faulty item.
    public var items: [String]
    public var reason: String
    /// Mẫu 04: the new appointment.
    public var newDue: Date?
    /// Liên thông or transfer: the other agency.
    public var agencyId: String?
    public var resultNumber: String
    public var resultFile: IntakeRequest.File?
    public var returnMethod: ReturnMethod?
    public var rating: Int?
    public var amount: Int?

    public init(
        note: String = "", assigneeId: Int? = nil, items: [String] = [], reason: String = "", newDue: Date? = nil,
        agencyId: String? = nil, resultNumber: String = "", resultFile: IntakeRequest.File? = nil,
        returnMethod: ReturnMethod? = nil, rating: Int? = nil, amount: Int? = nil
    ) {
        self.note = note
        self.assigneeId = assigneeId
        self.items = items
        self.reason = reason
        self.newDue = newDue
        self.agencyId = agencyId
        self.resultNumber = resultNumber
        self.resultFile = resultFile
        self.returnMethod = returnMethod
        self.rating = rating
        self.amount = amount
    }

    /// The fields each action needs, checked before anything is read or written.
    public func validate(for action: DossierAction, now: Date) throws(ValidationError) {
        var check = Validator()
        let items = self.items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let reason = self.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        check.require(note.count <= 4000, "note", "Ghi chú tối đa 4000 ký tự.")
        check.require(self.reason.count <= 4000, "reason", "Lý do tối đa 4000 ký tự.")
        switch action {
        case .requestCompletion, .requestSupplement:
            check.require(!items.isEmpty, "items", "Liệt kê đầy đủ, một lần, các giấy tờ cần bổ sung (mỗi dòng một mục).")
        case .refuse, .reject, .stop, .withdraw:
            check.require(!reason.isEmpty, "reason", "Phải nêu rõ lý do.")
        case .apologize:
            check.require(newDue.map { $0 > now } ?? false, "newDue", "Ngày hẹn trả mới phải sau thời điểm hiện tại.")
            check.require(!reason.isEmpty, "reason", "Phiếu xin lỗi (Mẫu 04) phải nêu lý do quá hạn.")
        case .consult, .transfer:
            check.require(agencyId.map { !$0.isEmpty } ?? (action == .transfer), "agencyId", "Chọn cơ quan nhận.")
        case .sign:
            let number = resultNumber.trimmingCharacters(in: .whitespaces)
            check.require((1...50).contains(number.count), "resultNumber", "Nhập số, ký hiệu của kết quả (tối đa 50 ký tự).")
            if let file = resultFile {
                check.require(file.data.count <= IntakeRequest.maxFileBytes, "resultFile", "Tệp kết quả lớn hơn 10 MB.")
                check.require(!file.data.isEmpty, "resultFile", "Tệp kết quả rỗng.")
                check.require(IntakeRequest.allowedTypes.contains(file.contentType), "resultFile", "Tệp kết quả phải là PDF, JPEG hoặc PNG.")
            }
        case .return:
            check.require(returnMethod != nil, "returnMethod", "Chọn hình thức trả kết quả: tại quầy, bưu chính hoặc trực tuyến.")
            check.require(rating.map { Satisfaction.range.contains($0) } ?? true, "rating", "Mức hài lòng là 1, 2 hoặc 3.")
        case .requestPayment:
            check.require(amount.map { (0...1_000_000_000).contains($0) } ?? true, "amount", "Số tiền phải từ 0 đến 1 tỷ đồng.")
        default: break
        }
        try check.check()
    }
}
