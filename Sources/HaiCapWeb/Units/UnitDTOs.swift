import HaiCapDomain

/// API bodies of the directory and the resolver: DTOs, never rows.
struct UnitDTO: Encodable {
    let code: String
    let name: String
    let type: String
    let typeLabel: String
    let latitude: Double
    let longitude: Double
    let areaKm2: Double

    init(_ unit: AdministrativeUnit) {
        code = unit.code
        name = unit.name
        type = unit.type.rawValue
        typeLabel = unit.type.label
        latitude = unit.latitude
        longitude = unit.longitude
        areaKm2 = unit.areaKm2
    }
}

struct OldWardDTO: Encodable {
    let code: String
    let conversionCode: String
    let name: String
    let district: String
    let province: String

    init(_ ward: OldWard) {
        code = ward.code
        conversionCode = ward.conversionCode
        name = ward.name
        district = ward.districtName
        province = ward.provinceName
    }
}

struct PredecessorDTO: Encodable {
    let ward: OldWardDTO
    let partial: Bool
}

struct AgencyDTO: Encodable {
    let id: String
    let name: String
    let kind: String
    let kindLabel: String
    let unit: String?
    let idIsOfficial: Bool

    init(_ agency: Agency) {
        id = agency.id
        name = agency.name
        kind = agency.kind.rawValue
        kindLabel = agency.kind.label
        unit = agency.unitCode
        idIsOfficial = agency.idIsOfficial
    }
}

struct UnitDetailDTO: Encodable {
    let unit: UnitDTO
    let predecessors: [PredecessorDTO]
    let agencies: [AgencyDTO]
}

struct ListDTO<Item: Encodable>: Encodable {
    let items: [Item]
    let total: Int
}

struct ResolveDTO: Encodable {
    struct Successor: Encodable {
        let code: String
        let name: String
        let type: String
        let isDefault: Bool
        let isPartial: Bool
    }
    struct Match: Encodable {
        let old: OldWardDTO?
        let oldDistrict: String
        let oldProvince: String
        let split: Bool
        let new: [Successor]
    }
    let query: String
    let ambiguous: Bool
    let matches: [Match]

    init(_ outcome: ResolveOutcome) {
        query = outcome.query
        ambiguous = outcome.isAmbiguous
        matches = outcome.matches.map { match in
            Match(
                old: match.oldWard.map(OldWardDTO.init), oldDistrict: match.oldDistrictName, oldProvince: match.oldProvinceName,
                split: match.isSplit,
                new: match.successors.map {
                    Successor(
                        code: $0.unit.code, name: $0.unit.name, type: $0.unit.type.rawValue,
                        isDefault: $0.isDefault, isPartial: $0.isPartial)
                })
        }
    }
}
