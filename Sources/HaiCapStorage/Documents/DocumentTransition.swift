import Foundation
import HaiCapDomain
import SQLKit

/// A document's part in a `CaseLedger` transition: a new incoming document registered by the clerk,
/// an incoming copy delivered from another HaiCap agency, a new draft, an action, or the withdrawal
/// of a copy whose sender recalled it.
struct DocumentTransition: CaseTransition {
    enum Target: Sendable {
        /// The document as the actor saw it: a change since then is answered with 409.
        case existing(OfficialDocument)
        /// Registered at the desk (paper, edXML): gets its arrival number now.
        case registered(OfficialDocument)
        /// Delivered by an issuing HaiCap agency: waits for the clerk as "arrived".
        case delivered(OfficialDocument)
        case drafted(OfficialDocument, [DocumentRecipient])
        /// The sender recalled it (the copy's id and the sender's reason).
        case withdrawn(Int, reason: String)
    }

    let store: DocumentStore
    let target: Target
    var action: DocumentAction?
    var input = DocumentActionInput()
    var actor: Principal?
    var actorName = ""
    /// What the action needs from other tables, read before the transaction.
    var lead: Account?
    /// Giving work: the colleague and the part's deadline (computed on the agency's calendar).
    var helper: Account?
    var helperDue: Date?
    var replyTo: OfficialDocument?
    /// Issuing: the HaiCap recipients' agencies and calendars, for their incoming copies.
    var recipientAgencies: [String: Agency] = [:]
    var recipientCalendars: [String: WorkCalendar] = [:]
    var issuingAgency: Agency?
    /// A registration's files (edXML attachments, scans) or the files an `attach` adds, and a
    /// registration's exchange identity (edXML `DocumentId`).
    var files: [EdXMLEnvelope.Attachment] = []
    var exchangeId: String?

    var createsCase: Bool {
        switch target {
        case .existing, .withdrawn: false
        case .registered, .delivered, .drafted: true
        }
    }

    func load(at now: Date, in session: any SQLDatabase) async throws -> (CaseRef, OfficialDocument) {
        switch target {
        case .existing(let before):
            // Locked on PostgreSQL (SQLite runs one transaction at a time).
            let current = try await store.get(before.id, in: session, forUpdate: true)
            guard current.status == before.status, current.updatedAt == before.updatedAt else { throw DocumentError.changedMeanwhile }
            return (CaseRef(.document, current.id), current)
        case .withdrawn(let id, _):
            let current = try await store.get(id, in: session, forUpdate: true)
            return (CaseRef(.document, id), current)
        case .registered(var document):
            document.arrivalNumber = try await DocumentNumbers.take(
                agencyId: document.agencyId, year: VietnamTime.localDate(of: now).year, series: .incoming, in: session)
            document.arrivalAt = now
            document.id = try await store.insert(document, at: now, in: session)
            return (CaseRef(.document, document.id), document)
        case .delivered(var document):
            document.id = try await store.insert(document, at: now, in: session)
            return (CaseRef(.document, document.id), document)
        case .drafted(var document, let recipients):
            document.id = try await store.insert(document, at: now, in: session)
            try await store.insertRecipients(recipients, of: document.id, in: session)
            return (CaseRef(.document, document.id), document)
        }
    }

