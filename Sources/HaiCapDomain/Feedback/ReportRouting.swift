/// An administrator's rule: reports of a category (or any), in a unit (or anywhere in the
/// city), go to an agency. More specific rules win: category and unit, then category, then unit.
public struct RoutingRule: Sendable, Hashable, Codable {
    public var id: Int
    public var categoryCode: String?
    public var unitCode: String?
    public var agencyId: String
    public var note: String

    public init(id: Int = 0, categoryCode: String?, unitCode: String?, agencyId: String, note: String = "") {
        self.id = id
        self.categoryCode = categoryCode
        self.unitCode = unitCode
        self.agencyId = agencyId
        self.note = note
    }

    var specificity: Int { (categoryCode != nil ? 2 : 0) + (unitCode != nil ? 1 : 0) }
}

/// Where a report goes, and why (the why is written on the timeline).
public struct RoutingDecision: Sendable, Hashable {
    public let agencyId: String
    public let reason: String
}

/// Place → unit has already happened (point-in-polygon or the address resolver); this decides
/// unit + category → agency.
public struct ReportRouter: Sendable {
    public let rules: [RoutingRule]
    /// Each unit's UBND agency id.
    public let unitCommittees: [String: String]
    /// The 1022 operators' own queue.
    public let operatorsAgencyId: String

    public init(rules: [RoutingRule], unitCommittees: [String: String], operatorsAgencyId: String) {
        self.rules = rules
        self.unitCommittees = unitCommittees
        self.operatorsAgencyId = operatorsAgencyId
    }

    public func route(category: FeedbackCategory, unitCode: String?) -> RoutingDecision {
        guard let unitCode else {
            return RoutingDecision(agencyId: operatorsAgencyId, reason: "Không xác định được vị trí trong Thành phố: chuyển Tổng đài 1022 phân loại.")
        }
        let matching = rules.filter {
            ($0.categoryCode == nil || $0.categoryCode == category.code) && ($0.unitCode == nil || $0.unitCode == unitCode)
                && !($0.categoryCode == nil && $0.unitCode == nil)
        }
        if let rule = matching.max(by: { ($0.specificity, -$0.id) < ($1.specificity, -$1.id) }) {
            // The rule's note is for administrators; the public history names the rule only.
            return RoutingDecision(agencyId: rule.agencyId, reason: "Theo quy tắc điều phối số \(rule.id).")
        }
        switch category.responsible {
        case .agency(let id):
            return RoutingDecision(agencyId: id, reason: "Lĩnh vực «\(category.name)» do cơ quan chuyên ngành xử lý.")
        case .unitCommittee:
            guard let committee = unitCommittees[unitCode] else {
                return RoutingDecision(agencyId: operatorsAgencyId, reason: "Không tìm thấy UBND của đơn vị \(unitCode): chuyển Tổng đài 1022.")
            }
            return RoutingDecision(agencyId: committee, reason: "Vị trí thuộc địa bàn: chuyển UBND cấp xã.")
        }
    }
}
