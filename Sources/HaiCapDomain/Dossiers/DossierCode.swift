import Foundation

/// Mã số hồ sơ `AGENCYID-YYMMDD-XXXX` (TT 01/2018/TT-VPCP Điều 19): the receiving agency's
/// QCVN 102 identifier, the date of receipt and that agency's sequence number for the day.
///
/// The day's numbers come in two series (docs/dossier-codes.md): the desk's (counter and post)
/// from 0001, widening to five digits past 9999 up to 49999, and online submissions' from 50001
/// to 99999, so that anonymous submissions can never use up the numbers the desk needs.
public enum DossierCode {
    public enum Series: String, Sendable {
        case desk, online

        /// The sequence number of the series' `n`-th dossier of the day, nil once the series is full.
        public func sequence(_ n: Int) -> Int? {
            switch self {
            case .desk: (1...49_999).contains(n) ? n : nil
            case .online: (1...49_999).contains(n) ? 50_000 + n : nil
            }
        }

        public static func of(_ channel: Channel) -> Series { channel == .online ? .online : .desk }
    }

    public static func make(agencyId: String, date: LocalDate, sequence: Int) -> String {
        precondition((1...99_999).contains(sequence), "the daily sequence has four or five digits")
        let yymmdd = String(format: "%02d%02d%02d", date.year % 100, date.month, date.day)
        return "\(agencyId)-\(yymmdd)-\(String(format: "%04d", sequence))"
    }

    /// Splits a code into its agency identifier, day and sequence, or nil if it is not one.
    public static func parse(_ code: String) -> (agencyId: String, yymmdd: String, sequence: Int)? {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count == 6, parts[1].allSatisfy(\.isNumber),
            (4...5).contains(parts[2].count), parts[2].allSatisfy(\.isNumber), let sequence = Int(parts[2]), sequence > 0,
            (try? AgencyIdentifier(String(parts[0]))) != nil
        else { return nil }
        return (String(parts[0]), String(parts[1]), sequence)
    }
}