    func decide(
        _ document: inout OfficialDocument, ref: CaseRef, clock: DeadlineClock?, at now: Date, in session: any SQLDatabase
    ) async throws -> CaseStep {
        let forwarding = DeadlineClock(start: now, duration: document.urgency.forwardingTime, extensionLimit: 0)
        switch target {
        case .registered:
            let number = document.arrivalNumber.map(String.init) ?? ""
            return CaseStep(
                action: DocumentAction.register.rawValue, from: nil, to: document.status.rawValue,
                note: "Vào sổ văn bản đến, số đến \(number) (\(document.channel.label.lowercased())).", isPublic: false,
                clock: [.start(forwarding)], agencyId: document.agencyId, auditDetail: "số đến \(number)")
        case .delivered:
            return CaseStep(
                action: "arrive", from: nil, to: document.status.rawValue,
                note: "Văn bản đến từ \(document.fromOrganName ?? "") qua liên thông HaiCap.", isPublic: false,
                clock: [.start(forwarding)], agencyId: document.agencyId, auditDetail: "từ \(document.fromOrganId ?? "")")
        case .drafted:
            return CaseStep(
                action: "draft", from: nil, to: document.status.rawValue, note: "Soạn dự thảo.", isPublic: false,
                agencyId: document.agencyId, auditDetail: document.type.rawValue)
        case .withdrawn(_, let reason):
            let before = document.status
            document.status = .withdrawn
            document.withdrawnReason = reason
            document.updatedAt = now
            return CaseStep(
                action: "withdraw", from: before.rawValue, to: DocumentStatus.withdrawn.rawValue,
                note: "Cơ quan gửi thu hồi văn bản: \(reason)", isPublic: false, clock: clock == nil ? [] : [.stop], stopped: true,
                agencyId: document.agencyId, auditDetail: "\(before.rawValue) → bi-thu-hoi")
        case .existing:
            return try await decideAction(&document, clock: clock, at: now, in: session)
        }
    }

