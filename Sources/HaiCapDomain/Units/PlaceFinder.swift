/// Finds the unit an address lies in, from text alone: a current unit's name ("Phường Sài Gòn")
/// wins; otherwise a pre-2025 address is read by the old-address resolver and taken to the
/// unit that usually took its ward over (split wards: the default successor).
public struct PlaceFinder: Sendable {
    public struct Found: Sendable, Equatable {
        public let unitCode: String
        /// How the unit was found, for the timeline: "địa chỉ mới" or the old ward read.
        public let how: String
    }

    let reference: ReferenceData
    let resolver: AddressResolver
    /// Folded full names ("phuong sai gon"), longest first so "Phường Tân Phú Trung" beats "Phường Tân Phú".
    private let names: [(folded: String, code: String)]

    public init(reference: ReferenceData, resolver: AddressResolver) {
        self.reference = reference
        self.resolver = resolver
        names = reference.units.map { (" " + VietnameseText.fold($0.name) + " ", $0.code) }
            .sorted { $0.folded.count > $1.folded.count }
    }

    public func find(_ address: String) -> Found? {
        let folded =
            " "
            + VietnameseText.fold(address).map { $0.isLetter || $0.isNumber ? $0 : " " }
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") + " "
        // Districts were abolished in 2025: an address that names one is an old address, and a
        // new unit may reuse an old ward's name elsewhere, so the resolver reads it first.
        let namesDistrict = [" quan ", " huyen ", " thi xa ", " q ", " tp thu duc ", " thanh pho thu duc "].contains { folded.contains($0) }
        if namesDistrict, let old = resolved(address) { return old }
        if let hit = names.first(where: { folded.contains($0.folded) }) {
            return Found(unitCode: hit.code, how: "địa chỉ mới: \(reference.unitsByCode[hit.code]?.name ?? hit.code)")
        }
        return resolved(address)
    }

    private func resolved(_ address: String) -> Found? {
        let outcome = resolver.resolve(address)
        guard outcome.matches.count == 1, let match = outcome.matches.first,
            let successor = match.successors.first(where: \.isDefault) ?? match.successors.first
        else { return nil }
        let old = match.oldWard.map { "\($0.name), \(match.oldDistrictName)" } ?? match.oldDistrictName
        return Found(unitCode: successor.unit.code, how: "địa chỉ cũ \(old) → \(successor.unit.name)")
    }
}
