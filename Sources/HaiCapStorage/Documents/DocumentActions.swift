import Foundation
import HaiCapDomain
import SQLKit

extension DocumentStore {
    /// Registers an incoming document at the desk (paper, or an edXML file), all or nothing: the
    /// row with its arrival number, the forwarding clock, the timeline and the audit entry, and its
    /// files. A likely duplicate is refused with its numbers unless the clerk confirms.
    public func registerIncoming(
        _ input: IncomingInput, files: [EdXMLEnvelope.Attachment] = [], exchangeId: String? = nil, by principal: Principal, at now: Date
    ) async throws -> OfficialDocument {
        let prepared = try await prepareRegistration(input, files: files, exchangeId: exchangeId, by: principal, at: now)
        let (ref, _) = try await ledger.record(
            prepared.transition, by: principal, actorName: principal.fullName, calendar: prepared.calendar, at: now)
        return try await get(ref.number!)
    }

    /// An edXML envelope pushed or uploaded: registered, in one transaction, at every HaiCap agency
    /// it is addressed to that the sender of the request may register for; refused whole when it is
    /// addressed to none, or when one of them holds it already.
    public func receive(_ envelope: EdXMLEnvelope, by principal: Principal, at now: Date) async throws -> [OfficialDocument] {
        if envelope.business == .recall { return try await receiveRecall(envelope, by: principal, at: now) }
        var prepared: [(transition: DocumentTransition, calendar: WorkCalendar)] = []
        var unknown: [String] = []
        for organ in envelope.to {
            guard let agency = try? await agencies.get(organ.organId) else {
                unknown.append(organ.organId)
                continue
            }
            guard (try? authoriseCreation(DocumentAction.register, at: agency, by: principal)) != nil else { continue }
            prepared.append(
                try await prepareRegistration(
                    envelope.incomingInput(agencyId: agency.id), files: envelope.attachments,
                    exchangeId: envelope.documentId.isEmpty ? nil : envelope.documentId, by: principal, at: now))
        }
        guard !prepared.isEmpty else { throw DocumentError.unknownRecipient(unknown.joined(separator: ", ")) }
        let registrations = prepared
        let refs = try await database.transaction { session in
            var refs: [CaseRef] = []
            for item in registrations {
                let (ref, registered) = try await ledger.record(
                    item.transition, by: principal, actorName: principal.fullName, calendar: item.calendar, at: now, in: session)
                refs.append(ref)
                // An update or a replacement changes what the agency holds of the earlier document.
                if envelope.business == .update || envelope.business == .replace {
                    _ = try await applyOutsideBusiness(
                        envelope, agencyId: registered.agencyId, newId: registered.id, by: principal, calendar: item.calendar, at: now,
                        in: session)
                }
            }
            return refs
        }
        var documents: [OfficialDocument] = []
        for ref in refs { documents.append(try await get(ref.number!)) }
        return documents
    }

    /// An edXML recall from outside HaiCap: the copies the addressed agencies hold are withdrawn
    /// with the sender's reason, and the sender hears 15; not found when none holds it.
    func receiveRecall(_ envelope: EdXMLEnvelope, by principal: Principal, at now: Date) async throws -> [OfficialDocument] {
        var targets: [(agencyId: String, calendar: WorkCalendar)] = []
        for organ in envelope.to {
            guard let agency = try? await agencies.get(organ.organId),
                (try? authoriseCreation(DocumentAction.register, at: agency, by: principal)) != nil
            else { continue }
            targets.append((agency.id, try await calendars.calendar(agencyId: agency.id)))
        }
        let all = targets
        let changed = try await database.transaction { session in
            var changed: [Int] = []
            for target in all {
                changed += try await applyOutsideBusiness(
                    envelope, agencyId: target.agencyId, newId: nil, by: principal, calendar: target.calendar, at: now, in: session)
            }
            return changed
        }
        guard !changed.isEmpty else { throw NotFoundError(CaseKind.document.name, envelope.documentId) }
        var documents: [OfficialDocument] = []
        for id in changed { documents.append(try await get(id)) }
        return documents
    }