    private func decideAction(
        _ document: inout OfficialDocument, clock: DeadlineClock?, at now: Date, in session: any SQLDatabase
    ) async throws -> CaseStep {
        guard let action else { preconditionFailure("an existing document needs an action") }
        let before = document
        let rule = action.rule
        var changes: [ClockChange] = []
        var note: String
        switch action {
        case .register:
            document.arrivalNumber = try await DocumentNumbers.take(
                agencyId: document.agencyId, year: VietnamTime.localDate(of: now).year, series: .incoming, in: session)
            document.arrivalAt = now
            note = "Vào sổ văn bản đến, số đến \(document.arrivalNumber!)." + (input.note.map { " \($0)" } ?? "")
            changes.append(.restart(DeadlineClock(start: now, duration: document.urgency.forwardingTime, extensionLimit: 0)))
        case .refuse:
            note = try input.requiredNote(minimum: 5, "Nêu lý do từ chối tiếp nhận (ít nhất 5 ký tự).")
        case .assign:
            guard let lead else { throw ValidationError(field: "lead", "Chọn người chủ trì xử lý.") }
            guard let days = input.days, (0...365).contains(days) else {
                throw ValidationError(field: "days", "Nhập thời hạn xử lý từ 0 đến 365 ngày làm việc.")
            }
            let instruction = (input.instruction ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard instruction.count <= 2000 else { throw ValidationError(field: "instruction", "Ý kiến chỉ đạo tối đa 2.000 ký tự.") }
            let support = (input.support ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard support.count <= 500 else { throw ValidationError(field: "support", "Đơn vị phối hợp tối đa 500 ký tự.") }
            document.leadId = lead.id
            document.leadName = lead.fullName
            document.support = support.isEmpty ? nil : support
            document.instruction = instruction.isEmpty ? nil : instruction
            changes.append(.restart(DeadlineClock(start: now, duration: .workingDays(days), extensionLimit: 1)))
            note =
                "Giao \(lead.fullName) chủ trì" + (document.support.map { ", phối hợp: \($0)" } ?? "") + ", thời hạn \(days) ngày làm việc."
                + (document.instruction.map { " Chỉ đạo: \($0)" } ?? "")
        case .progress:
            note = try input.requiredNote(minimum: 5, "Nêu tiến độ xử lý (ít nhất 5 ký tự).")
        case .correct:
            var check = Validator()
            var changed: [String] = []
            func set(_ value: String?, _ keyPath: WritableKeyPath<OfficialDocument, String?>, field: String, label: String, max: Int) {
                guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), value != document[keyPath: keyPath] ?? "" else { return }
                check.require(!value.isEmpty && value.count <= max, field, "\(label) từ 1 đến \(max) ký tự.")
                document[keyPath: keyPath] = value
                changed.append(label.lowercased())
            }
            set(input.codeNumber, \.codeNumber, field: "codeNumber", label: "Số", max: 11)
            set(input.codeNotation, \.codeNotation, field: "codeNotation", label: "Ký hiệu", max: 30)
            set(input.fromOrganName, \.fromOrganName, field: "fromOrganName", label: "Cơ quan ban hành", max: 200)
            if let subject = input.subject?.trimmingCharacters(in: .whitespacesAndNewlines), subject != document.subject {
                check.require(!subject.isEmpty && subject.count <= 500, "subject", "Trích yếu từ 1 đến 500 ký tự.")
                document.subject = subject
                changed.append("trích yếu")
            }
            if let date = input.issuedDate, date != document.issuedDate {
                check.require(date <= VietnamTime.localDate(of: now), "issuedDate", "Ngày ban hành không được sau hôm nay.")
                document.issuedDate = date
                changed.append("ngày ban hành")
            }
            check.require(!changed.isEmpty, "subject", "Thông tin vào sổ chưa có gì thay đổi.")
            try check.check()
            note = "Sửa thông tin vào sổ: \(changed.joined(separator: ", "))." + (input.note.map { " \($0)" } ?? "")
        case .delegate:
            guard let helper else { throw ValidationError(field: "helper", "Chọn người được giao.") }
            let instruction = try input.requiredNote(minimum: 5, "Nêu phần việc được giao (ít nhất 5 ký tự).")
            guard instruction.count <= 2000 else { throw ValidationError(field: "note", "Nội dung giao việc tối đa 2.000 ký tự.") }
            note = "Giao \(helper.fullName): \(instruction)" + (helperDue.map { " Hạn: \(VietnamTime.text($0))." } ?? "")
        case .report:
            note = try input.requiredNote(minimum: 5, "Nêu kết quả phần việc (ít nhất 5 ký tự).")
            guard note.count <= 2000 else { throw ValidationError(field: "note", "Kết quả tối đa 2.000 ký tự.") }
        case .complete:
            note = input.note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } ?? "Đã xử lý xong."
            guard note.count <= 2000 else { throw ValidationError(field: "note", "Ghi chú tối đa 2.000 ký tự.") }
            if let replyTo { note += " Văn bản trả lời: \(replyTo.numberAndNotation ?? "dự thảo số \(replyTo.id)")." }
        case .revise:
            let subject = (input.subject ?? document.subject).trimmingCharacters(in: .whitespacesAndNewlines)
            let body = input.body ?? document.body ?? ""
            var check = Validator()
            check.require(!subject.isEmpty && subject.count <= 500, "subject", "Trích yếu từ 1 đến 500 ký tự.")
            check.require(!body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "body", "Nhập nội dung văn bản.")
            check.require(body.count <= OutgoingInput.maxBody, "body", "Nội dung tối đa 100.000 ký tự.")
            check.require(subject != document.subject || body != (document.body ?? ""), "body", "Dự thảo chưa có gì thay đổi.")
            let what = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            check.require(what.count <= 500, "note", "Ghi chú tối đa 500 ký tự.")
            try check.check()
            document.subject = subject
            document.body = body
            note = "Sửa dự thảo" + (what.isEmpty ? "." : ": \(what)")
        case .submit:
            note = input.note ?? "Trình duyệt dự thảo."
        case .pass:
            note = try input.requiredNote("Nhập ý kiến khi chuyển lãnh đạo duyệt.")
        case .return:
            note = try input.requiredNote(minimum: 5, "Nêu ý kiến khi trả lại dự thảo (ít nhất 5 ký tự).")
        case .sign:
            document.signerName = actor?.fullName
            if let position = input.note?.trimmingCharacters(in: .whitespaces), !position.isEmpty {
                guard position.count <= 100 else { throw ValidationError(field: "note", "Chức vụ người ký tối đa 100 ký tự.") }
                document.signerPosition = position
            }
            note = "Ký duyệt văn bản."
        case .issue:
            guard let agency = issuingAgency else { preconditionFailure("issuing needs the agency") }
            let today = VietnamTime.localDate(of: now)
            let series = DocumentSeries.of(type: document.type, normative: document.normative, secrecy: document.secrecy)
            let number = try await DocumentNumbers.take(agencyId: document.agencyId, year: today.year, series: series, in: session)
            document.codeNumber = DocumentNotation.number(number)
            document.codeNotation = DocumentNotation.notation(
                type: document.type, organ: DocumentNotation.organ(of: agency), draftingUnit: document.draftingUnit,
                normativeYear: document.normative ? today.year : nil)
            document.issuedDate = today
            try await store.setNumber(document.id, series: series, number: number, in: session)
            note = "Cấp số \(document.numberAndNotation!), phát hành ngày \(VietnamTime.text(today))."
        case .recall:
            note = try input.requiredNote(minimum: 5, "Nêu lý do thu hồi (ít nhất 5 ký tự).")
        case .comment:
            note = try input.requiredNote("Nhập ghi chú.")
        case .attach:
            guard !files.isEmpty else { throw ValidationError(field: "files", "Chọn tệp cần đính kèm.") }
            note = "Đính kèm \(files.count) tệp: \(files.map(\.name).joined(separator: ", "))."
        }
        if let to = rule.to { document.status = to }
        if action == .assign { document.status = .assigned }
        document.updatedAt = now
        if rule.clock == .stop, clock != nil { changes.append(.stop) }
        return CaseStep(
            action: action.rawValue, from: before.status.rawValue, to: document.status.rawValue, note: note,
            isPublic: rule.isPublic, clock: changes, stopped: !document.status.isOpen, agencyId: document.agencyId,
            auditDetail: "\(before.status.rawValue) → \(document.status.rawValue)")
    }

