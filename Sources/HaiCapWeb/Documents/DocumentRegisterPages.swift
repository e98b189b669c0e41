import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The books of Phụ lục IV, NĐ 30/2020/NĐ-CP: the incoming register (10 columns), the outgoing
/// register (10 columns) and the follow-up book of incoming documents (7 columns), per agency, year
/// and date range, on screen (printable), as CSV and as JSON.
///
/// | route | permission |
/// |---|---|
/// | GET /van-ban/so-dang-ky, GET /api/v1/documents/registers | handleDocuments (the principal's agency; a ward's officials any agency of the ward) |
struct DocumentRegisterPages {
    let services: AppServices
    let pages: PageRenderer

    /// What a book request asks for, read the same way by the page, the CSV and the API (dates as
    /// dd/mm/yyyy or YYYY-MM-DD; the page's Vietnamese parameter names or the API's English ones).
    struct Request {
        let book: DocumentBook
        let agencyId: String
        let year: Int
        let from: LocalDate?
        let to: LocalDate?
        let fromText: String
        let toText: String

        init(_ query: FormFields, principal: Principal, now: Date) throws(ValidationError) {
            var check = Validator()
            // Each parameter by the page's Vietnamese name or the API's English one; problems are
            // named after the one the caller used.
            func name(_ page: String, _ api: String) -> String { query[api] != nil && query[page] == nil ? api : page }
            let book = query[name("so", "book")].map { DocumentBook(rawValue: $0) } ?? .incoming
            check.require(book != nil, name("so", "book"), "Chọn sổ văn bản đến, sổ văn bản đi hoặc sổ theo dõi giải quyết văn bản đến.")
            self.book = book ?? .incoming
            year = query.int(name("nam", "year"), default: VietnamTime.localDate(of: now).year, range: 2000...2100, into: &check)
            fromText = String((query[name("tu", "from")] ?? "").prefix(20))
            toText = String((query[name("den", "to")] ?? "").prefix(20))
            from = fromText.isEmpty ? nil : VietnamTime.day(fromText)
            to = toText.isEmpty ? nil : VietnamTime.day(toText)
            check.require(fromText.isEmpty || from != nil, name("tu", "from"), "Từ ngày phải có dạng dd/mm/yyyy.")
            check.require(toText.isEmpty || to != nil, name("den", "to"), "Đến ngày phải có dạng dd/mm/yyyy.")
            if let from, let to { check.require(from <= to, name("den", "to"), "Đến ngày không được trước từ ngày.") }
            try check.check()
            agencyId = query[name("co-quan", "agency")].flatMap { $0.isEmpty ? nil : String($0.prefix(20)) } ?? principal.agencyId
        }
    }

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.documentRegisters, .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let query = request.query
            let now = services.clock.now()
            let asked = try Request(query, principal: principal, now: now)
            let agency = try await services.agencies.get(asked.agencyId)
            let book = asked.book
            if query["format"] == "csv" {
                let page = try await read(asked, limit: CSVExport.maxRows + 1, offset: 0, for: principal)
                guard page.total <= CSVExport.maxRows else {
                    throw ValidationError(field: "format", "Sổ có hơn \(DossierViews.number(CSVExport.maxRows)) dòng; chọn khoảng ngày ngắn hơn.")
                }
                var export = CSVExport(filename: "so-van-ban-\(book.rawValue)-\(asked.year).csv", header: book.columns)
                for row in try await rows(page.items, book, now: now) { export.append(row) }
                return try export.response()
            }
            let wanted = Pager(query, size: 100)
            var page = try await read(asked, limit: wanted.size, offset: wanted.offset, for: principal)
            let pager = wanted.with(total: page.total)
            if pager.page != wanted.page { page = try await read(asked, limit: pager.size, offset: pager.offset, for: principal) }
            let kept = query.pairs.filter { $0.0 != "trang" && $0.0 != "format" }
            let tabs = DocumentBook.allCases.map { other in
                DocumentRegisterPage.Tab(
                    label: other.title,
                    href: QueryString.link(SitePath.documentRegisters.href, [("so", other.rawValue), ("nam", String(asked.year))]),
                    current: other == book)
            }
            let model = DocumentRegisterPage(
                title: book.title, agency: agency.name, year: asked.year, tabs: tabs,
                header: book.columns.map { DocumentRegisterPage.Cell(text: $0) },
                rows: try await rows(page.items, book, now: now).map {
                    DocumentRegisterPage.Row(cells: $0.map { DocumentRegisterPage.Cell(text: $0) })
                },
                empty: page.items.isEmpty, from: asked.fromText, to: asked.toText,
                csvHref: QueryString.link(SitePath.documentRegisters.href, kept + [("format", "csv")]), book: book.rawValue,
                pager: pager.model(base: SitePath.documentRegisters.href, query: query, noun: "văn bản"), fieldProblems: [])
            return try pages.page(
                "document-registers", title: model.title,
                crumbs: [.init(label: "Văn bản", href: SitePath.documents.href), .init(label: model.title, href: nil)], model: model,
                context: context, currentPath: SitePath.documents.href)
        }
        routes.get("/api/v1/documents/registers", .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let query = request.query
            let now = services.clock.now()
            let asked = try Request(query, principal: principal, now: now)
            let agency = try await services.agencies.get(asked.agencyId)
            let limit = try query.int("limit", default: 100, range: 1...1000)
            let offset = try query.int("offset", default: 0, range: 0...100_000)
            let page = try await read(asked, limit: limit, offset: offset, for: principal)
            return JSONBody.response(
                DocumentRegisterDTO(
                    book: asked.book.rawValue, title: asked.book.title, agency: agency.id, agencyName: agency.name, year: asked.year,
                    columns: asked.book.columns, rows: try await rows(page.items, asked.book, now: now), ids: page.items.map(\.id),
                    total: page.total, limit: limit, offset: offset))
        }
    }

    func read(_ asked: Request, limit: Int, offset: Int, for principal: Principal) async throws -> (items: [OfficialDocument], total: Int) {
        try await services.documents.register(
            asked.book, agencyId: asked.agencyId, year: asked.year, from: asked.from, to: asked.to, limit: limit, offset: offset, for: principal)
    }

    /// The book's cells, as the paper book has them (the signature columns left for the pen).
    func rows(_ documents: [OfficialDocument], _ book: DocumentBook, now: Date) async throws -> [[String]] {
        switch book {
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
        case .followUp:
            let replies = try await services.documents.replies(to: documents.map(\.id))
            return documents.map { document in
                [
                    document.arrivalNumber.map(String.init) ?? "", Self.description(document),
                    [document.leadName, document.support.map { "phối hợp: \($0)" }].compactMap { $0 }.joined(separator: "; "),
                    document.due.map { DossierViews.time($0) } ?? "", Self.progress(document, now: now),
                    (replies[document.id] ?? []).joined(separator: "; "), Self.note(document)
                ]
            }
        }
    }

    /// "Công văn số 12/UBND-VP ngày 03/11/2026 của UBND Phường Bến Thành: V/v …".
    static func description(_ document: OfficialDocument) -> String {
        var text = document.type.label
        if let number = document.numberAndNotation { text += " số \(number)" }
        if let issued = document.issuedDate { text += " ngày \(DossierViews.date(issued))" }
        if let organ = document.fromOrganName { text += " của \(organ)" }
        return "\(text): \(document.subject)"
    }

    /// Where the handling stands, with the overdue and late flags the book is kept for.
    static func progress(_ document: OfficialDocument, now: Date) -> String {
        if document.status == .done {
            let late = document.due.map { document.updatedAt > $0 } ?? false
            return "Hoàn thành ngày \(DossierViews.day(document.updatedAt))" + (late ? " (trễ hạn)" : "")
        }
        if document.status.isOpen, let due = document.due, due < now { return "\(document.status.label), quá hạn" }
        return document.status.label
    }

    static func note(_ document: OfficialDocument) -> String {
        var notes: [String] = []
        if document.urgency != .normal { notes.append(document.urgency.label) }
        if document.secrecy.isSecret { notes.append(document.secrecy.label) }
        if [.refused, .withdrawn, .recalled].contains(document.status) { notes.append(document.status.label) }
        return notes.joined(separator: ", ")
    }
}

/// A book on screen (`document-registers.mustache`).
struct DocumentRegisterPage: PageModel {
    struct Cell { let text: String }
    struct Row { let cells: [Cell] }
    struct Tab {
        let label: String
        let href: String
        let current: Bool
    }

    let title: String
    let agency: String
    let year: Int
    let tabs: [Tab]
    let header: [Cell]
    let rows: [Row]
    let empty: Bool
    let from: String
    let to: String
    let csvHref: String
    let book: String
    let pager: [String: Any]
    let fieldProblems: [FieldProblem]
}

/// `GET /api/v1/documents/registers`: one page of a book, its rows as printed (Vietnamese dates),
/// with the documents' ids in the same order.
struct DocumentRegisterDTO: Encodable {
    let book: String
    let title: String
    let agency: String
    let agencyName: String
    let year: Int
    let columns: [String]
    let rows: [[String]]
    let ids: [Int]
    let total: Int
    let limit: Int
    let offset: Int
}
