/// One old ward (or the old Côn Đảo district) and the new units that took it over.
public struct Resolution: Sendable, Equatable {
    public struct Successor: Sendable, Equatable {
        public let unit: AdministrativeUnit
        public let isDefault: Bool
        public let isPartial: Bool
    }
    /// Nil only for the old Côn Đảo district, which had no wards.
    public let oldWard: OldWard?
    public let oldDistrictName: String
    public let oldProvinceName: String
    public let successors: [Successor]

    /// True when the old ward was split between several new units.
    public var isSplit: Bool { successors.count > 1 }
}

/// What the resolver found: one resolution, several candidates (ambiguous input), or nothing.
public struct ResolveOutcome: Sendable, Equatable {
    public let query: String
    public let matches: [Resolution]
    public var isAmbiguous: Bool { matches.count > 1 }
}

/// Old address → new unit: the most asked question in the city since July 2025.
///
/// Scoring, so that every part the user typed counts: the ward's name (4 with its type word, 3 bare),
/// its old district (2), its old province (1). The best score wins; a tie is reported as candidates,
/// never silently broken.
public struct AddressResolver: Sendable {
    private struct Entry: Sendable {
        let ward: OldWard
        let fullName: String
        let bareName: String?
        let districtPhrases: [String]
        let provincePhrases: [String]
    }

    private let reference: ReferenceData
    private let entries: [Entry]
    /// Every phrase that names a district, blanked before ward names are looked for.
    private let districtFullPhrases: [String]
    private let provinceFullPhrases: [String]

    public init(reference: ReferenceData) {
        self.reference = reference
        var districts = Set<String>()
        var provinces = Set<String>()
        entries = reference.oldWards.map { ward in
            let full = AddressText.normalize(ward.name)
            let (_, bare) = UnitNameParts.split(full)
            let districtFull = AddressText.normalize(ward.districtName)
            districts.insert(districtFull)
            let provinceFull = AddressText.normalize(ward.provinceName)
            provinces.insert(provinceFull)
            return Entry(
                ward: ward,
                fullName: full,
                bareName: bare.allSatisfy(\.isNumber) ? nil : bare,
                districtPhrases: Self.districtPhrases(districtFull, wardName: full),
                provincePhrases: Self.phrases(provinceFull)
            )
        }
        for alias in Self.formerDistricts.keys { districts.insert(alias) }
        districtFullPhrases = districts.sorted { $0.count > $1.count }
        provinceFullPhrases = provinces.sorted { $0.count > $1.count }
    }

    /// Resolves a free-text old address, or a bare 5-digit old ward code (either of a renumbered ward's codes).
    public func resolve(_ text: String) -> ResolveOutcome {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 5, trimmed.allSatisfy(\.isNumber) {
            let matches = reference.oldWardsByAnyCode[trimmed].map { [resolution(of: $0)] } ?? []
            return ResolveOutcome(query: text, matches: matches)
        }
        let normalized = AddressText.normalize(trimmed)
        guard !normalized.isEmpty else { return ResolveOutcome(query: text, matches: []) }

        var wardSearch = normalized
        for phrase in districtFullPhrases where UnitNameParts.split(phrase).type != "" {
            wardSearch = AddressText.blank(wardSearch, phrase)
        }
        for phrase in provinceFullPhrases { wardSearch = AddressText.blank(wardSearch, phrase) }

        // (score, length of the matched ward name): the longer name wins a tie, so "Tân Phú Trung"
        // is not also read as "Tân Phú".
        var best = (0, 0)
        var winners: [OldWard] = []
        for entry in entries {
            var score = 0
            var matched = ""
            if AddressText.contains(wardSearch, entry.fullName) {
                score = 4
                matched = entry.fullName
            } else if let bare = entry.bareName, AddressText.contains(wardSearch, bare) {
                score = 3
                matched = bare
            } else {
                continue
            }
            let rest = AddressText.blank(normalized, matched)
            if entry.districtPhrases.contains(where: { AddressText.contains(rest, $0) }) { score += 2 }
            if entry.provincePhrases.contains(where: { AddressText.contains(rest, $0) }) { score += 1 }
            let rank = (score, UnitNameParts.split(matched).bare.count)
            if rank > best {
                best = rank
                winners = [entry.ward]
            } else if rank == best {
                winners.append(entry.ward)
            }
        }
        if winners.isEmpty {
            return ResolveOutcome(query: text, matches: wardlessDistricts(normalized))
        }
        return ResolveOutcome(query: text, matches: winners.map(resolution(of:)))
    }

