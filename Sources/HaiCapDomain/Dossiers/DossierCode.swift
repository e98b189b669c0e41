import Foundation

/// Mã số hồ sơ `AGENCYID-YYMMDD-XXXX` (TT 01/2018/TT-VPCP Điều 19): the receiving agency's
/// QCVN 102 identifier, the date of receipt and that agency's sequence number for the day.
public enum DossierCode {
    public static func make(agencyId: String, date: LocalDate, sequence: Int) -> String {
        precondition((1...9999).contains(sequence), "the daily sequence has four digits")
        let yymmdd = String(format: "%02d%02d%02d", date.year % 100, date.month, date.day)
        return "\(agencyId)-\(yymmdd)-\(String(format: "%04d", sequence))"
    }

    /// Splits a code into its agency identifier, day and sequence, or nil if it is not one.
    public static func parse(_ code: String) -> (agencyId: String, yymmdd: String, sequence: Int)? {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count == 6, parts[1].allSatisfy(\.isNumber),
              parts[2].count == 4, let sequence = Int(parts[2]), sequence > 0,
              (try? AgencyIdentifier(String(parts[0]))) != nil else { return nil }
        return (String(parts[0]), String(parts[1]), sequence)
    }
}
