import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The printable forms of TT 01/2018 and TT 03/2025 (A5): receipt and appointment (Mẫu 01),
/// request to complete (Mẫu 02), refusal (Mẫu 03), apology and new date (Mẫu 04), notice of
/// stopping (Mẫu 05) and the hand-over control sheet (Phiếu kiểm soát).
struct PrintForms {
    let services: AppServices
    let pages: PageRenderer

    struct Form {
        let key: String
        let label: String
    }

    static func available(_ dossier: Dossier) -> [Form] {
        var forms: [Form] = []
        if dossier.receivedAt != nil { forms.append(Form(key: "mau-01", label: "Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả")) }
        if !dossier.details.missingItems.isEmpty || !dossier.details.supplements.isEmpty {
            forms.append(Form(key: "mau-02", label: "Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"))
        }
        if dossier.status == .refused { forms.append(Form(key: "mau-03", label: "Mẫu 03 — Phiếu từ chối tiếp nhận hồ sơ")) }
        if dossier.apologies > 0 { forms.append(Form(key: "mau-04", label: "Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả")) }
        if dossier.status == .stopped { forms.append(Form(key: "mau-05", label: "Mẫu 05 — Thông báo dừng giải quyết hồ sơ")) }
        if dossier.receivedAt != nil { forms.append(Form(key: "phieu-kiem-soat", label: "Phiếu kiểm soát quá trình giải quyết hồ sơ")) }
        return forms
    }

    func render(_ dossier: Dossier, form key: String, secret: String? = nil) async throws -> Response {
        guard let form = Self.available(dossier).first(where: { $0.key == key }) else { throw NotFoundError("page", key) }
        let receiving = try? await services.agencies.get(dossier.receivingAgencyId)
        let handling = try? await services.agencies.get(dossier.handlingAgencyId)
        let events = try await services.timeline.events(of: CaseRef(.dossier, dossier.code))
        let today = VietnamTime.localDate(of: services.clock.now())
        var model: [String: Any] = [
            "title": form.label, "key": key, "code": dossier.code, "agency": receiving?.name ?? dossier.receivingAgencyId,
            "handling": handling?.name ?? dossier.handlingAgencyId, "procedure": dossier.procedureName,
            "applicant": dossier.details.applicant.name, "idNumber": dossier.details.applicant.idNumber,
            "phone": dossier.details.applicant.phone, "address": dossier.details.applicant.address,
            "received": DossierViews.time(dossier.receivedAt ?? dossier.submittedAt), "due": DossierViews.time(dossier.due),
            "fee": Money.text(dossier.fee), "channel": dossier.channel.label,
            "date": "ngày \(today.day) tháng \(today.month) năm \(today.year)", "stylesheet": "/static/haicap-print.css",
            "lookupPath": SitePath.lookup.href, "back": SitePath.dossier(code: dossier.code).href,
            // Who received it at the desk (an online dossier's first event is the citizen's own submission).
            "officer": events.first {
                $0.action == DossierAction.receive.rawValue || $0.action == DossierAction.requestCompletion.rawValue
                    || $0.action == DossierAction.refuse.rawValue
            }?.actorName ?? "",
            "components": dossier.details.components.filter { $0.form != .missing }.map {
                ["name": $0.name, "form": $0.form.label, "pages": $0.pages]
            }
        ]
        if let secret { model["secret"] = secret; model["fresh"] = true }
        let missing = dossier.details.missingItems.isEmpty ? (dossier.details.supplements.last?.items ?? []) : dossier.details.missingItems
        model["missing"] = missing
        if let reason = dossier.details.reason { model["reason"] = reason }
        if let apology = events.last(where: { $0.action == DossierAction.apologize.rawValue }) { model["apology"] = apology.note }
        model["mau01"] = key == "mau-01"
        model["mau02"] = key == "mau-02"
        model["mau03"] = key == "mau-03"
        model["mau04"] = key == "mau-04"
        model["mau05"] = key == "mau-05"
        if key == "phieu-kiem-soat" {
            model["controlSheet"] = true
            model["control"] = try await services.dossiers.handovers(dossier.code).map { handover -> [String: Any] in
                [
                    "step": StepTemplate.Kind(rawValue: handover.step)?.label ?? handover.step, "from": handover.fromName, "to": handover.toName,
                    "at": DossierViews.time(handover.at), "stepDue": DossierViews.time(handover.stepDue),
                    "result": handover.onTime.map { $0 ? "Đúng hạn" : "Trễ hạn" } ?? "Đang xử lý"
                ]
            }
        }
        return try pages.standalone("print-form", model: model)
    }
}