    /// Everything a registration reads and checks before its transaction.
    func prepareRegistration(
        _ input: IncomingInput, files: [EdXMLEnvelope.Attachment], exchangeId: String?, by principal: Principal, at now: Date
    ) async throws -> (transition: DocumentTransition, calendar: WorkCalendar) {
        try input.validate(today: VietnamTime.localDate(of: now))
        let agency = try await agencies.get(input.agencyId ?? principal.agencyId)
        try authoriseCreation(DocumentAction.register, at: agency, by: principal)
        let number = input.codeNumber.trimmingCharacters(in: .whitespaces)
        let notation = input.codeNotation.trimmingCharacters(in: .whitespaces)
        let organ = input.fromOrganName.trimmingCharacters(in: .whitespaces)
        if !input.confirmDuplicate {
            var duplicates = try await likelyDuplicates(agencyId: agency.id, fromOrganName: organ, codeNumber: number, codeNotation: notation)
            if let exchangeId { duplicates += try await holding(exchangeId: exchangeId, agencyId: agency.id).filter { !duplicates.contains($0) } }
            if !duplicates.isEmpty { throw DocumentError.likelyDuplicate(ids: duplicates.sorted()) }
        }
        let document = OfficialDocument(
            id: 0, direction: .incoming, agencyId: agency.id, agencyName: agency.name, unitCode: agency.unitCode, status: .registered,
            type: input.type!, subject: input.subject.trimmingCharacters(in: .whitespacesAndNewlines), codeNumber: number,
            codeNotation: notation, issuedDate: input.issuedDate, fromOrganId: input.fromOrganId.flatMap { $0.isEmpty ? nil : $0 },
            fromOrganName: organ, signerName: input.signerName, signerPosition: input.signerPosition, urgency: input.urgency,
            secrecy: input.secrecy, pages: input.pages, channel: input.channel, requestedDue: input.requestedDue,
            createdById: principal.userId, createdByName: principal.fullName, createdAt: now, updatedAt: now)
        var transition = DocumentTransition(store: self, target: .registered(document), actor: principal, actorName: principal.fullName)
        transition.files = files
        transition.exchangeId = exchangeId
        return (transition, try await calendars.calendar(agencyId: agency.id))
    }