    /// Structured input from the form's three fields. A bare number is a numbered ward or district.
    public func resolve(ward: String, district: String, province: String) -> ResolveOutcome {
        func typed(_ value: String, _ prefix: String) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && trimmed.allSatisfy(\.isNumber) ? "\(prefix) \(trimmed)" : trimmed
        }
        let parts = [typed(ward, "Phường"), typed(district, "Quận"), province].filter { !$0.isEmpty }
        return resolve(parts.joined(separator: ", "))
    }

    public func resolution(of ward: OldWard) -> Resolution {
        let successors = reference.successions(of: ward).compactMap { row -> Resolution.Successor? in
            guard let unit = reference.unitsByCode[row.newUnitCode] else { return nil }
            return Resolution.Successor(unit: unit, isDefault: row.isDefault, isPartial: row.isPartial)
        }
        .sorted { ($0.isDefault ? 0 : 1, $0.unit.code) < ($1.isDefault ? 0 : 1, $1.unit.code) }
        return Resolution(
            oldWard: ward, oldDistrictName: ward.districtName, oldProvinceName: ward.provinceName,
            successors: successors)
    }

    /// Districts that had no wards (Côn Đảo) resolve as a whole.
    private func wardlessDistricts(_ normalized: String) -> [Resolution] {
        reference.successions.filter { $0.oldWardCode.isEmpty }.compactMap { row in
            let phrases = Self.phrases(AddressText.normalize(row.oldDistrictName))
            guard phrases.contains(where: { AddressText.contains(normalized, $0) }),
                let unit = reference.unitsByCode[row.newUnitCode]
            else { return nil }
            return Resolution(
                oldWard: nil, oldDistrictName: row.oldDistrictName, oldProvinceName: row.oldProvinceName,
                successors: [.init(unit: unit, isDefault: true, isPartial: false)])
        }
    }

    /// A full name and, unless the name is a number ("Quận 3"), the bare name and the other type
    /// words people still use (a "thị xã" that became a "thành phố").
    private static func phrases(_ full: String) -> [String] {
        let (type, bare) = UnitNameParts.split(full)
        guard !type.isEmpty, !bare.allSatisfy(\.isNumber) else { return [full] }
        return [full, bare] + ["quan", "huyen", "thi xa", "thanh pho", "tinh"].map { "\($0) \(bare)" }
    }

    private static func districtPhrases(_ districtFull: String, wardName: String) -> [String] {
        var result = phrases(districtFull)
        guard districtFull == "thanh pho thu duc" else { return result }
        for (alias, wards) in formerDistricts where wards.contains(wardName) { result.append(alias) }
        return result
    }

    /// Thủ Đức City was formed in 2021 from Quận 2, Quận 9 and Quận Thủ Đức; addresses still say them.
    static let formerDistricts: [String: Set<String>] = [
        "quan 2": [
            "phuong an phu", "phuong an khanh", "phuong binh an", "phuong binh khanh", "phuong binh trung dong",
            "phuong binh trung tay", "phuong cat lai", "phuong thanh my loi", "phuong thao dien", "phuong thu thiem",
            "phuong an loi dong"
        ],
        "quan 9": [
            "phuong hiep phu", "phuong long binh", "phuong long phuoc", "phuong long thanh my", "phuong long truong",
            "phuong phu huu", "phuong phuoc binh", "phuong phuoc long a", "phuong phuoc long b", "phuong tan phu",
            "phuong tang nhon phu a", "phuong tang nhon phu b", "phuong truong thanh"
        ],
        "quan thu duc": [
            "phuong binh chieu", "phuong binh tho", "phuong hiep binh chanh", "phuong hiep binh phuoc",
            "phuong linh chieu", "phuong linh dong", "phuong linh tay", "phuong linh trung", "phuong linh xuan",
            "phuong tam binh", "phuong tam phu", "phuong truong tho"
        ]
    ]
}

import Foundation
