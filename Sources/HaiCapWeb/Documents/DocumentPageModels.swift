import Foundation
import HaiCapDomain
import HaiCapStorage

/// The desk (`documents.mustache`).
struct DocumentDeskPage: PageModel {
    struct Tab {
        let label: String
        let href: String
        let current: Bool
    }

    struct Row {
        let href: String
        let direction: String
        let number: String
        let notation: String
        let subject: String
        let organ: String
        let due: String
        let overdue: Bool
        let status: String
        let urgency: String
        let urgent: Bool
        let secret: Bool
        /// A search result found in the text read off a scan.
        let inScan: Bool

        init(_ document: OfficialDocument, now: Date, inScan: Bool = false) {
            self.inScan = inScan
            href = SitePath.document(id: document.id).href
            direction = document.direction == .incoming ? "Đến" : "Đi"
            number = document.direction == .incoming ? document.arrivalNumber.map { "Số đến \($0)" } ?? "Chưa vào sổ" : ""
            notation = document.numberAndNotation ?? "Dự thảo"
            subject = document.subject
            organ = document.direction == .incoming ? document.fromOrganName ?? "" : document.agencyName
            due = DossierViews.time(document.status.isOpen ? document.due : nil)
            overdue = document.isOverdue(at: now)
            status = document.status.label
            urgency = document.urgency.label
            urgent = document.urgency != .normal
            secret = document.secrecy.isSecret
        }
    }

    let queues: [Tab]
    let queue: String
    let q: String
    /// Results of a search (the query over every document the official sees), not a queue.
    let searching: Bool
    let searchSummary: String
    let rows: [Row]
    let empty: Bool
    let canRegister: Bool
    let registerHref: String
    let canDraft: Bool
    let draftHref: String
    let edxmlAction: String
    let csrf: String
    let pager: [String: Any]
    let message: String?
    let hasMessage: Bool
    let fieldProblems: [FieldProblem]
    let hasProblems: Bool
    let problems: [[String: Any]]
}

/// Registering an incoming document and drafting an outgoing one (`document-register`, `document-draft`).
struct DocumentFormPage: PageModel {
    struct Link {
        let label: String
        let href: String
    }

    let values: [String: String]
    let types: [ActionField.Option]
    let urgencies: [ActionField.Option]
    let secrecies: [ActionField.Option]
    /// Drafting an update or a replacement of an issued document.
    var supersessions: [ActionField.Option] = []
    let agencies: [ActionField.Option]
    let duplicates: [Link]
    let hasDuplicates: Bool
    let action: String
    /// Typed models carry the form's CSRF token themselves (the renderer adds it only to dictionaries).
    let csrf: String
    let fieldProblems: [FieldProblem]
    let hasProblems: Bool
    let problems: [[String: Any]]
}

/// One document (`document.mustache`).
struct DocumentCasePage: PageModel {
    struct Fact {
        let label: String
        let value: String
    }

    struct File {
        let name: String
        let size: String
        let description: String
        let href: String
        /// What OCR made of a scan, in words ("Đã đọc chữ: 1.234 ký tự"); empty for other files.
        let ocr: String
        let textHref: String
        let hasText: Bool
        let hasOCR: Bool

        init(_ file: DocumentFile, documentId id: Int) {
            name = file.name
            size = DossierViews.number(max(1, file.size / 1024)) + " KB"
            description = file.description
            href = "/api/v1/documents/\(id)/files/\(file.id)"
            switch file.textState {
            case .done?: ocr = "Đã đọc chữ: \(DossierViews.number(file.textLength ?? 0)) ký tự"
            case .pending?: ocr = file.textError.map { "Chưa đọc được chữ, sẽ thử lại: \($0)" } ?? "Đang đọc chữ (OCR)…"
            case .failed?: ocr = "Không đọc được chữ" + (file.textError.map { ": \($0)" } ?? "")
            case nil: ocr = ""
            }
            hasOCR = !ocr.isEmpty
            textHref = file.textState == .done ? href + "/text" : ""
            hasText = !textHref.isEmpty
        }
    }

    struct Recipient {
        let name: String
        let kind: String
        let status: String
        let at: String
        let href: String
        let hasHref: Bool
    }

    let heading: String
    let status: String
    let overdue: Bool
    let urgent: Bool
    let urgency: String
    let secret: Bool
    let secrecy: String
    let facts: [Fact]
    let body: String
    let hasBody: Bool
    let recipients: [Recipient]
    let hasRecipients: Bool
    let files: [File]
    let hasFiles: Bool
    let edxmlHref: String
    let hasEdxml: Bool
    let printHref: String
    let printLabel: String
    /// "Kiểm tra chữ ký số (1)" when the document carries signatures.
    var signaturesHref = ""
    var signaturesLabel = ""
    var hasSignatures = false
    /// Work given inside the agency (giao việc).
    struct Helper {
        let name: String
        let instruction: String
        let due: String
        let late: Bool
        let state: String
        let by: String
    }

