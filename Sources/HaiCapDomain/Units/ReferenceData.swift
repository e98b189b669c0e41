/// The city's reference data: the 168 new units, the 441 old wards and the old → new table.
/// Loaded once by Storage from the shipped resources; immutable afterwards.
public struct ReferenceData: Sendable {
    public let units: [AdministrativeUnit]
    public let oldWards: [OldWard]
    public let successions: [Succession]

    public let unitsByCode: [String: AdministrativeUnit]
    /// Both codes of a renumbered ward point at the same ward.
    public let oldWardsByAnyCode: [String: OldWard]
    public let successionsByOldWard: [String: [Succession]]

    public init(units: [AdministrativeUnit], oldWards: [OldWard], successions: [Succession]) {
        self.units = units
        self.oldWards = oldWards
        self.successions = successions
        unitsByCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var byCode: [String: OldWard] = [:]
        for ward in oldWards {
            byCode[ward.code] = ward
            byCode[ward.conversionCode] = byCode[ward.conversionCode] ?? ward
        }
        oldWardsByAnyCode = byCode
        var byOld: [String: [Succession]] = [:]
        for row in successions { byOld[row.oldWardCode, default: []].append(row) }
        successionsByOldWard = byOld
    }

    /// The successions of an old ward, whichever of its two codes the table used.
    public func successions(of ward: OldWard) -> [Succession] {
        successionsByOldWard[ward.code] ?? successionsByOldWard[ward.conversionCode] ?? []
    }

    /// Old wards merged (wholly or partly) into a new unit.
    public func predecessors(of unitCode: String) -> [(ward: OldWard, isPartial: Bool)] {
        successions.compactMap { row in
            guard row.newUnitCode == unitCode, let ward = oldWardsByAnyCode[row.oldWardCode] else { return nil }
            return (ward, row.isPartial)
        }
    }
}
