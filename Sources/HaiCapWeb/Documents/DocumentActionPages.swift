import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The actions on one document page: each action's form (from what `DocumentStore.offered`
/// allows), the POST that runs it through the ledger, and the multipart attach of scans.
extension DocumentPages {
    func registerActions(_ routes: Routes) {
        routes.post(SitePath.Pattern.documentAction, .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.intParam("id")
            let raw = try context.param("action")
            guard let action = DocumentAction(rawValue: raw) else { throw NotFoundError("page", raw) }
            if action == .attach { return try await attach(request, id: id, context: context) }
            let form = try await FormFields.from(request, context: context)
            var problems: [FieldProblem] = []
            let days = blank(form["days"]).map { Int($0) }
            if let days, days == nil { problems.append(FieldProblem(field: "days", message: "Thời hạn là số ngày làm việc (0–365).")) }
            let replyTo = blank(form["replyTo"]).map { Int($0) }
            if let replyTo, replyTo == nil { problems.append(FieldProblem(field: "replyTo", message: "Nhập mã văn bản trả lời (số).")) }
            if !problems.isEmpty { return try await documentPage(id, context: context, message: nil, problems: problems, status: .badRequest) }
            var input = DocumentActionInput(
                note: blank(form["note"]), leadId: form["leadId"].flatMap { Int($0) }, support: blank(form["support"]),
                instruction: blank(form["instruction"]), days: days ?? nil, replyToId: replyTo ?? nil)
            input.helperId = form["helperId"].flatMap { Int($0) }
            input.subject = form["subject"]
            input.body = form["body"]
            input.codeNumber = form["codeNumber"]
            input.codeNotation = form["codeNotation"]
            input.fromOrganName = form["fromOrganName"]
            if let date = blank(form["issuedDate"]) {
                guard let day = VietnamTime.day(date) else {
                    return try await documentPage(
                        id, context: context, message: nil,
                        problems: [FieldProblem(field: "issuedDate", message: "Ngày ban hành viết dd/mm/yyyy.")], status: .badRequest)
                }
                input.issuedDate = day
            }
            do {
                let document = try await services.documents.act(id, action, input, by: principal, at: services.clock.now())
                var message = "Đã thực hiện: \(action.label)."
                if action == .issue, let number = document.numberAndNotation { message = "Đã cấp số \(number) và phát hành." }
                if action == .register, let arrival = document.arrivalNumber { message = "Đã vào sổ, số đến \(arrival)." }
                return await pages.redirect(SitePath.document(id: id).href, message: message, context: context, now: services.clock.now())
            } catch let error as ValidationError {
                return try await documentPage(id, context: context, message: nil, problems: error.problems, status: .badRequest)
            } catch let error as any HaiCapError where !(error is AccessError) && !(error is NotFoundError) {
                return try await documentPage(
                    id, context: context, message: nil, problems: [FieldProblem(field: action.label, message: error.message)],
                    status: ErrorMiddleware.status(for: error.kind))
            }
        }
    }

    /// Scans added from the document page; OCR reads them in the background.
    func attach(_ request: Request, id: Int, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await MultipartForm.from(request, context: context, limits: DocumentUploads.limits)
        do {
            let files = try DocumentUploads.attachments(try form.files("files"))
            _ = try await services.documents.act(id, .attach, DocumentActionInput(), files: files, by: principal, at: services.clock.now())
            return await pages.redirect(
                SitePath.document(id: id).href,
                message: "Đã đính kèm \(files.count) tệp. Chữ trong bản quét sẽ tìm kiếm được khi đọc xong (thường dưới một phút).",
                context: context, now: services.clock.now())
        } catch let error as ValidationError {
            return try await documentPage(id, context: context, message: nil, problems: error.problems, status: .badRequest)
        } catch let error as any HaiCapError where !(error is AccessError) && !(error is NotFoundError) {
            return try await documentPage(
                id, context: context, message: nil, problems: [FieldProblem(field: "files", message: error.message)],
                status: ErrorMiddleware.status(for: error.kind))
        }
    }

