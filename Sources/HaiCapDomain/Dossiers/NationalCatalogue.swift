import Foundation

/// Reads procedures from a JSON file in the national procedure database's field layout
/// (TENTTHC, LINHVUCTHUCHIEN, CACHTHUCTHUCHIEN, THANHPHANHOSO, …; DOMAIN.md §6), with HaiCap's
/// own rules (fee formula, step template) in an optional `HAICAP` object. The whole file is
/// checked before anything is returned, and every problem found (line and field) is reported at once.
public enum NationalCatalogue {
    public static func procedures(from text: String) throws(ValidationError) -> [Procedure] {
        let root: JSONNode
        do { root = try LineJSON.parse(text) } catch {
            throw ValidationError(field: "file", "Dòng \(error.line): \(error.message).")
        }
        let entries: [JSONNode]
        if let array = root.array {
            entries = array
        } else if root.isObject {
            entries = [root]
        } else {
            throw ValidationError(field: "file", "Dòng \(root.line): file phải là một mảng các thủ tục (hoặc một thủ tục).")
        }
        guard !entries.isEmpty else { throw ValidationError(field: "file", "File không có thủ tục nào.") }
        // Every procedure is read, so one answer lists the problems of all of them.
        var seen: Set<String> = []
        var result: [Procedure] = []
        var problems: [FieldProblem] = []
        for (index, entry) in entries.enumerated() {
            do throws(ValidationError) {
                let procedure = try Reader(path: "[\(index)]").procedure(entry)
                let key = "\(procedure.code)#\(procedure.version)"
                guard seen.insert(key).inserted else {
                    throw Reader.problem(
                        entry, "[\(index)].MATTHC", "thủ tục \(procedure.code) phiên bản \(procedure.version) xuất hiện hai lần trong file")
                }
                result.append(procedure)
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        return result
    }

    struct Reader {
        let path: String

        static func problem(_ node: JSONNode, _ field: String, _ message: String) -> ValidationError {
            ValidationError(field: field, "Dòng \(node.line), trường \(field): \(message).")
        }

        func child(_ node: JSONNode, _ key: String, in parentPath: String) throws(ValidationError) -> JSONNode {
            guard node.isObject else { throw Self.problem(node, parentPath, "phải là một đối tượng {…}") }
            guard let value = node[key] else { throw Self.problem(node, "\(parentPath).\(key)", "thiếu trường bắt buộc") }
            return value
        }

        func text(_ node: JSONNode, _ key: String, in parentPath: String, allowEmpty: Bool = false) throws(ValidationError) -> String {
            let value = try child(node, key, in: parentPath)
            guard let text = value.string else { throw Self.problem(value, "\(parentPath).\(key)", "phải là chuỗi") }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard allowEmpty || !trimmed.isEmpty else { throw Self.problem(value, "\(parentPath).\(key)", "không được để trống") }
            return VietnameseText.nfc(trimmed)
        }

        func integer(_ node: JSONNode, _ key: String, in parentPath: String, range: ClosedRange<Int>) throws(ValidationError) -> Int {
            let value = try child(node, key, in: parentPath)
            guard let number = value.number, number.rounded() == number, range.contains(Int(number)) else {
                throw Self.problem(value, "\(parentPath).\(key)", "phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound)")
            }
            return Int(number)
        }

        func list(_ node: JSONNode, _ key: String, in parentPath: String, nonEmpty: Bool = true) throws(ValidationError) -> [JSONNode] {
            let value = try child(node, key, in: parentPath)
            guard let items = value.array else { throw Self.problem(value, "\(parentPath).\(key)", "phải là một mảng […]") }
            guard !nonEmpty || !items.isEmpty else { throw Self.problem(value, "\(parentPath).\(key)", "không được rỗng") }
            return items
        }

        /// Reads one procedure, going on past a bad field so that every problem is reported: each
        /// part (a field, a channel, a document, a result, a legal basis) is read on its own, and
        /// the problems of all parts are thrown together.
        func procedure(_ node: JSONNode) throws(ValidationError) -> Procedure {
            var problems: [FieldProblem] = []
            func read<T>(_ body: () throws(ValidationError) -> T) -> T? {
                do { return try body() } catch { problems += error.problems; return nil }
            }
            func items(_ parent: JSONNode, _ key: String, in parentPath: String, nonEmpty: Bool = true) -> EnumeratedSequence<[JSONNode]> {
                (read { () throws(ValidationError) in try list(parent, key, in: parentPath, nonEmpty: nonEmpty) } ?? []).enumerated()
            }
            let code = read { () throws(ValidationError) -> String in
                let code = try text(node, "MATTHC", in: path)
                guard code.split(separator: ".").count >= 2, code.allSatisfy({ $0.isNumber || $0 == "." }) else {
                    throw Self.problem(node["MATTHC"]!, "\(path).MATTHC", "mã thủ tục phải có dạng 1.001193")
                }
                return code
            }
            let name = read { () throws(ValidationError) in try text(node, "TENTTHC", in: path) }
            let version = read { () throws(ValidationError) in
                node["PHIENBAN"] == nil ? 1 : try integer(node, "PHIENBAN", in: path, range: 1...999)
            }
            let validFrom = read { () throws(ValidationError) -> LocalDate in
                guard node["NGAYHIEULUC"] != nil else { return LocalDate(year: 2025, month: 7, day: 1) }
                guard let date = LocalDate(iso: try text(node, "NGAYHIEULUC", in: path)) else {
                    throw Self.problem(node["NGAYHIEULUC"]!, "\(path).NGAYHIEULUC", "ngày phải có dạng YYYY-MM-DD")
                }
                return date
            }
            let level = read { () throws(ValidationError) in node["CAPTHUCHIEN"] == nil ? "Cấp xã" : try text(node, "CAPTHUCHIEN", in: path) }
            let agencyKind = read { () throws(ValidationError) -> CompetentAgency in
                let kindText = node["LOAICOQUAN"] == nil ? "ubnd-xa" : try text(node, "LOAICOQUAN", in: path)
                guard let kind = CompetentAgency(rawValue: kindText) else {
                    throw Self.problem(node["LOAICOQUAN"]!, "\(path).LOAICOQUAN", "phải là «ubnd-xa» hoặc «so»")
                }
                return kind
            }
            let field = read { () throws(ValidationError) -> ProcedureField in
                let fields = try list(node, "LINHVUCTHUCHIEN", in: path)
                let fieldPath = "\(path).LINHVUCTHUCHIEN[0]"
                return ProcedureField(code: try text(fields[0], "MALINHVUC", in: fieldPath), name: try text(fields[0], "TENLINHVUC", in: fieldPath))
            }

            var channels: [ChannelTerms] = []
            for (index, item) in items(node, "CACHTHUCTHUCHIEN", in: path) {
                let itemPath = "\(path).CACHTHUCTHUCHIEN[\(index)]"
                if let terms = read({ () throws(ValidationError) in try channelTerms(item, path: itemPath, after: channels) }), let terms {
                    channels.append(terms)
                }
            }

            var components: [Component] = []
            for (groupIndex, group) in items(node, "THANHPHANHOSO", in: path) {
                let groupPath = "\(path).THANHPHANHOSO[\(groupIndex)]"
                for (index, item) in items(group, "GIAYTO", in: groupPath) {
                    if let component = read({ () throws(ValidationError) in
                        try self.component(item, path: "\(groupPath).GIAYTO[\(index)]", after: components)
                    }) {
                        components.append(component)
                    }
                }
            }

            var results: [Result] = []
            for (index, item) in items(node, "KETQUATHUCHIEN", in: path) {
                let itemPath = "\(path).KETQUATHUCHIEN[\(index)]"
                if let result = read({ () throws(ValidationError) in
                    Result(code: try text(item, "MAKETQUA", in: itemPath), name: try text(item, "TENKETQUA", in: itemPath))
                }) {
                    results.append(result)
                }
            }
            var legal: [LegalDocument] = []
            if node["CANCUPHAPLY"] != nil {
                for (index, item) in items(node, "CANCUPHAPLY", in: path, nonEmpty: false) {
                    let itemPath = "\(path).CANCUPHAPLY[\(index)]"
                    if let document = read({ () throws(ValidationError) in
                        LegalDocument(
                            number: try text(item, "SOVANBAN", in: itemPath), title: try text(item, "TENVANBAN", in: itemPath),
                            issued: item["NGAYBANHANH"]?.string ?? "")
                    }) {
                        legal.append(document)
                    }
                }
            }
            let authority = read { () throws(ValidationError) in
                node["COQUANTHUCHIEN"] == nil ? "" : try text(node, "COQUANTHUCHIEN", in: path, allowEmpty: true)
            }
            let sequence = read { () throws(ValidationError) in
                node["TRINHTUTHUCHIEN"] == nil ? "" : try text(node, "TRINHTUTHUCHIEN", in: path, allowEmpty: true)
            }
            let extras = read { () throws(ValidationError) in
                try Extras(node: node["HAICAP"], path: "\(path).HAICAP", fallbackFee: Self.fixedFee(node))
            }

            guard problems.isEmpty, let code, let name, let version, let validFrom, let level, let agencyKind, let field,
                let authority, let sequence, let extras
            else { throw ValidationError(problems) }
            return Procedure(
                code: code, name: name, version: version, validFrom: validFrom, level: level, agencyKind: agencyKind,
                field: field, channels: channels, fee: extras.fee, components: components, results: results,
                legalBasis: legal, authority: authority, sequence: sequence, fullOnline: extras.fullOnline,
                sameDayCutoff: extras.sameDayCutoff, apologyLimit: extras.apologyLimit,
                supplementDays: extras.supplementDays, steps: extras.steps,
                codeUnverified: extras.codeUnverified, feeUnverified: extras.feeUnverified)
        }

        /// One way of doing the procedure (CACHTHUCTHUCHIEN item); nil for a channel HaiCap does not know.
        func channelTerms(_ item: JSONNode, path itemPath: String, after channels: [ChannelTerms]) throws(ValidationError) -> ChannelTerms? {
            let kenh = try integer(item, "KENH", in: itemPath, range: 1...3)
            guard let channel = Channel(rawValue: kenh) else { return nil }
            guard !channels.contains(where: { $0.channel == channel }) else {
                throw Self.problem(item, "\(itemPath).KENH", "kênh \(kenh) đã khai báo ở trên")
            }
            let times = try list(item, "THOIGIAN", in: itemPath)
            let timePath = "\(itemPath).THOIGIAN[0]"
            let amount = try integer(times[0], "THOIGIANGIAIQUYET", in: timePath, range: 0...3650)
            let unitText = try text(times[0], "DONVITINH", in: timePath)
            let unit: DeadlineClock.Duration.Unit
            switch VietnameseText.fold(unitText) {
            case "ngay lam viec": unit = .workingDays
            case "gio lam viec", "gio": unit = .workingHours
            case "ngay": unit = .calendarDays
            default: throw Self.problem(times[0]["DONVITINH"]!, "\(timePath).DONVITINH", "phải là «Ngày làm việc», «Giờ làm việc» hoặc «Ngày»")
            }
            let note = times[0]["MOTA"] == nil ? "" : try text(times[0], "MOTA", in: timePath, allowEmpty: true)
            var feeNote = ""
            if let fees = times[0]["PHILEPHI"]?.array {
                feeNote = fees.compactMap { $0["MOTA"]?.string }.joined(separator: "; ")
            }
            return ChannelTerms(channel: channel, duration: DeadlineClock.Duration(amount, unit), note: note, feeNote: feeNote)
        }

        /// One document of the dossier (THANHPHANHOSO[].GIAYTO item).
        func component(_ item: JSONNode, path itemPath: String, after components: [Component]) throws(ValidationError) -> Component {
            let code = try text(item, "MAGIAYTO", in: itemPath)
            guard !components.contains(where: { $0.code == code }) else {
                throw Self.problem(item, "\(itemPath).MAGIAYTO", "mã giấy tờ \(code) bị trùng")
            }
            let required = item["BATBUOC"].map { $0.bool ?? true } ?? true
            let copies = item["SOLUONG"] == nil ? 1 : try integer(item, "SOLUONG", in: itemPath, range: 1...99)
            return Component(
                code: code, name: try text(item, "TENGIAYTO", in: itemPath),
                form: item["TENMAUDON"] == nil ? "" : try text(item, "TENMAUDON", in: itemPath, allowEmpty: true),
                required: required, copies: copies)
        }

        /// Without a HAICAP fee rule, the first channel's PHILEPHI.SOTIEN is a fixed fee per copy.
        static func fixedFee(_ node: JSONNode) -> FeeRule {
            let amount = node["CACHTHUCTHUCHIEN"]?.array?.first?["THOIGIAN"]?.array?.first?["PHILEPHI"]?.array?.first?["SOTIEN"]?.number ?? 0
            return amount > 0 ? .fixed(amount: Int(amount)) : .none
        }

        struct Extras {
            var fee: FeeRule
            var fullOnline = false
            var sameDayCutoff: String?
            var apologyLimit = 1
            var supplementDays = 5
            var steps = Procedure.defaultSteps
            var codeUnverified = false
            var feeUnverified = false

            init(node: JSONNode?, path: String, fallbackFee: FeeRule) throws(ValidationError) {
                fee = fallbackFee
                guard let node else { return }
                let reader = Reader(path: path)
                guard node.isObject else { throw Reader.problem(node, path, "phải là một đối tượng {…}") }
                if let feeNode = node["fee"] {
                    let feePath = "\(path).fee"
                    let kind = try reader.text(feeNode, "kind", in: feePath)
                    switch kind {
                    case "none": fee = .none
                    case "fixed": fee = .fixed(amount: try reader.integer(feeNode, "amount", in: feePath, range: 0...100_000_000))
                    case "perPage":
                        fee = .perPage(
                            firstPages: try reader.integer(feeNode, "firstPages", in: feePath, range: 0...1000),
                            firstPageAmount: try reader.integer(feeNode, "firstPageAmount", in: feePath, range: 0...10_000_000),
                            nextPageAmount: try reader.integer(feeNode, "nextPageAmount", in: feePath, range: 0...10_000_000),
                            cap: try reader.integer(feeNode, "cap", in: feePath, range: 0...100_000_000))
                    case "freeIfOnTime":
                        fee = .freeIfOnTime(lateAmount: try reader.integer(feeNode, "lateAmount", in: feePath, range: 0...100_000_000))
                    default: throw Reader.problem(feeNode, "\(feePath).kind", "phải là none, fixed, perPage hoặc freeIfOnTime")
                    }
                }
                fullOnline = node["fullOnline"]?.bool ?? false
                codeUnverified = node["codeUnverified"]?.bool ?? false
                feeUnverified = node["feeUnverified"]?.bool ?? false
                if let cutoff = node["sameDayCutoff"] {
                    guard let text = cutoff.string, WorkingPeriod.minutes(text) != nil else {
                        throw Reader.problem(cutoff, "\(path).sameDayCutoff", "giờ phải có dạng HH:MM")
                    }
                    sameDayCutoff = text
                }
                if node["apologyLimit"] != nil { apologyLimit = try reader.integer(node, "apologyLimit", in: path, range: 0...10) }
                if node["supplementDays"] != nil { supplementDays = try reader.integer(node, "supplementDays", in: path, range: 1...365) }
                if node["steps"] != nil {
                    var parsed: [StepTemplate] = []
                    for (index, item) in try reader.list(node, "steps", in: path).enumerated() {
                        let stepPath = "\(path).steps[\(index)]"
                        let kindText = try reader.text(item, "kind", in: stepPath)
                        guard let kind = StepTemplate.Kind(rawValue: kindText) else {
                            throw Reader.problem(
                                item, "\(stepPath).kind", "phải là một trong \(StepTemplate.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                        }
                        let roleText = try reader.text(item, "role", in: stepPath)
                        guard let role = Role(rawValue: roleText) else {
                            throw Reader.problem(item, "\(stepPath).role", "vai trò «\(roleText)» không tồn tại")
                        }
                        guard let share = item["share"]?.number, (0...1).contains(share) else {
                            throw Reader.problem(item, "\(stepPath).share", "tỷ lệ thời gian phải là số từ 0 đến 1")
                        }
                        parsed.append(
                            StepTemplate(
                                kind: kind, role: role, share: share, optional: item["optional"]?.bool ?? false,
                                agencyId: item["agency"]?.string))
                    }
                    let total = parsed.filter { !$0.optional }.reduce(0) { $0 + $1.share }
                    guard abs(total - 1) < 0.001 else {
                        throw Reader.problem(node["steps"]!, "\(path).steps", "tổng tỷ lệ thời gian các bước bắt buộc phải bằng 1 (đang là \(total))")
                    }
                    steps = parsed
                }
            }
        }
    }
}

extension Procedure {
    /// Receive, review, approve, sign, return: the usual commune workflow.
    public static let defaultSteps: [StepTemplate] = [
        StepTemplate(kind: .receive, role: .officer, share: 0.1),
        StepTemplate(kind: .review, role: .specialist, share: 0.5),
        StepTemplate(kind: .approve, role: .leader, share: 0.2),
        StepTemplate(kind: .sign, role: .clerk, share: 0.1),
        StepTemplate(kind: .return, role: .officer, share: 0.1)
    ]
}