    /// A new outgoing draft with its distribution list; HaiCap agencies among the recipients are
    /// recognised by their identifier and will receive it inside HaiCap when it is issued.
    public func draftOutgoing(_ input: OutgoingInput, by principal: Principal, at now: Date) async throws -> OfficialDocument {
        try input.validate()
        let agency = try await agencies.get(input.agencyId ?? principal.agencyId)
        try authoriseCreation(DocumentAction.submit, at: agency, by: principal)
        var recipients: [DocumentRecipient] = []
        for recipient in input.recipients {
            let id = recipient.organId?.trimmingCharacters(in: .whitespaces) ?? ""
            if !id.isEmpty, let known = try? await agencies.get(id) {
                guard known.id != agency.id else { throw ValidationError(field: "recipients", "Nơi nhận không thể là chính cơ quan ban hành.") }
                recipients.append(DocumentRecipient(organId: known.id, organName: known.name, isInternal: true))
            } else {
                let name = (recipient.organName ?? "").trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw DocumentError.unknownRecipient(id) }
                guard name.count <= 200 else { throw ValidationError(field: "recipients", "Tên nơi nhận tối đa 200 ký tự.") }
                if !id.isEmpty, (try? AgencyIdentifier(id)) == nil {
                    throw ValidationError(field: "recipients", "Mã định danh «\(id)» không đúng dạng 000.00.00.H29 (QCVN 102:2016).")
                }
                recipients.append(DocumentRecipient(organId: id.isEmpty ? nil : id, organName: name, isInternal: false))
            }
        }
        if let reply = input.replyToId {
            let incoming = try await get(reply, for: principal)
            guard incoming.direction == .incoming, incoming.agencyId == agency.id else {
                throw ValidationError(field: "replyTo", "Văn bản được trả lời phải là văn bản đến của cơ quan.")
            }
        }
        if let supersedes = input.supersedes {
            let earlier = try await get(supersedes.id, for: principal)
            // Updated documents may be updated again or replaced; a replaced one is out of force.
            var replaced = false
            if let successor = earlier.successorId { replaced = try await get(successor).supersession == .replace }
            guard earlier.direction == .outgoing, earlier.agencyId == agency.id, earlier.status == .issued, !replaced else {
                throw ValidationError(
                    field: "supersedes.id", "Chỉ cập nhật hoặc thay thế được văn bản đi đã phát hành của cơ quan, chưa bị thay thế hay thu hồi.")
            }
        }
        var document = OfficialDocument(
            id: 0, direction: .outgoing, agencyId: agency.id, agencyName: agency.name, unitCode: agency.unitCode, status: .draft,
            type: input.type!, subject: input.subject.trimmingCharacters(in: .whitespacesAndNewlines), body: input.body,
            signerPosition: input.signerPosition, urgency: input.urgency, secrecy: input.secrecy, channel: .drafted,
            draftingUnit: input.draftingUnit.flatMap { $0.isEmpty ? nil : $0 }, normative: input.normative, replyToId: input.replyToId,
            createdById: principal.userId, createdByName: principal.fullName, createdAt: now, updatedAt: now)
        document.supersedesId = input.supersedes?.id
        document.supersession = input.supersedes?.kind
        document.supersedeReason = input.supersedes?.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let calendar = try await calendars.calendar(agencyId: agency.id)
        let transition = DocumentTransition(store: self, target: .drafted(document, recipients), actor: principal, actorName: principal.fullName)
        let (ref, _) = try await ledger.record(transition, by: principal, actorName: principal.fullName, calendar: calendar, at: now)
        return try await get(ref.number!)
    }

    /// Applies one action through the case ledger, all or nothing.
    public func act(
        _ id: Int, _ action: DocumentAction, _ input: DocumentActionInput, files: [EdXMLEnvelope.Attachment] = [], by principal: Principal,
        at now: Date
    ) async throws -> OfficialDocument {
        let before = try await get(id, for: principal)
        guard Policy.mayAct(principal, before.scope) else { throw AccessError.forbidden }
        if let direction = action.direction, direction != before.direction { throw DocumentError.notAllowed(action: action, status: before.status) }
        switch DocumentWorkflow.refusal(action, in: before.status, by: .official(principal)) {
        case .role: throw AccessError.forbidden
        case .state: throw DocumentError.notAllowed(action: action, status: before.status)
        case nil: break
        }
        if action == .delegate || action == .report {
            guard Self.mayTake(action, on: before, helpers: try await helpers(of: id), by: principal) else { throw AccessError.forbidden }
        }
        var transition = DocumentTransition(
            store: self, target: .existing(before), action: action, input: input, actor: principal, actorName: principal.fullName)
        transition.files = action == .attach ? files : []
        // Everything that reads other tables happens before the transaction (SQLite has one connection).
        switch action {
        case .assign:
            guard let leadId = input.leadId else { throw ValidationError(field: "lead", "Chọn người chủ trì xử lý.") }
            let lead = try await accounts.get(leadId)
            guard lead.agencyId == before.agencyId, !lead.isDisabled else {
                throw ValidationError(field: "lead", "Người chủ trì phải là cán bộ đang làm việc của \(before.agencyName).")
            }
            transition.lead = lead
        case .delegate:
            guard before.secrecy == .normal else {
                throw ValidationError(field: "helper", "Văn bản mật chỉ do người chủ trì xử lý, không giao tiếp trong đơn vị.")
            }
            guard let helperId = input.helperId else { throw ValidationError(field: "helper", "Chọn người được giao.") }
            let helper = try await accounts.get(helperId)
            guard helper.agencyId == before.agencyId, !helper.isDisabled, helper.id != before.leadId else {
                throw ValidationError(field: "helper", "Người được giao phải là cán bộ khác của \(before.agencyName), không phải người chủ trì.")
            }
            transition.helper = helper
            if let days = input.days {
                guard (0...365).contains(days) else { throw ValidationError(field: "days", "Thời hạn từ 0 đến 365 ngày làm việc.") }
                let due = try await calendars.calendar(agencyId: before.agencyId).addWorkingDays(days, to: now)
                if let documentDue = before.due, due > documentDue {
                    throw ValidationError(field: "days", "Hạn phần việc không được sau hạn xử lý văn bản (\(VietnamTime.text(documentDue))).")
                }
                transition.helperDue = due
            } else {
                transition.helperDue = before.due
            }
        case .complete:
            if let reply = input.replyToId {
                let document = try await get(reply, for: principal)
                guard document.direction == .outgoing, document.agencyId == before.agencyId else {
                    throw ValidationError(field: "replyTo", "Văn bản trả lời phải là văn bản đi của cơ quan.")
                }
                transition.replyTo = document
            }
        case .issue:
            transition.issuingAgency = try await agencies.get(before.agencyId)
            for recipient in try await recipients(of: id) where recipient.isInternal {
                guard let organId = recipient.organId else { continue }
                transition.recipientAgencies[organId] = try await agencies.get(organId)
                transition.recipientCalendars[organId] = try await calendars.calendar(agencyId: organId)
            }
            // The copies an update or a replacement supersedes may sit at other agencies.
            if let earlier = before.supersedesId {
                for recipient in try await recipients(of: earlier) where recipient.incomingId != nil {
                    guard let organId = recipient.organId, transition.recipientCalendars[organId] == nil else { continue }
                    transition.recipientCalendars[organId] = try await calendars.calendar(agencyId: organId)
                }
            }
        case .recall:
            for recipient in try await recipients(of: id) where recipient.incomingId != nil {
                guard let organId = recipient.organId else { continue }
                transition.recipientCalendars[organId] = try await calendars.calendar(agencyId: organId)
            }
        default:
            break
        }
        let calendar = try await calendars.calendar(agencyId: before.agencyId)
        _ = try await ledger.record(transition, by: principal, actorName: principal.fullName, calendar: calendar, at: now)
        return try await get(id)
    }

    /// Whether `principal` may create a document at `agency` (the rule table's roles of the
    /// document's first action, within the principal's reach).
    func authoriseCreation(_ action: DocumentAction, at agency: Agency, by principal: Principal) throws {
        let scope = OfficialDocument.scope(agencyId: agency.id, unitCode: agency.unitCode)
        guard Policy.allows(principal, .handleDocuments), Policy.mayAct(principal, scope), Policy.takes(principal, action.rule) else {
            throw AccessError.forbidden
        }
    }
}