    /// Earlier versions of a draft.
    struct Version {
        let number: Int
        let subject: String
        let body: String
        let replaced: String
        let note: String
    }

    var versions: [Version] = []
    var hasVersions = false
    var helpers: [Helper] = []
    var hasHelpers = false
    /// «Soạn văn bản cập nhật, thay thế» on an issued outgoing document.
    var supersedeHref = ""
    var canSupersede = false
    let timeline: [TimelineRow]
    let actions: [ActionForm]
    let hasActions: Bool
    let replyHref: String
    let canReply: Bool
    let message: String?
    let hasMessage: Bool
    let csrf: String
    let fieldProblems: [FieldProblem]
    let hasProblems: Bool
    let problems: [[String: Any]]

    init(
        _ document: OfficialDocument, now: Date, recipients: [DocumentRecipient], files: [File], edxmlHref: String, timeline: [TimelineRow],
        actions: [ActionForm],
        replyHref: String, message: String?, csrf: String, problems: [FieldProblem]
    ) {
        heading =
            (document.direction == .incoming ? "Văn bản đến" : "Văn bản đi") + " — " + document.type.label
            + (document.numberAndNotation.map { " số \($0)" } ?? " (dự thảo)")
        status = document.status.label
        overdue = document.isOverdue(at: now)
        urgent = document.urgency != .normal
        urgency = document.urgency.label
        secret = document.secrecy.isSecret
        secrecy = document.secrecy.label
        var facts: [Fact] = [Fact(label: "Trích yếu", value: document.subject)]
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { facts.append(Fact(label: label, value: value)) }
        }
        add("Số, ký hiệu", document.numberAndNotation)
        add("Ngày ban hành", document.issuedDate.map { DossierViews.date($0) })
        if document.direction == .incoming {
            add("Cơ quan ban hành", document.fromOrganName.map { name in document.fromOrganId.map { "\(name) (\($0))" } ?? name })
            add("Số đến", document.arrivalNumber.map(String.init))
            add("Ngày đến", document.arrivalAt.map { DossierViews.time($0) })
            add("Hình thức", document.channel.label)
            add("Hạn trả lời bên gửi đề nghị", document.requestedDue.map { DossierViews.date($0) })
        } else {
            add("Đơn vị soạn thảo", document.draftingUnit)
            add("Người soạn", document.createdByName)
            if document.normative { add("Loại", "Văn bản quy phạm pháp luật") }
        }
        add("Cơ quan", document.agencyName)
        add("Người ký", [document.signerPosition, document.signerName].compactMap { $0 }.joined(separator: " "))
        add("Số trang", document.pages.map(String.init))
        add("Người chủ trì", document.leadName)
        add("Phối hợp", document.support)
        add("Ý kiến chỉ đạo", document.instruction)
        if document.status.isOpen { add("Hạn xử lý", DossierViews.time(document.due)) }
        add("Lý do thu hồi", document.withdrawnReason)
        add("Văn bản nguồn (liên thông)", document.sourceId.map { "mã \($0)" })
        add("Trả lời văn bản", document.replyToId.map { "mã \($0)" })
        add(
            document.supersession == .update ? "Cập nhật, đính chính văn bản" : "Thay thế văn bản",
            document.supersedesId.map { "mã \($0)" + ((document.supersedeReason ?? "").isEmpty ? "" : " — \(document.supersedeReason!)") })
        add("Đã được cập nhật hoặc thay thế bởi", document.successorId.map { "mã \($0)" })
        self.facts = facts
        body = document.body ?? ""
        hasBody = !(document.body ?? "").isEmpty
        self.recipients = recipients.map { recipient in
            Recipient(
                name: recipient.organName, kind: recipient.isInternal ? "Trong HaiCap" : "Ngoài HaiCap (edXML)",
                status: recipient.status.map { "\($0.label) (\($0.rawValue))" } ?? (recipient.isInternal ? "Chưa gửi" : "Chờ gửi"),
                at: DossierViews.time(recipient.statusAt), href: "", hasHref: false)
        }
        hasRecipients = !recipients.isEmpty
        self.files = files
        hasFiles = !files.isEmpty
        self.edxmlHref = edxmlHref
        hasEdxml = !edxmlHref.isEmpty
        printHref = SitePath.documentPrint(id: document.id).href
        printLabel =
            document.direction == .incoming
            ? "In phiếu giải quyết văn bản đến" : document.issuedDate == nil ? "Xem bản in dự thảo" : "In văn bản (thể thức Nghị định 30)"
        self.timeline = timeline
        self.actions = actions
        hasActions = !actions.isEmpty
        self.replyHref = replyHref
        canReply = !replyHref.isEmpty
        self.message = message
        hasMessage = message != nil
        self.csrf = csrf
        fieldProblems = problems
        hasProblems = !problems.isEmpty
        self.problems = FieldLabels.rows(problems)
    }
}
