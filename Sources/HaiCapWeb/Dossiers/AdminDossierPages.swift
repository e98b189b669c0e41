import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// Administrators' one-stop pages: the procedure catalogue (import a national-layout file, edit a
/// procedure as a new version) and the national-portal sync status.
///
/// | route | permission |
/// |---|---|
/// | GET /quan-tri/thu-tuc, POST /quan-tri/thu-tuc/nhap, GET/POST /quan-tri/thu-tuc/{code}, GET /quan-tri/dong-bo, POST /quan-tri/dong-bo/thu-lai | administer |
struct AdminDossierPages {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get(SitePath.Pattern.adminProcedures, .administer) { request, context in
            try await catalogue(
                context: context, problems: [], message: await pages.takeFlash(request, context: context, now: services.clock.now())?["message"])
        }
        routes.post(SitePath.Pattern.adminProcedureImport, .administer) { request, context in
            let form = try await MultipartForm.from(request, context: context, limits: .imports)
            let text = try form.files("file").first.map { String(decoding: $0.data, as: UTF8.self) } ?? form.fields.get("json") ?? ""
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return try await catalogue(
                    context: context, problems: [FieldProblem(field: "file", message: "Chọn file JSON hoặc dán nội dung.")], message: nil)
            }
            do {
                let summary = try await services.procedures.importCatalogue(text, by: context.principal, at: services.clock.now())
                return await pages.redirect(
                    SitePath.adminProcedures.href,
                    message:
                        "Đã nhập: \(summary.added.isEmpty ? "không có thủ tục mới" : summary.added.joined(separator: ", "))."
                        + (summary.unchanged.isEmpty ? "" : " Không đổi: \(summary.unchanged.joined(separator: ", "))."), context: context,
                    now: services.clock.now())
            } catch let error as ValidationError {
                return try await catalogue(context: context, problems: error.problems, message: "File bị từ chối, không có gì được ghi.")
            }
        }
        routes.get(SitePath.Pattern.adminProcedure, .administer) { request, context in
            try await editor(
                try context.param("code"), context: context, problems: [],
                message: await pages.takeFlash(request, context: context, now: services.clock.now())?["message"])
        }
        routes.post(SitePath.Pattern.adminProcedure, .administer) { request, context in
            try await save(try context.param("code"), request: request, context: context)
        }
        routes.get(SitePath.Pattern.portalSync, .administer) { request, context in
            try await sync(context: context, message: await pages.takeFlash(request, context: context, now: services.clock.now())?["message"])
        }
        routes.post(SitePath.Pattern.portalSyncRetry, .administer) { _, context in
            let count = try await services.outbox.retryFailed(at: services.clock.now())
            return await pages.redirect(
                SitePath.portalSync.href, message: "Đã đưa \(count) bản tin lỗi vào hàng đợi gửi lại.",
                context: context, now: services.clock.now())
        }
    }

    func catalogue(context: AppRequestContext, problems: [FieldProblem], message: String?) async throws -> Response {
        let list = try await services.procedures.catalogue(on: VietnamTime.localDate(of: services.clock.now()).adding(days: 3650))
        var model: [String: Any] = [
            "rows": list.map {
                [
                    "code": $0.code, "name": $0.name, "version": $0.version, "validFrom": DossierViews.date($0.validFrom),
                    "href": SitePath.adminProcedure(code: $0.code).href, "fee": $0.fee.text
                ]
            },
            "importAction": SitePath.adminProcedureImport.href, "csrf": context.csrfToken,
            "problems": FieldLabels.rows(problems), "hasProblems": !problems.isEmpty
        ]
        if let message { model["message"] = message }
        return try pages.page(
            "admin-procedures", title: "Danh mục thủ tục hành chính",
            crumbs: [.init(label: "Quản trị", href: SitePath.adminHome.href), .init(label: "Danh mục TTHC", href: nil)], model: model,
            context: context,
            status: problems.isEmpty ? .ok : .badRequest, currentPath: SitePath.adminProcedures.href)
    }

    func editor(_ code: String, context: AppRequestContext, problems: [FieldProblem], message: String?) async throws -> Response {
        let versions = try await services.procedures.versions(code: code)
        let latest = versions[0]
        var model = PublicDossierPages.procedureModel(latest, versions: versions, submit: SitePath.submitOnline.href)
        model["action"] = SitePath.adminProcedure(code: code).href
        model["csrf"] = context.csrfToken
        model["nextValidFrom"] = VietnamTime.localDate(of: services.clock.now()).adding(days: 1).iso
        model["channelInputs"] = Channel.allCases.map { channel -> [String: Any] in
            let terms = latest.terms(for: channel)
            return [
                "key": channel.key, "label": channel.label, "offered": terms != nil, "value": terms?.duration.value ?? 0,
                "units": DeadlineClock.Duration.procedureUnits.map { unit in
                    ["key": unit.rawValue, "label": Self.unitLabel(unit), "selected": (terms?.duration.unit ?? .workingDays) == unit]
                }
            ]
        }
        model["apologyLimitValue"] = latest.apologyLimit
        model["componentsText"] = Self.componentsText(latest.components)
        model["feeAmount"] = {
            if case .fixed(let amount) = latest.fee { return amount }; return 0
        }()
        model["feeKind"] = {
            switch latest.fee {
            case .none: "none";
            case .fixed: "fixed";
            case .perPage: "perPage";
            case .freeIfOnTime: "freeIfOnTime"
            }
        }()
        model["problems"] = FieldLabels.rows(problems)
        model["hasProblems"] = !problems.isEmpty
        if let message { model["message"] = message }
        return try pages.page(
            "admin-procedure", title: "Sửa thủ tục \(code)",
            crumbs: [
                .init(label: "Quản trị", href: SitePath.adminHome.href), .init(label: "Danh mục TTHC", href: SitePath.adminProcedures.href),
                .init(label: code, href: nil)
            ],
            model: model, context: context, status: problems.isEmpty ? .ok : .badRequest,
            currentPath: SitePath.adminProcedures.href)
    }

    /// Components as administrators edit them: one per line, `MÃ | Tên giấy tờ | Mẫu đơn | bắt buộc | số bản`.
    static func componentsText(_ components: [Component]) -> String {
        components.map { "\($0.code) | \($0.name) | \($0.form) | \($0.required ? "bắt buộc" : "nếu có") | \($0.copies)" }
            .joined(separator: "\n")
    }

    static func parseComponents(_ text: String, into check: inout Validator) -> [Component] {
        var result: [Component] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                check.require(false, "components", "Dòng \(index + 1): cần ít nhất «MÃ | Tên giấy tờ».")
                continue
            }
            let required = parts.count < 4 || VietnameseText.fold(parts[3]) != "neu co"
            let copies = parts.count >= 5 ? Int(parts[4]) ?? 0 : 1
            check.require((1...99).contains(copies), "components", "Dòng \(index + 1): số bản phải từ 1 đến 99.")
            check.require(!result.contains { $0.code == parts[0] }, "components", "Dòng \(index + 1): mã «\(parts[0])» bị trùng.")
            result.append(
                Component(
                    code: parts[0], name: VietnameseText.nfc(parts[1]), form: parts.count >= 3 ? parts[2] : "",
                    required: required, copies: max(copies, 1)))
        }
        check.require(!result.isEmpty, "components", "Thủ tục phải có ít nhất một thành phần hồ sơ.")
        return result
    }

    static func unitLabel(_ unit: DeadlineClock.Duration.Unit) -> String {
        switch unit {
        case .workingDays: "ngày làm việc"
        case .workingHours: "giờ làm việc"
        case .workingMinutes: "phút làm việc"
        case .calendarDays: "ngày"
        case .clockMinutes: "phút liên tục"
        }
    }

    /// Saves the edited terms as the next version, in force from the date given (never in the past).
    func save(_ code: String, request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormFields.from(request, context: context)
        var procedure = try await services.procedures.versions(code: code)[0]
        var check = Validator()
        let today = VietnamTime.localDate(of: services.clock.now())
        let validFrom = LocalDate(iso: form.get("validFrom") ?? "")
        check.require(validFrom.map { $0 >= today } ?? false, "validFrom", "Ngày hiệu lực phải có dạng YYYY-MM-DD, từ hôm nay trở đi.")
        let name = (form.get("name") ?? "").trimmingCharacters(in: .whitespaces)
        check.require((3...300).contains(name.count), "name", "Tên thủ tục phải có từ 3 đến 300 ký tự.")
        var channels: [ChannelTerms] = []
        for channel in Channel.allCases where form.get("offer_\(channel.key)") == "on" {
            let value = form.int("time_\(channel.key)", default: 0, range: 0...3650, into: &check)
            let unit =
                DeadlineClock.Duration.Unit(rawValue: form.get("unit_\(channel.key)") ?? "")
                .flatMap { DeadlineClock.Duration.procedureUnits.contains($0) ? $0 : nil } ?? .workingDays
            let note = procedure.terms(for: channel)?.note ?? ""
            channels.append(
                ChannelTerms(
                    channel: channel, duration: DeadlineClock.Duration(value, unit), note: note,
                    feeNote: procedure.terms(for: channel)?.feeNote ?? ""))
        }
        check.require(!channels.isEmpty, "channels", "Thủ tục phải thực hiện qua ít nhất một kênh.")
        let apologyLimit = form.int("apologyLimit", default: procedure.apologyLimit, range: 0...10, into: &check)
        let components = form.get("components").map { Self.parseComponents($0, into: &check) } ?? procedure.components
        if form.get("feeKind") == "fixed" {
            procedure.fee = .fixed(amount: form.int("feeAmount", default: 0, range: 0...100_000_000, into: &check))
        } else if form.get("feeKind") == "none" {
            procedure.fee = .none
        }
        do { try check.check() } catch {
            return try await editor(code, context: context, problems: error.problems, message: nil)
        }
        procedure.name = VietnameseText.nfc(name)
        procedure.channels = channels
        procedure.apologyLimit = apologyLimit
        procedure.components = components
        procedure.validFrom = validFrom!
        let saved = try await services.procedures.saveNewVersion(procedure, by: context.principal, at: services.clock.now())
        return await pages.redirect(
            SitePath.adminProcedure(code: code).href,
            message: "Đã lưu phiên bản \(saved.version), hiệu lực từ \(DossierViews.date(saved.validFrom)). Hồ sơ đã tiếp nhận giữ phiên bản cũ.",
            context: context, now: services.clock.now())
    }

    func sync(context: AppRequestContext, message: String?) async throws -> Response {
        let summary = try await services.outbox.summary(onTimeMinutes: services.config.portalOnTimeMinutes)
        let recent = try await services.outbox.recent(limit: 100)
        var model: [String: Any] = [
            "endpoint": services.config.portalURL ?? "", "configured": services.config.portalURL != nil,
            "pending": DossierViews.number(summary.pending), "failedCount": DossierViews.number(summary.failed),
            "delivered": DossierViews.number(summary.delivered),
            "onTime": DossierViews.percent(summary.onTimeRate), "onTimeMinutes": summary.onTimeMinutes,
            "oldest": summary.oldestPendingAt.map { DossierViews.time($0) } as Any, "retry": SitePath.portalSyncRetry.href, "csrf": context.csrfToken,
            "rows": recent.map { entry -> [String: Any] in
                var row: [String: Any] = [
                    "code": entry.dossierCode, "href": SitePath.dossier(code: entry.dossierCode).href, "seq": entry.seq,
                    "status": entry.portalStatus, "state": CodeLabels.outboxState(entry.state), "attempts": entry.attempts,
                    "created": DossierViews.time(entry.createdAt), "delivered": DossierViews.time(entry.deliveredAt)
                ]
                if let error = entry.lastError { row["error"] = error }
                if entry.state == "failed" { row["failed"] = true }
                return row
            }
        ]
        if let message { model["message"] = message }
        return try pages.page(
            "portal-sync", title: "Đồng bộ Cổng Dịch vụ công quốc gia",
            crumbs: [.init(label: "Quản trị", href: SitePath.adminHome.href), .init(label: "Đồng bộ DVCQG", href: nil)], model: model,
            context: context,
            currentPath: SitePath.portalSync.href)
    }
}
