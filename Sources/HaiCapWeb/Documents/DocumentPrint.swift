import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Printable forms of a document: the Phiếu giải quyết văn bản đến of an incoming one, and an
/// outgoing one in the layout of NĐ 30/2020/NĐ-CP Phụ lục I (Quốc hiệu and Tiêu ngữ, the organ, số
/// and ký hiệu, place and date, the type and subject or "V/v" of a công văn, the text, nơi nhận and
/// the signer), A4, marked DỰ THẢO until it is issued.
///
/// | route | permission |
/// |---|---|
/// | GET /van-ban/{id}/in | handleDocuments (agency scope and secrecy per document) |
struct DocumentPrint {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.documentPrint, .handleDocuments) { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.intParam("id")
            let document = try await services.documents.get(id, for: principal)
            var model: [String: Any] = [
                "back": SitePath.document(id: id).href, "agency": document.agencyName, "subject": document.subject,
                "typeLabel": document.type.label, "title": document.numberAndNotation ?? "Dự thảo"
            ]
            if document.direction == .incoming {
                let events = try await services.timeline.events(of: CaseRef(.document, String(id)))
                model["slip"] = true
                model["numberAndNotation"] = document.numberAndNotation ?? ""
                model["issuedDate"] = document.issuedDate.map { DossierViews.date($0) } ?? ""
                model["from"] = document.fromOrganName ?? ""
                model["arrivalNumber"] = document.arrivalNumber.map(String.init) ?? "chưa vào sổ"
                model["arrivalAt"] = DossierViews.time(document.arrivalAt)
                model["urgent"] = document.urgency != .normal
                model["urgency"] = document.urgency.label
                model["lead"] = document.leadName ?? ""
                model["support"] = document.support ?? ""
                model["instruction"] = document.instruction ?? ""
                model["due"] = DossierViews.time(document.due)
                model["notes"] = events.filter { ["progress", "complete"].contains($0.action) }.map {
                    ["at": DossierViews.time($0.at), "actor": $0.actorName, "note": $0.note]
                }
                model["title"] = "Phiếu giải quyết văn bản đến — \(document.numberAndNotation ?? "")"
            } else {
                let day = document.issuedDate ?? VietnamTime.localDate(of: services.clock.now())
                model["letter"] = true
                model["draft"] = document.issuedDate == nil
                model["number"] = document.issuedDate == nil ? "      /" : document.numberAndNotation ?? ""
                model["vv"] = document.type == .congVan
                model["place"] = "Thành phố Hồ Chí Minh, ngày \(day.day) tháng \(day.month) năm \(day.year)"
                model["body"] = document.body ?? ""
                model["recipients"] = try await services.documents.recipients(of: id).map(\.organName)
                model["unit"] = document.draftingUnit ?? ""
                model["signerPosition"] = document.signerPosition ?? ""
                model["signerName"] = document.signerName ?? ""
            }
            return try pages.standalone("document-print", model: model)
        }
    }
}
