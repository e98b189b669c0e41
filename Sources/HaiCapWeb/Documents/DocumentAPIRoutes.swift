import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Official documents' JSON API.
///
/// | route | permission |
/// |---|---|
/// | GET /api/v1/documents, GET /api/v1/documents/search, GET /api/v1/documents/{id}, its files and its edXML form, POST incoming, POST outgoing, POST /api/v1/documents/{id}/actions/{action}, POST /api/v1/edxml | handleDocuments (agency scope and secrecy per document; the rule table per action) |
struct DocumentAPIRoutes {
    let services: AppServices

    func register(_ routes: Routes) {
        registerExchange(routes)
        routes.get("/api/v1/documents", .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let query = try Self.listQuery(request.query)
            let now = services.clock.now()
            let page = try await services.documents.list(query, for: principal, now: now)
            return JSONBody.response(
                DocumentPageDTO(items: page.items.map { DocumentDTO($0, now: now) }, total: page.total, limit: query.limit, offset: query.offset))
        }
        routes.get("/api/v1/documents/search", .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let query = try Self.listQuery(request.query)
            guard let text = query.text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError(field: "q", "Nhập từ khóa tìm kiếm.")
            }
            let limit = min(query.limit, 100)
            let now = services.clock.now()
            let result = try await services.documents.search(text, for: principal, limit: limit, offset: query.offset)
            return JSONBody.response(
                DocumentSearchDTO(
                    items: result.hits.map { hit in
                        var item = DocumentDTO(hit.document, now: now)
                        item.match = .init(score: (hit.score * 100).rounded() / 100, inScan: hit.inFileText)
                        return item
                    }, total: result.total, limit: limit, offset: query.offset, truncated: result.truncated))
        }
        routes.post("/api/v1/documents/incoming", .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONInput.decode(IncomingBody.self, from: request, context: context)
            let document = try await services.documents.registerIncoming(
                try body.input(today: VietnamTime.localDate(of: services.clock.now())), by: principal, at: services.clock.now())
            return JSONBody.response(try await dto(document, for: principal), status: .created)
        }
        routes.post("/api/v1/documents/outgoing", .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONInput.decode(OutgoingBody.self, from: request, context: context)
            let document = try await services.documents.draftOutgoing(try body.input(), by: principal, at: services.clock.now())
            return JSONBody.response(try await dto(document, for: principal), status: .created)
        }
        routes.get("/api/v1/documents/{id}", .handleDocuments) { _, context in
            let principal = try context.requirePrincipal()
            let document = try await services.documents.get(try context.intParam("id"), for: principal)
            return JSONBody.response(try await dto(document, for: principal))
        }
        routes.post("/api/v1/documents/{id}/actions/{action}", .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let raw = try context.param("action")
            guard let action = DocumentAction(rawValue: raw) else {
                throw ValidationError(
                    field: "action",
                    "Thao tác không có: \(raw.prefix(40)). Các thao tác: \(DocumentAction.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let body = try await JSONInput.decodeOptional(DocumentActionBody.self, from: request, context: context)
            let input = try await actionInput(body)
            let document = try await services.documents.act(try context.intParam("id"), action, input, by: principal, at: services.clock.now())
            return JSONBody.response(try await dto(document, for: principal))
        }
    }

    func registerExchange(_ routes: Routes) {
        routes.post("/api/v1/edxml", .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            guard request.headers[.contentType]?.lowercased().contains("xml") == true else {
                throw ValidationError(field: "Content-Type", "Gói tin edXML gửi với Content-Type: application/xml.")
            }
            // Spooled to disk as it arrives and parsed from there: memory holds the attachments,
            // not the envelope's base64 text beside them.
            var spool = try EdXMLSpool()
            defer { spool.remove() }
            for try await chunk in request.body { try chunk.withUnsafeReadableBytes { try spool.append($0) } }
            try spool.finish()
            let envelope: EdXMLEnvelope
            switch try EdXMLReader.message(spooled: spool.url) {
            case .status(let status):
                // A recipient outside HaiCap reports on a document we sent it.
                let document = try await services.documents.receive(status, by: principal, at: services.clock.now())
                return JSONBody.response(try await dto(try await services.documents.get(document.id), for: principal))
            case .document(let document):
                envelope = document
            }
            let documents = try await services.documents.receive(envelope, by: principal, at: services.clock.now())
            var first = try await dto(documents[0], for: principal)
            var all: [DocumentDTO] = []
            for document in documents { all.append(try await dto(document, for: principal)) }
            first.registered = all
            // A recall registers nothing: it answers with the copies it withdrew.
            return JSONBody.response(first, status: envelope.business == .recall ? .ok : .created)
        }
        routes.get("/api/v1/documents/{id}/edxml", .handleDocuments) { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.intParam("id")
            let envelope = try await services.documents.envelope(id, for: principal, at: services.clock.now())
            return Response(
                status: .ok,
                headers: [.contentType: "application/xml; charset=utf-8", .contentDisposition: "attachment; filename=\"van-ban-\(id).edxml\""],
                body: .init(byteBuffer: ByteBuffer(data: EdXMLWriter.write(envelope))))
        }
        routes.post("/api/v1/documents/{id}/files", .handleDocuments) { request, context in
            let principal = try context.requirePrincipal()
            let form = try await MultipartForm.from(request, context: context, limits: DocumentUploads.limits)
            let files = try DocumentUploads.attachments(try form.files("files"))
            let document = try await services.documents.act(
                try context.intParam("id"), .attach, DocumentActionInput(), files: files, by: principal, at: services.clock.now())
            return JSONBody.response(try await dto(document, for: principal), status: .created)
        }
        routes.get("/api/v1/documents/{id}/files/{fileId}/text", .handleDocuments) { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.intParam("id")
            _ = try await services.documents.get(id, for: principal)
            let fileId = try context.intParam("fileId")
            guard let text = try await services.documents.recognisedText(fileId, of: id) else { throw NotFoundError("file", String(fileId)) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        routes.get("/api/v1/documents/{id}/files/{fileId}", .handleDocuments) { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.intParam("id")
            _ = try await services.documents.get(id, for: principal)
            let fileId = try context.intParam("fileId")
            guard let file = try await services.documents.files(of: id).first(where: { $0.id == fileId }) else {
                throw NotFoundError("file", String(fileId))
            }
            let data = try await services.documents.fileData(fileId, of: id)
            // Served as a download: a sender's file is never rendered in HaiCap's origin.
            let name = file.name.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0.value >= 0x20 }.map(String.init).joined()
            return Response(
                status: .ok,
                headers: [
                    .contentType: file.contentType == "text/plain" ? "text/plain; charset=utf-8" : "application/octet-stream",
                    .contentDisposition: "attachment; filename=\"\(name.isEmpty ? "tep-\(fileId)" : name)\""
                ],
                body: .init(byteBuffer: ByteBuffer(data: data)))
        }
    }

    func dto(_ document: OfficialDocument, for principal: Principal) async throws -> DocumentDTO {
        let recipients = document.direction == .outgoing ? try await services.documents.recipients(of: document.id) : nil
        let helpers = document.direction == .incoming ? try await services.documents.helpers(of: document.id) : []
        let actions =
            DocumentStore.offered(document, helpers: helpers, to: principal)
        var dto = DocumentDTO(document, now: services.clock.now(), recipients: recipients, actions: actions)
        dto.files = try await services.documents.files(of: document.id).map { DocumentDTO.FileDTO($0, documentId: document.id) }
        dto.helpers = helpers.map(DocumentDTO.HelperDTO.init)
        return dto
    }

    /// A lead given by username is looked up (and must exist).
    func actionInput(_ body: DocumentActionBody?) async throws -> DocumentActionInput {
        func person(_ value: DocumentActionBody.Lead?, field: String) async throws -> Int? {
            switch value {
            case .id(let id): return id
            case .username(let name):
                guard let account = try await services.accounts.find(username: String(name.prefix(100))) else {
                    throw ValidationError(field: field, "Không có người dùng «\(name.prefix(100))».")
                }
                return account.id
            case nil: return nil
            }
        }
        var input = DocumentActionInput(
            note: body?.note, leadId: try await person(body?.lead, field: "lead"), support: body?.support?.text, instruction: body?.instruction,
            days: body?.days, replyToId: body?.replyTo)
        input.helperId = try await person(body?.helper, field: "helper")
        input.subject = body?.subject
        input.body = body?.body
        input.codeNumber = body?.codeNumber
        input.codeNotation = body?.codeNotation
        input.fromOrganName = body?.fromOrganName
        if let text = body?.issuedDate {
            guard let day = VietnamTime.day(text) else {
                throw ValidationError(field: "issuedDate", "Ngày ban hành viết dd/mm/yyyy hoặc yyyy-mm-dd.")
            }
            input.issuedDate = day
        }
        return input
    }

    static func listQuery(_ query: FormFields) throws -> DocumentStore.ListQuery {
        var check = Validator()
        let queue = query["queue"].map { DocumentStore.Queue(rawValue: $0) } ?? .all
        check.require(queue != nil, "queue", "Hàng đợi là một trong: \(DocumentStore.Queue.allCases.map(\.rawValue).joined(separator: ", ")).")
        let direction = query["direction"].map { DocumentDirection(rawValue: $0) } ?? nil
        check.require(query["direction"] == nil || direction != nil, "direction", "Chiều văn bản là den hoặc di.")
        let limit = query.int("limit", default: 50, range: 1...200, into: &check)
        let offset = query.int("offset", default: 0, range: 0...1_000_000, into: &check)
        let text = query["q"].map { String($0.prefix(200)) }
        try check.check()
        return DocumentStore.ListQuery(queue: queue ?? .all, direction: direction, text: text, limit: limit, offset: offset)
    }
}