    /// The form of one action the official may take.
    static func form(
        for action: DocumentAction, document: OfficialDocument, staff: [Account], principal: Principal, suggestion: ScanSuggestion? = nil
    ) -> ActionForm {
        let href = SitePath.documentAction(id: document.id, action: action.rawValue).href
        func form(_ heading: String, _ button: String, _ fields: [ActionField]) -> ActionForm {
            ActionForm(key: action.rawValue, heading: heading, button: button, href: href, folded: false, fields: fields)
        }
        let key = action.rawValue
        switch action {
        case .register: return form("Vào sổ văn bản đến", "Vào sổ", [.input("\(key)-note", "note", "Ghi chú", wide: true)])
        case .refuse: return form("Từ chối tiếp nhận", "Từ chối", [.input("\(key)-note", "note", "Lý do", required: true, wide: true)])
        case .assign:
            return form(
                "Phân công xử lý", "Phân công",
                [
                    .select(
                        "\(key)-lead", "leadId", "Người chủ trì",
                        staff.map { .init(value: String($0.id), label: "\($0.fullName) (\($0.role.label))", selected: $0.id == document.leadId) }),
                    .input("\(key)-days", "days", "Thời hạn (ngày làm việc)", type: "number", required: true, value: "10", min: 0, max: 365),
                    .input("\(key)-support", "support", "Đơn vị, người phối hợp", wide: true),
                    .text("\(key)-instruction", "instruction", "Ý kiến chỉ đạo", required: false)
                ])
        case .progress: return form("Cập nhật tiến độ", "Cập nhật", [.text("\(key)-note", "note", "Tiến độ")])
        case .correct:
            // Prefilled with what OCR read off the scan where it read something, else as registered.
            return form(
                suggestion.map { $0.isEmpty ? "Sửa thông tin vào sổ" : "Sửa thông tin vào sổ (gợi ý từ bản quét — kiểm tra trước khi lưu)" }
                    ?? "Sửa thông tin vào sổ", "Lưu thông tin",
                [
                    .input("\(key)-number", "codeNumber", "Số", value: suggestion?.codeNumber ?? document.codeNumber ?? ""),
                    .input("\(key)-notation", "codeNotation", "Ký hiệu", value: suggestion?.codeNotation ?? document.codeNotation ?? ""),
                    .input(
                        "\(key)-date", "issuedDate", "Ngày ban hành (dd/mm/yyyy)",
                        value: (suggestion?.issuedDate ?? document.issuedDate).map { DossierViews.date($0) } ?? ""),
                    .input(
                        "\(key)-organ", "fromOrganName", "Cơ quan ban hành", wide: true, value: suggestion?.organ ?? document.fromOrganName ?? ""),
                    .text("\(key)-subject", "subject", "Trích yếu", value: suggestion?.subject ?? document.subject)
                ])
        case .delegate:
            return form(
                "Giao việc trong đơn vị", "Giao việc",
                [
                    .select(
                        "\(key)-helper", "helperId", "Người được giao",
                        staff.filter { $0.id != document.leadId }.map {
                            .init(value: String($0.id), label: "\($0.fullName) (\($0.role.label))", selected: false)
                        }),
                    .input("\(key)-days", "days", "Thời hạn (ngày làm việc; để trống: hạn của văn bản)", type: "number", min: 0, max: 365),
                    .text("\(key)-note", "note", "Phần việc được giao")
                ])
        case .report: return form("Báo cáo phần việc được giao", "Báo cáo", [.text("\(key)-note", "note", "Kết quả")])
        case .complete:
            return form(
                "Hoàn thành xử lý", "Hoàn thành",
                [
                    .input("\(key)-note", "note", "Kết quả", wide: true),
                    .input("\(key)-reply", "replyTo", "Mã văn bản trả lời (nếu có)", numeric: true)
                ])
        case .revise:
            return form(
                "Sửa dự thảo (giữ lại phiên bản cũ)", "Lưu phiên bản mới",
                [
                    .text("\(key)-subject", "subject", "Trích yếu", value: document.subject),
                    .text("\(key)-body", "body", "Nội dung", rows: 10, value: document.body ?? ""),
                    .input("\(key)-note", "note", "Sửa những gì", wide: true)
                ])
        case .submit: return form("Trình duyệt", "Trình", [.input("\(key)-note", "note", "Ghi chú", wide: true)])
        case .pass: return form("Chuyển lãnh đạo duyệt", "Chuyển", [.input("\(key)-note", "note", "Ý kiến", required: true, wide: true)])
        case .return: return form("Trả lại dự thảo", "Trả lại", [.text("\(key)-note", "note", "Ý kiến sửa")])
        case .sign:
            return form(
                "Ký duyệt", "Ký",
                [.input("\(key)-note", "note", "Chức vụ người ký", wide: true, value: document.signerPosition ?? principal.role.label)])
        case .issue: return form("Cấp số và phát hành", "Cấp số, phát hành", [])
        case .recall: return form("Thu hồi văn bản đã phát hành", "Thu hồi", [.input("\(key)-note", "note", "Lý do", required: true, wide: true)])
        case .comment: return form("Ghi chú", "Lưu", [.input("\(key)-note", "note", "Ghi chú", required: true, wide: true)])
        case .attach:
            return ActionForm(
                key: key, heading: "Đính kèm bản quét", button: "Đính kèm", href: href, multipart: true, folded: false,
                fields: [
                    .input(
                        "\(key)-files", "files", "Bản quét hoặc tệp PDF (tối đa \(DocumentUploads.maxFiles) tệp, mỗi tệp 20 MB)", type: "file",
                        required: true, wide: true, accept: ".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff",
                        multiple: true)
                ])
        }
    }
}