    func write(
        _ document: inout OfficialDocument, step: inout CaseStep, due: Date?, running: Bool, at now: Date, in session: any SQLDatabase
    ) async throws {
        if let due { document.due = due }
        if action == .assign { document.leadId = lead?.id }
        try await store.update(document, running: running, at: now, in: session)
        // The index follows the fields it holds (numbering, signing), not every step.
        if case .existing(let before) = target, DocumentStore.searchText(before) != DocumentStore.searchText(document) {
            try await store.reindex(document.id, in: session)
        }
    }

    func extras(_ document: OfficialDocument, ref: CaseRef, step: CaseStep, at now: Date, in session: any SQLDatabase) async throws {
        if case .registered = target {
            try await store.storeFiles(files, of: document.id, at: now, in: session)
            if let exchangeId { try await store.setExchangeId(document.id, exchangeId, in: session) }
            // Received by edXML: arrived, and accepted at once, as the sender will hear.
            try await store.queueStatus(.arrived, of: document, note: "", at: now, in: session)
        }
        // An incoming copy tells its sender how it stands (QCVN 102 01–06): inside HaiCap at once,
        // an outside sender through the exchange.
        if let status = Self.exchangeStatus(after: step.action) {
            if let source = document.sourceId {
                try await store.report(status, of: document, to: source, note: step.note, at: now, in: session)
            }
            try await store.queueStatus(status, of: document, note: step.note, at: now, in: session)
        }
        switch action {
        case .revise:
            if case .existing(let before) = target {
                try await store.keepVersion(before, replacedBy: actorName, at: now, note: step.note, revised: document, in: session)
            }
        case .delegate:
            if let helper {
                try await store.giveWork(
                    document, to: helper, instruction: (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines), due: helperDue,
                    by: actorName, at: now, in: session)
            }
        case .report:
            if let actor { try await store.reportWork(document, by: actor, note: step.note, at: now, in: session) }
        case .attach:
            try await store.storeFiles(files, of: document.id, at: now, in: session)
        case .sign:
            // The leader's own key signs the SHA-256 of what was approved (DocumentContent).
            guard let actor else { preconditionFailure("a signature needs its signer") }
            _ = try await store.recordSignature(document, by: actor, at: now, in: session)
        case .issue:
            try await deliver(document, at: now, in: session)
            try await store.queueExternal(document, at: now, in: session)
            if document.supersedesId != nil { try await supersede(with: document, at: now, in: session) }
        case .recall:
            try await store.queueExternal(document, at: now, in: session)
            for recipient in try await store.recipients(of: document.id, in: session) {
                guard let copy = recipient.incomingId else { continue }
                let current = try await store.get(copy, in: session)
                guard current.status != .withdrawn, current.status != .refused else { continue }
                let reason = step.note
                let withdrawal = DocumentTransition(store: store, target: .withdrawn(copy, reason: reason), actor: actor, actorName: actorName)
                let calendar = try calendar(of: current.agencyId)
                _ = try await store.ledger.record(withdrawal, by: actor, actorName: actorName, calendar: calendar, at: now, in: session)
            }
        default:
            break
        }
    }