/// Rows: the document table's writes, used by `DocumentTransition` inside the ledger's transaction.
extension DocumentStore {
    func insert(_ document: OfficialDocument, at now: Date, in session: any SQLDatabase) async throws -> Int {
        let row = try await session.raw(
            """
            INSERT INTO documents (direction, agency_id, agency_name, unit_code, status, open, running, type, subject, body, code_number,
                code_notation, year, issued_day, from_organ_id, from_organ_name, signer_name, signer_position, urgency, secrecy, pages,
                arrival_number, arrival_at, channel, requested_due_day, drafting_unit, normative, source_id, reply_to_id,
                created_by_id, created_by_name, search_text, created_at, updated_at, supersedes_id, supersession, supersede_reason)
            VALUES (\(bind: document.direction.rawValue), \(bind: document.agencyId), \(bind: document.agencyName), \(bind: document.unitCode),
                \(bind: document.status.rawValue), \(bind: document.status.isOpen ? 1 : 0), 0, \(bind: document.type.rawValue),
                \(bind: document.subject), \(bind: document.body), \(bind: document.codeNumber), \(bind: document.codeNotation),
                \(bind: VietnamTime.localDate(of: now).year), \(bind: document.issuedDate?.daysSinceEpoch), \(bind: document.fromOrganId),
                \(bind: document.fromOrganName), \(bind: document.signerName), \(bind: document.signerPosition),
                \(bind: document.urgency.rawValue), \(bind: document.secrecy.rawValue), \(bind: document.pages), \(bind: document.arrivalNumber),
                \(bind: document.arrivalAt?.millis), \(bind: document.channel.rawValue), \(bind: document.requestedDue?.daysSinceEpoch),
                \(bind: document.draftingUnit), \(bind: document.normative ? 1 : 0), \(bind: document.sourceId), \(bind: document.replyToId),
                \(bind: document.createdById), \(bind: document.createdByName), \(bind: Self.searchText(document)),
                \(bind: now.millis), \(bind: now.millis), \(bind: document.supersedesId), \(bind: document.supersession?.rawValue),
                \(bind: document.supersedeReason))
            RETURNING id
            """
        ).first()
        let id = try row!.decode(column: "id", as: Int.self)
        try await reindex(id, in: session)
        return id
    }

