import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The document desk: queues, registering an incoming document, drafting an outgoing one, and one
/// document with its recipients, its actions and its history.
///
/// | route | permission |
/// |---|---|
/// | GET /van-ban, GET+POST /van-ban/vao-so, POST /van-ban/nhan-edxml, GET+POST /van-ban/soan-thao, GET /van-ban/{id}, POST /van-ban/{id}/{action} | handleDocuments (agency scope and secrecy per document; the rule table per action) |
struct DocumentPages {
    let services: AppServices
    let pages: PageRenderer

    static let pageSize = 30

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.documents, .handleDocuments) { request, context in
            let message = await pages.takeFlash(request, context: context, now: services.clock.now())?["message"]
            return try await desk(request.query, context: context, message: message)
        }
        routes.get(SitePath.Pattern.documentRegister, .handleDocuments) { _, context in
            // Only the desk registers (văn thư, leaders); others are not shown a form they cannot send.
            guard Policy.takes(try context.requirePrincipal(), DocumentAction.register.rule) else { throw AccessError.forbidden }
            return try registerForm(FormFields(""), problems: [], duplicates: [], context: context)
        }
        routes.post(SitePath.Pattern.documentRegister, .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormFields.from(request, context: context)
            do {
                let body = IncomingBody(
                    agency: nil, from: .init(organId: blank(form["fromOrganId"]), organName: form["fromOrganName"]),
                    codeNumber: form["codeNumber"], codeNotation: form["codeNotation"], issuedDate: blank(form["issuedDate"]),
                    type: blank(form["type"]), subject: form["subject"], signerName: blank(form["signerName"]),
                    signerPosition: blank(form["signerPosition"]), urgency: form["urgency"], security: form["security"],
                    pages: Int(form["pages"] ?? ""), dueDate: blank(form["dueDate"]), confirmDuplicate: form["confirmDuplicate"] == "1")
                // A page count that is not a number is one more problem, listed with the others.
                var problems: [FieldProblem] = []
                if let pages = form["pages"], !pages.isEmpty, Int(pages) == nil {
                    problems.append(FieldProblem(field: "pages", message: "Số trang là số nguyên từ 1 đến 999."))
                }
                let input: IncomingInput
                do throws(ValidationError) {
                    input = try body.input(today: VietnamTime.localDate(of: services.clock.now()))
                } catch {
                    throw ValidationError(problems + error.problems)
                }
                if !problems.isEmpty { throw ValidationError(problems) }
                let document = try await services.documents.registerIncoming(input, by: principal, at: services.clock.now())
                return await pages.redirect(
                    SitePath.document(id: document.id).href, message: "Đã vào sổ văn bản đến, số đến \(document.arrivalNumber ?? 0).",
                    context: context, now: services.clock.now())
            } catch let error as ValidationError {
                return try registerForm(form, problems: error.problems, duplicates: [], context: context, status: .badRequest)
            } catch DocumentError.likelyDuplicate(let ids) {
                return try registerForm(form, problems: [], duplicates: ids, context: context, status: .conflict)
            }
        }
        routes.post(SitePath.Pattern.documentEdXML, .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let form = try await MultipartForm.from(request, context: context, limits: .edxml)
            do {
                guard let file = try form.files("edxml").first else { throw ValidationError(field: "edxml", "Chọn tệp edXML (.edxml hoặc .xml).") }
                let envelope = try EdXMLReader.read(file.data)
                let documents = try await services.documents.receive(envelope, by: principal, at: services.clock.now())
                let numbers = documents.compactMap(\.arrivalNumber).map(String.init).joined(separator: ", ")
                return await pages.redirect(
                    SitePath.document(id: documents[0].id).href, message: "Đã vào sổ văn bản điện tử (edXML), số đến \(numbers).",
                    context: context, now: services.clock.now())
            } catch let error as ValidationError {
                return try await desk(FormFields(""), context: context, message: nil, problems: error.problems, status: .badRequest)
            } catch let error as DocumentError {
                return try await desk(
                    FormFields(""), context: context, message: nil, problems: [FieldProblem(field: "edxml", message: error.message)],
                    status: ErrorMiddleware.status(for: error.kind))
            }
        }
        routes.get(SitePath.Pattern.documentDraft, .handleDocuments) { request, context in
            var start = FormFields("")
            if let earlier = request.query["thay-the"].flatMap({ Int($0) }) {
                // From an issued document's «Soạn văn bản cập nhật, thay thế»: its subject and recipients to start from.
                let principal = try context.requirePrincipal()
                let document = try await services.documents.get(earlier, for: principal)
                let recipients = try await services.documents.recipients(of: earlier)
                start = FormFields(
                    decoded: [
                        ("supersedesId", String(earlier)), ("supersession", DocumentSupersession.replace.rawValue),
                        ("subject", document.subject), ("body", document.body ?? ""), ("type", document.type.rawValue),
                        ("draftingUnit", document.draftingUnit ?? ""),
                        ("otherRecipients", recipients.filter { !$0.isInternal }.map(\.organName).joined(separator: "\n"))
                    ] + recipients.compactMap { $0.isInternal ? $0.organId.map { ("recipientIds", $0) } : nil })
            }
            return try await draftForm(start, replyTo: request.query["tra-loi"].flatMap { Int($0) }, problems: [], context: context)
        }
        routes.post(SitePath.Pattern.documentDraft, .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormFields.from(request, context: context)
            do {
                var recipients = form.all("recipientIds").filter { !$0.isEmpty }.map { OutgoingBody.Recipient(organId: $0, organName: nil) }
                for line in (form["otherRecipients"] ?? "").split(whereSeparator: \.isNewline).prefix(OutgoingInput.maxRecipients + 1) {
                    let name = line.trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty { recipients.append(OutgoingBody.Recipient(organId: nil, organName: name)) }
                }
                let body = OutgoingBody(
                    agency: nil, type: blank(form["type"]), subject: form["subject"], body: form["body"], draftingUnit: blank(form["draftingUnit"]),
                    normative: form["normative"] == "1", urgency: form["urgency"], security: form["security"], recipients: recipients,
                    replyTo: form["replyTo"].flatMap { Int($0) }, signerPosition: blank(form["signerPosition"]),
                    supersedes: blank(form["supersedesId"]).map {
                        OutgoingBody.Supersedes(id: Int($0), kind: form["supersession"], reason: form["supersedeReason"])
                    })
                let document = try await services.documents.draftOutgoing(try body.input(), by: principal, at: services.clock.now())
                return await pages.redirect(
                    SitePath.document(id: document.id).href, message: "Đã lưu dự thảo.", context: context, now: services.clock.now())
            } catch let error as ValidationError {
                return try await draftForm(form, replyTo: nil, problems: error.problems, context: context, status: .badRequest)
            } catch let error as DocumentError {
                return try await draftForm(
                    form, replyTo: nil, problems: [FieldProblem(field: "recipients", message: error.message)], context: context, status: .badRequest)
            }
        }
        routes.get(SitePath.Pattern.document, .handleDocuments) { request, context in
            let message = await pages.takeFlash(request, context: context, now: services.clock.now())?["message"]
            return try await documentPage(try context.intParam("id"), context: context, message: message, problems: [])
        }
        registerActions(routes)
    }

    func blank(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    // MARK: The desk

    func desk(
        _ query: FormFields, context: AppRequestContext, message: String?, problems: [FieldProblem] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let now = services.clock.now()
        var listQuery = try DocumentAPIRoutes.listQuery(query)
        let asked = Pager(query, size: Self.pageSize)
        listQuery.limit = asked.size
        listQuery.offset = asked.offset
        let text = listQuery.text?.trimmingCharacters(in: .whitespaces) ?? ""
        var rows: [DocumentDeskPage.Row]
        var searchSummary = ""
        let pager: Pager
        if !text.isEmpty {
            // The search box searches every document the official sees, scans included.
            var result = try await services.documents.search(text, for: principal, limit: asked.size, offset: asked.offset)
            pager = asked.with(total: result.total)
            if pager.page != asked.page {
                result = try await services.documents.search(text, for: principal, limit: asked.size, offset: pager.offset)
            }
            rows = result.hits.map { DocumentDeskPage.Row($0.document, now: now, inScan: $0.inFileText) }
            searchSummary =
                "Tìm «\(text)» trong mọi văn bản bạn được xem: \(DossierViews.number(result.total)) văn bản."
                + (result.truncated ? " Chỉ hiện các kết quả khớp nhất; thêm từ để thu hẹp." : "")
        } else {
            var page = try await services.documents.list(listQuery, for: principal, now: now)
            pager = asked.with(total: page.total)
            if pager.page != asked.page {
                listQuery.offset = pager.offset
                page = try await services.documents.list(listQuery, for: principal, now: now)
            }
            rows = page.items.map { DocumentDeskPage.Row($0, now: now) }
        }
        let model = DocumentDeskPage(
            queues: DocumentStore.Queue.allCases.map { queue in
                DocumentDeskPage.Tab(
                    label: queue.label, href: QueryString.link(SitePath.documents.href, [("queue", queue.rawValue)]),
                    current: queue == listQuery.queue)
            },
            queue: listQuery.queue.rawValue, q: text, searching: !text.isEmpty, searchSummary: searchSummary,
            rows: rows, empty: rows.isEmpty,
            canRegister: Policy.takes(principal, DocumentAction.register.rule), registerHref: SitePath.documentRegister.href,
            canDraft: Policy.takes(principal, DocumentAction.submit.rule), draftHref: SitePath.documentDraft.href,
            edxmlAction: SitePath.documentEdXML.href, csrf: context.csrfToken,
            pager: pager.model(base: SitePath.documents.href, query: query, noun: "văn bản"),
            message: message, hasMessage: message != nil, fieldProblems: problems, hasProblems: !problems.isEmpty,
            problems: FieldLabels.rows(problems))
        return try pages.page(
            "documents", title: "Văn bản", crumbs: [.init(label: "Văn bản", href: nil)], model: model, context: context, status: status,
            currentPath: SitePath.documents.href)
    }

    // MARK: Registering and drafting

    static func options<T: RawRepresentable>(_ values: [T], label: (T) -> String, selected: String?) -> [ActionField.Option]
    where T.RawValue == String {
        values.map { ActionField.Option(value: $0.rawValue, label: label($0), selected: $0.rawValue == selected) }
    }

    func registerForm(
        _ form: FormFields, problems: [FieldProblem], duplicates: [Int], context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let model = DocumentFormPage(
            values: form.pairs.reduce(into: [:]) { $0[$1.0] = $1.1 },
            types: Self.options(DocumentType.allCases, label: \.label, selected: form["type"] ?? DocumentType.congVan.rawValue),
            urgencies: Self.options(DocumentUrgency.allCases, label: \.label, selected: form["urgency"]),
            secrecies: Self.options(DocumentSecrecy.allCases, label: \.label, selected: form["security"]),
            agencies: [], duplicates: duplicates.map { DocumentFormPage.Link(label: "Văn bản mã \($0)", href: SitePath.document(id: $0).href) },
            hasDuplicates: !duplicates.isEmpty, action: SitePath.documentRegister.href, csrf: context.csrfToken, fieldProblems: problems,
            hasProblems: !problems.isEmpty,
            problems: FieldLabels.rows(problems))
        return try pages.page(
            "document-register", title: "Vào sổ văn bản đến",
            crumbs: [.init(label: "Văn bản", href: SitePath.documents.href), .init(label: "Vào sổ văn bản đến", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.documents.href)
    }

    func draftForm(
        _ form: FormFields, replyTo: Int?, problems: [FieldProblem], context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let chosen = Set(form.all("recipientIds"))
        let agencies = try await services.agencies.list(limit: 1000).items
            .filter { $0.id != principal.agencyId }
            .sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
        var values = form.pairs.reduce(into: [String: String]()) { $0[$1.0] = $1.1 }
        if let replyTo { values["replyTo"] = String(replyTo) }
        let model = DocumentFormPage(
            values: values,
            types: Self.options(DocumentType.allCases, label: \.label, selected: form["type"] ?? DocumentType.congVan.rawValue),
            urgencies: Self.options(DocumentUrgency.allCases, label: \.label, selected: form["urgency"]),
            secrecies: Self.options(DocumentSecrecy.allCases, label: \.label, selected: form["security"]),
            supersessions: Self.options(DocumentSupersession.allCases, label: \.label, selected: form["supersession"]),
            agencies: agencies.map { ActionField.Option(value: $0.id, label: $0.name, selected: chosen.contains($0.id)) }, duplicates: [],
            hasDuplicates: false, action: SitePath.documentDraft.href, csrf: context.csrfToken, fieldProblems: problems,
            hasProblems: !problems.isEmpty,
            problems: FieldLabels.rows(problems))
        return try pages.page(
            "document-draft", title: "Soạn văn bản đi",
            crumbs: [.init(label: "Văn bản", href: SitePath.documents.href), .init(label: "Soạn văn bản đi", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.documents.href)
    }

    // MARK: One document

    func documentPage(
        _ id: Int, context: AppRequestContext, message: String?, problems: [FieldProblem], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let document = try await services.documents.get(id, for: principal)
        let now = services.clock.now()
        let recipients = document.direction == .outgoing ? try await services.documents.recipients(of: id) : []
        let events = try await services.timeline.events(of: CaseRef(.document, String(id)))
        let helpers = document.direction == .incoming ? try await services.documents.helpers(of: id) : []
        let allowed =
            DocumentStore.offered(document, helpers: helpers, to: principal)
        let staff =
            allowed.contains(.assign) || allowed.contains(.delegate)
            ? try await services.accounts.list(agencyId: document.agencyId, limit: 200).items.filter { !$0.isDisabled }
                .sorted { VietnameseText.sortKey($0.fullName) < VietnameseText.sortKey($1.fullName) } : []
        let stored = try await services.documents.files(of: id)
        let files = stored.map { DocumentCasePage.File($0, documentId: id) }
        var suggestion: ScanSuggestion?
        if allowed.contains(.correct), let read = stored.first(where: { $0.textState == .done }),
            let text = try await services.documents.recognisedText(read.id, of: id)
        {
            suggestion = ScanSuggestion(text: text)
        }
        let helperRows = helpers.map { helper in
            DocumentCasePage.Helper(
                name: helper.name, instruction: helper.instruction, due: DossierViews.time(helper.due),
                late: helper.isOpen && (helper.due.map { $0 < now } ?? false),
                state: helper.doneAt.map { "Đã báo cáo \(DossierViews.time($0))" + (helper.doneNote.map { ": \($0)" } ?? "") } ?? "Đang làm",
                by: helper.assignedBy)
        }
        var model = DocumentCasePage(
            document, now: now, recipients: recipients, files: files,
            edxmlHref: document.direction == .outgoing && document.issuedDate != nil ? "/api/v1/documents/\(id)/edxml" : "",
            timeline: TimelineRow.rows(events, for: .staff),
            actions: allowed.map { Self.form(for: $0, document: document, staff: staff, principal: principal, suggestion: suggestion) },
            replyHref: document.direction == .incoming && Policy.takes(principal, DocumentAction.submit.rule)
                ? QueryString.link(SitePath.documentDraft.href, [("tra-loi", String(id))]) : "",
            message: message, csrf: context.csrfToken, problems: problems)
        let versions = document.direction == .outgoing ? try await services.documents.versions(of: id) : []
        model.versions = versions.map { version in
            DocumentCasePage.Version(
                number: version.number, subject: version.subject, body: version.body,
                replaced: "Thay bằng bản mới lúc \(DossierViews.time(version.savedAt)) bởi \(version.savedBy)", note: version.note)
        }
        model.hasVersions = !versions.isEmpty
        model.helpers = helperRows
        model.hasHelpers = !helperRows.isEmpty
        if document.direction == .outgoing, document.status == .issued,
            Policy.mayAct(principal, document.scope), Policy.takes(principal, DocumentAction.submit.rule)
        {
            model.supersedeHref = QueryString.link(SitePath.documentDraft.href, [("thay-the", String(id))])
            model.canSupersede = true
        }
        let signatures = try await services.documents.signatureCount(of: id)
        if signatures > 0 {
            model.signaturesHref = SitePath.documentSignatures(id: id).href
            model.signaturesLabel = "Kiểm tra chữ ký số (\(signatures))"
            model.hasSignatures = true
        }
        let title = document.direction == .incoming ? "Văn bản đến" : "Văn bản đi"
        return try pages.page(
            "document", title: "\(title): \(document.numberAndNotation ?? "dự thảo")",
            crumbs: [.init(label: "Văn bản", href: SitePath.documents.href), .init(label: document.numberAndNotation ?? "Mã \(id)", href: nil)],
            model: model, context: context, status: status, currentPath: SitePath.documents.href)
    }
}
