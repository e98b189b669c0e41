import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The registers of Phụ lục IV, NĐ 30/2020/NĐ-CP: incoming (10 columns) and outgoing (10 columns),
/// per agency, year and date range, on screen (printable) and as CSV.
///
/// | route | permission |
/// |---|---|
/// | GET /van-ban/so-dang-ky | handleDocuments (the principal's agency; a ward's officials any agency of the ward) |
struct DocumentRegisterPages {
    let services: AppServices
    let pages: PageRenderer

    static let incomingHeader = [
        "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng", "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận",
        "Ngày chuyển", "Ký nhận", "Ghi chú"
    ]
    static let outgoingHeader = [
        "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký", "Nơi nhận văn bản",
        "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú"
    ]

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.documentRegisters, .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let query = request.query
            let now = services.clock.now()
            var check = Validator()
            let direction = DocumentDirection(rawValue: query["so"] ?? DocumentDirection.incoming.rawValue)
            check.require(direction != nil, "so", "Chọn sổ văn bản đến hoặc văn bản đi.")
            let year = query.int("nam", default: VietnamTime.localDate(of: now).year, range: 2000...2100, into: &check)
            let from = query["tu"].flatMap { $0.isEmpty ? nil : $0 }
            let to = query["den"].flatMap { $0.isEmpty ? nil : $0 }
            let fromDay = from.flatMap(VietnamTime.day)
            let toDay = to.flatMap(VietnamTime.day)
            check.require(from == nil || fromDay != nil, "tu", "Từ ngày phải có dạng dd/mm/yyyy.")
            check.require(to == nil || toDay != nil, "den", "Đến ngày phải có dạng dd/mm/yyyy.")
            try check.check()
            let agencyId = query["co-quan"].flatMap { $0.isEmpty ? nil : String($0.prefix(20)) } ?? principal.agencyId
            let agency = try await services.agencies.get(agencyId)
            let side = direction ?? .incoming
            if query["format"] == "csv" {
                let page = try await services.documents.register(
                    side, agencyId: agencyId, year: year, from: fromDay, to: toDay, limit: CSVExport.maxRows + 1, offset: 0, for: principal)
                guard page.total <= CSVExport.maxRows else {
                    throw ValidationError(field: "format", "Sổ có hơn \(DossierViews.number(CSVExport.maxRows)) dòng; chọn khoảng ngày ngắn hơn.")
                }
                let rows = try await rows(page.items, side)
                var export = CSVExport(
                    filename: "so-van-ban-\(side == .incoming ? "den" : "di")-\(year).csv",
                    header: side == .incoming ? Self.incomingHeader : Self.outgoingHeader)
                for row in rows { export.append(row) }
                return try export.response()
            }
            let asked = Pager(query, size: 100)
            var page = try await services.documents.register(
                side, agencyId: agencyId, year: year, from: fromDay, to: toDay, limit: asked.size, offset: asked.offset, for: principal)
            let pager = asked.with(total: page.total)
            if pager.page != asked.page {
                page = try await services.documents.register(
                    side, agencyId: agencyId, year: year, from: fromDay, to: toDay, limit: pager.size, offset: pager.offset, for: principal)
            }
            let kept = query.pairs.filter { $0.0 != "trang" && $0.0 != "format" }
            let model = DocumentRegisterPage(
                title: side == .incoming ? "Sổ đăng ký văn bản đến" : "Sổ đăng ký văn bản đi", agency: agency.name, year: year,
                incoming: side == .incoming,
                header: (side == .incoming ? Self.incomingHeader : Self.outgoingHeader).map { DocumentRegisterPage.Cell(text: $0) },
                rows: try await rows(page.items, side).map { DocumentRegisterPage.Row(cells: $0.map { DocumentRegisterPage.Cell(text: $0) }) },
                empty: page.items.isEmpty, from: from ?? "", to: to ?? "",
                incomingHref: QueryString.link(SitePath.documentRegisters.href, [("so", "den"), ("nam", String(year))]),
                outgoingHref: QueryString.link(SitePath.documentRegisters.href, [("so", "di"), ("nam", String(year))]),
                csvHref: QueryString.link(SitePath.documentRegisters.href, kept + [("format", "csv")]), direction: side.rawValue,
                pager: pager.model(base: SitePath.documentRegisters.href, query: query, noun: "văn bản"), fieldProblems: [])
            return try pages.page(
                "document-registers", title: model.title,
                crumbs: [.init(label: "Văn bản", href: SitePath.documents.href), .init(label: model.title, href: nil)], model: model,
                context: context, currentPath: SitePath.documents.href)
        }
    }

    /// The register's cells, as the paper book has them (the signature columns left for the pen).
    func rows(_ documents: [OfficialDocument], _ direction: DocumentDirection) async throws -> [[String]] {
        switch direction {
        case .incoming:
            return documents.map { document in
                [
                    document.arrivalAt.map { DossierViews.day($0) } ?? "", document.arrivalNumber.map(String.init) ?? "",
                    document.fromOrganName ?? "",
                    document.numberAndNotation ?? "", document.issuedDate.map { DossierViews.date($0) } ?? "",
                    "\(document.type.label): \(document.subject)", document.leadName ?? "", "", "", Self.note(document)
                ]
            }
        case .outgoing:
            let names = try await services.documents.recipientNames(of: documents.map(\.id))
            return documents.map { document in
                let recipients = names[document.id] ?? []
                return [
                    document.numberAndNotation ?? "", document.issuedDate.map { DossierViews.date($0) } ?? "",
                    "\(document.type.label): \(document.subject)",
                    [document.signerPosition, document.signerName].compactMap { $0 }.joined(separator: " "),
                    recipients.joined(separator: "; "), [document.draftingUnit, document.createdByName].compactMap { $0 }.joined(separator: " — "),
                    String(recipients.count + 1), document.issuedDate.map { DossierViews.date($0) } ?? "", "", Self.note(document)
                ]
            }
        }
    }

    static func note(_ document: OfficialDocument) -> String {
        var notes: [String] = []
        if document.urgency != .normal { notes.append(document.urgency.label) }
        if document.secrecy.isSecret { notes.append(document.secrecy.label) }
        if [.refused, .withdrawn, .recalled].contains(document.status) { notes.append(document.status.label) }
        return notes.joined(separator: ", ")
    }
}

/// A register on screen (`document-registers.mustache`).
struct DocumentRegisterPage: PageModel {
    struct Cell { let text: String }
    struct Row { let cells: [Cell] }

    let title: String
    let agency: String
    let year: Int
    let incoming: Bool
    let header: [Cell]
    let rows: [Row]
    let empty: Bool
    let from: String
    let to: String
    let incomingHref: String
    let outgoingHref: String
    let csvHref: String
    let direction: String
    let pager: [String: Any]
    let fieldProblems: [FieldProblem]
}
