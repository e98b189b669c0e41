import Foundation
import HaiCapDomain
import HaiCapStorage

/// Turns API bodies and web forms into domain requests, with one message per wrong field.
enum DossierInput {
    static func channel(_ raw: String?, default value: Channel) throws(ValidationError) -> Channel {
        guard let raw, !raw.isEmpty else { return value }
        guard let channel = Channel(key: raw) else {
            throw ValidationError(field: "channel", "Kênh nộp phải là direct (trực tiếp), online (trực tuyến) hoặc postal (bưu chính).")
        }
        return channel
    }

    static func file(_ body: IntakeBody.FileBody, component: String, field: String) throws(ValidationError) -> IntakeRequest.File {
        guard let data = Data(base64Encoded: body.base64, options: .ignoreUnknownCharacters) else {
            throw ValidationError(field: field, "Tệp «\(body.name)» không phải base64 hợp lệ.")
        }
        return IntakeRequest.File(componentCode: component, name: body.name, contentType: body.contentType.lowercased(), data: data)
    }

    /// Who may create a dossier on which channel: anonymous callers submit online; postal staff by
    /// post; desk officers (and leaders, administrators) at the counter or on a citizen's behalf.
    static func channelAndDecision(_ body: IntakeBody, principal: Principal?) throws -> (Channel, String?) {
        guard let principal else {
            let channel = try channel(body.channel, default: .online)
            guard channel == .online else { throw AccessError.notAuthenticated }
            return (.online, "submit")
        }
        switch principal.role {
        case .postal: return (try channel(body.channel, default: .postal), body.decision ?? "submit")
        case .officer, .leader, .admin: return (try channel(body.channel, default: .direct), body.decision)
        default: throw AccessError.forbidden
        }
    }

    static func intake(_ body: IntakeBody, principal: Principal?, procedure: Procedure?) throws -> IntakeRequest {
        let (channel, decisionText) = try channelAndDecision(body, principal: principal)
        var check = Validator()
        var components: [SubmittedComponent] = []
        var files: [IntakeRequest.File] = []
        let defaultForm: SubmittedComponent.Form = channel == .online ? .uploaded : .scanned
        for (index, item) in (body.components ?? []).enumerated() {
            var form = defaultForm
            if let raw = item.form {
                if let parsed = SubmittedComponent.Form(rawValue: raw) {
                    form = parsed
                } else {
                    check.require(false, "components[\(index)].form", "Hình thức phải là paper, scanned, uploaded, reused hoặc missing.")
                }
            }
            if let fileBody = item.file {
                do { files.append(try file(fileBody, component: item.code, field: "components[\(index)].file")) } catch {
                    check.require(false, "components[\(index)].file", error.message)
                }
            }
            components.append(
                SubmittedComponent(
                    code: item.code, name: item.code, form: form, pages: item.pages ?? 1,
                    reusedFrom: item.reusedFrom))
        }
        try check.check()
        let applicant = Applicant(
            name: VietnameseText.nfc(body.applicant.name.trimmingCharacters(in: .whitespaces)),
            idNumber: body.applicant.idNumber.trimmingCharacters(in: .whitespaces),
            phone: body.applicant.phone.replacingOccurrences(of: " ", with: ""),
            email: body.applicant.email?.trimmingCharacters(in: .whitespaces) ?? "",
            address: VietnameseText.nfc(body.applicant.address ?? ""))
        var request = IntakeRequest(
            procedureCode: body.procedure, agencyId: body.agency, channel: channel, applicant: applicant,
            summary: body.summary ?? "", components: components, files: files, copies: body.copies ?? 1,
            decision: .submitOnly)
        request.decision = try decision(
            decisionText, request: request, procedure: procedure, missing: body.missing ?? [],
            reason: body.reason ?? "", note: body.note ?? "")
        return request
    }

    static func decision(
        _ text: String?, request: IntakeRequest, procedure: Procedure?, missing: [String], reason: String,
        note: String
    ) throws(ValidationError) -> IntakeRequest.Decision {
        switch text {
        case nil, "":
            // The desk's default: receive a complete dossier, list what is missing otherwise.
            if let procedure, !request.missingRequired(procedure).isEmpty {
                return .requestCompletion(items: missing.isEmpty ? request.missingRequired(procedure).map(\.name) : missing, note: note)
            }
            return .receive
        case "receive": return .receive
        case "request-completion": return .requestCompletion(items: missing, note: note)
        case "refuse": return .refuse(reason: reason)
        case "submit": return .submitOnly
        default:
            throw ValidationError(field: "decision", "Quyết định phải là receive, request-completion, refuse hoặc submit.")
        }
    }

    static func action(_ body: ActionBody) throws(ValidationError) -> ActionInput {
        var check = Validator()
        var newDue: Date?
        if let raw = body.newDue {
            do { newDue = try CalendarInput.instant(raw, field: "newDue") } catch { check.require(false, "newDue", error.message) }
        }
        var method: ReturnMethod?
        if let raw = body.returnMethod {
            method = ReturnMethod(rawValue: raw)
            check.require(method != nil, "returnMethod", "Hình thức trả phải là counter, post hoặc online.")
        }
        var resultFile: IntakeRequest.File?
        if let fileBody = body.resultFile {
            do { resultFile = try file(fileBody, component: "", field: "resultFile") } catch { check.require(false, "resultFile", error.message) }
        }
        try check.check()
        return ActionInput(
            note: body.note ?? "", assigneeId: body.assigneeId, items: body.items ?? [], reason: body.reason ?? "",
            newDue: newDue, agencyId: body.agencyId, resultNumber: body.resultNumber ?? "", resultFile: resultFile,
            returnMethod: method, rating: body.rating, amount: body.amount)
    }

    static func date(_ raw: String?, field: String) throws(ValidationError) -> LocalDate? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let date = LocalDate(iso: raw), (2000...2100).contains(date.year) else {
            throw ValidationError(field: field, "Ngày phải có dạng YYYY-MM-DD (năm 2000–2100).")
        }
        return date
    }
}