    /// Each HaiCap recipient gets its incoming copy now, in this transaction, through the ledger;
    /// outside organs wait for the edXML exchange.
    private func deliver(_ document: OfficialDocument, at now: Date, in session: any SQLDatabase) async throws {
        let recipients = try await store.recipients(of: document.id, in: session)
        for (position, recipient) in recipients.enumerated() where recipient.isInternal {
            guard let organId = recipient.organId, let agency = recipientAgencies[organId] else { continue }
            let copy = OfficialDocument(
                id: 0, direction: .incoming, agencyId: agency.id, agencyName: agency.name, unitCode: agency.unitCode, status: .arrived,
                type: document.type, subject: document.subject, body: document.body, codeNumber: document.codeNumber,
                codeNotation: document.codeNotation, issuedDate: document.issuedDate, fromOrganId: document.agencyId,
                fromOrganName: document.agencyName, signerName: document.signerName, signerPosition: document.signerPosition,
                urgency: document.urgency, secrecy: document.secrecy, channel: .internalExchange, sourceId: document.id,
                createdAt: now, updatedAt: now)
            let delivery = DocumentTransition(store: store, target: .delivered(copy), actor: actor, actorName: actorName)
            let (_, delivered) = try await store.ledger.record(
                delivery, by: actor, actorName: "Hệ thống liên thông", calendar: try calendar(of: agency.id), at: now, in: session)
            try await store.setRecipient(of: document.id, position: position, incomingId: delivered.id, in: session)
            try await store.report(.arrived, of: delivered, to: document.id, note: nil, at: now, in: session)
        }
    }

    /// A recipient's calendar, read before the transaction (SQLite's one connection is held by it).
    func calendar(of agencyId: String) throws -> WorkCalendar {
        guard let calendar = recipientCalendars[agencyId] else { throw NotFoundError("agency", agencyId) }
        return calendar
    }

    /// The status package an incoming copy's step sends back (nil: none; its arrival (01) is
    /// reported by the delivery, once the sender's recipient row knows the copy).
    static func exchangeStatus(after action: String) -> ExchangeStatus? {
        switch action {
        case DocumentAction.register.rawValue: .accepted
        case DocumentAction.refuse.rawValue: .refused
        case DocumentAction.assign.rawValue: .assigned
        case DocumentAction.progress.rawValue: .inProgress
        case DocumentAction.complete.rawValue: .done
        // A copy withdrawn because its sender recalled or replaced it: the sender's request is met.
        case "withdraw": .recallAccepted
        default: nil
        }
    }
}