    func update(_ document: OfficialDocument, running: Bool, at now: Date, in session: any SQLDatabase) async throws {
        try await session.raw(
            """
            UPDATE documents SET status = \(bind: document.status.rawValue), open = \(bind: document.status.isOpen ? 1 : 0),
                running = \(bind: running ? 1 : 0), due_at = \(bind: document.due?.millis), assignee_id = \(bind: document.leadId),
                code_number = \(bind: document.codeNumber), code_notation = \(bind: document.codeNotation),
                issued_day = \(bind: document.issuedDate?.daysSinceEpoch), signer_name = \(bind: document.signerName),
                signer_position = \(bind: document.signerPosition), arrival_number = \(bind: document.arrivalNumber),
                arrival_at = \(bind: document.arrivalAt?.millis), lead_id = \(bind: document.leadId), lead_name = \(bind: document.leadName),
                support = \(bind: document.support), instruction = \(bind: document.instruction),
                withdrawn_reason = \(bind: document.withdrawnReason), search_text = \(bind: Self.searchText(document)),
                subject = \(bind: document.subject), from_organ_name = \(bind: document.fromOrganName),
                updated_at = \(bind: now.millis)
            WHERE id = \(bind: document.id)
            """
        ).run()
    }

    func setExchangeId(_ id: Int, _ exchangeId: String, in session: any SQLDatabase) async throws {
        try await session.raw("UPDATE documents SET exchange_id = \(bind: String(exchangeId.prefix(300))) WHERE id = \(bind: id)").run()
    }

    func setNumber(_ id: Int, series: DocumentSeries, number: Int, in session: any SQLDatabase) async throws {
        try await session.raw("UPDATE documents SET series = \(bind: series.key), number = \(bind: number) WHERE id = \(bind: id)").run()
    }

    func insertRecipients(_ recipients: [DocumentRecipient], of id: Int, in session: any SQLDatabase) async throws {
        for (position, recipient) in recipients.enumerated() {
            try await session.raw(
                """
                INSERT INTO document_recipients (document_id, position, organ_id, organ_name, internal)
                VALUES (\(bind: id), \(bind: position), \(bind: recipient.organId), \(bind: recipient.organName), \(bind: recipient.isInternal ? 1 : 0))
                """
            ).run()
        }
    }

    func setRecipient(of id: Int, position: Int, incomingId: Int, in session: any SQLDatabase) async throws {
        try await session.raw(
            "UPDATE document_recipients SET incoming_id = \(bind: incomingId) WHERE document_id = \(bind: id) AND position = \(bind: position)"
        ).run()
    }

    /// A recipient's status package reaches the sender: the recipient row, and a line in the
    /// sender's timeline.
    func report(
        _ status: ExchangeStatus, of copy: OfficialDocument, to source: Int, note: String?, at now: Date, in session: any SQLDatabase
    ) async throws {
        try await session.raw(
            """
            UPDATE document_recipients SET status = \(bind: status.rawValue), status_at = \(bind: now.millis), note = \(bind: note)
            WHERE document_id = \(bind: source) AND incoming_id = \(bind: copy.id)
            """
        ).run()
        try await timeline.append(
            TimelineEvent(
                CaseRef(.document, source), at: now, actorUserId: nil, actorName: copy.agencyName, action: "recipient-status",
                fromState: nil, toState: status.rawValue, note: "\(copy.agencyName): \(status.label) (\(status.rawValue)).", isPublic: false),
            in: session)
    }
}
