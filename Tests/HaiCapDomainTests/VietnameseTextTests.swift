import HaiCapDomain
import Testing

@Suite("Vietnamese text: normal form, folding, sort order")
struct VietnameseTextTests {
    @Test("fold removes tones and vowel marks, maps đ, lowercases and collapses spaces")
    func folding() {
        #expect(VietnameseText.fold("Tân Định") == "tan dinh")
        #expect(VietnameseText.fold("TAN  DINH") == "tan dinh")
        #expect(VietnameseText.fold("  Đặc khu Côn Đảo ") == "dac khu con dao")
        #expect(VietnameseText.fold("Phường Bà Rịa") == "phuong ba ria")
        #expect(VietnameseText.fold("ƯỚC ĐOÁN ỦY BAN") == "uoc doan uy ban")
    }

    @Test("fold treats decomposed (combining marks) and precomposed input alike")
    func foldingDecomposed() {
        let decomposed = "Ta\u{0302}n \u{0110}i\u{0323}nh"
        #expect(VietnameseText.fold(decomposed) == "tan dinh")
        #expect(VietnameseText.nfc(decomposed) == "Tân Định")
    }

    @Test("sort key orders letters by the Vietnamese alphabet: a ă â b c d đ e ê …")
    func alphabetOrder() {
        let words = ["đa", "âm", "ba", "dê", "ăn", "an", "êm", "em", "ơi", "ôm", "om", "ưa", "ua"]
        let sorted = words.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }
        #expect(sorted == ["an", "ăn", "âm", "ba", "dê", "đa", "em", "êm", "om", "ôm", "ơi", "ua", "ưa"])
    }

    @Test("tones only break ties between equal letters, in dictionary order ngang, huyền, hỏi, ngã, sắc, nặng")
    func toneOrder() {
        let words = ["má", "mạ", "mả", "mà", "ma", "mã", "mai"]
        let sorted = words.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }
        #expect(sorted == ["ma", "mà", "mả", "mã", "má", "mạ", "mai"])
    }

    @Test("words compare one by one and numbers by value")
    func wordsAndNumbers() {
        let names = ["Phường 10", "Phường 2", "Anh Dũng", "An Phú", "Phường Bến Thành", "Đông Hòa", "Dĩ An"]
        let sorted = names.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }
        #expect(sorted == ["An Phú", "Anh Dũng", "Dĩ An", "Đông Hòa", "Phường 2", "Phường 10", "Phường Bến Thành"])
    }

    @Test("sort keys use only a–z, so every database collation orders them the same")
    func keyAlphabet() {
        let key = VietnameseText.sortKey("Xã Bình Châu, Huyện Xuyên Mộc 12")
        #expect(key.allSatisfy { $0 >= "a" && $0 <= "z" })
    }
}

@Suite("Agency identifiers and access policy")
struct AccessPolicyTests {
    @Test("QCVN 102 identifiers are parsed; malformed ones rejected with a message")
    func identifiers() throws {
        #expect(try AgencyIdentifier("000.00.00.H29").description == "000.00.00.H29")
        #expect(try AgencyIdentifier("012.01.90.H29").level4 == "012")
        for bad in ["", "000.00.00", "00.00.00.H29", "000.00.00.h29", "000.0A.00.H29", "000.00.00.H2"] {
            #expect(throws: ValidationError.self) { try AgencyIdentifier(bad) }
        }
    }

    @Test("the standard agencies have unique, well-formed identifiers and two per unit")
    func scheme() throws {
        let units = (1...168).map {
            AdministrativeUnit(code: String(20000 + $0), name: "Phường \($0)", type: .phuong, latitude: 0, longitude: 0, areaKm2: 1)
        }
        let agencies = AgencyScheme.cityAgencies + AgencyScheme.unitAgencies(units)
        #expect(agencies.count == AgencyScheme.cityAgencies.count + 336)
        #expect(Set(agencies.map(\.id)).count == agencies.count)
        for agency in agencies { _ = try AgencyIdentifier(agency.id) }
        #expect(agencies.first?.id == "000.00.00.H29")
    }

    @Test("ward officials reach only their ward's agencies; city roles reach all")
    func scope() {
        let ward = Principal(userId: 1, username: "a", fullName: "A", role: .officer, agencyId: "001.01.90.H29", unitCode: "26737")
        let city = Principal(userId: 2, username: "b", fullName: "B", role: .department, agencyId: "000.00.04.H29", unitCode: nil)
        let own = Agency(id: "001.00.90.H29", name: "UBND", kind: .unitPeoplesCommittee, unitCode: "26737", idIsOfficial: false)
        let other = Agency(id: "002.00.90.H29", name: "UBND", kind: .unitPeoplesCommittee, unitCode: "26743", idIsOfficial: false)
        #expect(Policy.reaches(ward, agency: own))
        #expect(!Policy.reaches(ward, agency: other))
        #expect(Policy.reaches(city, agency: other))
        #expect(Policy.allows(nil, .everyone) && !Policy.allows(nil, .signedIn))
        #expect(!Policy.allows(ward, .administer) && !Policy.allows(ward, .viewAgencyStaff))
        #expect(throws: AccessError.notAuthenticated) { try Policy.require(nil, .signedIn) }
        #expect(throws: AccessError.forbidden) { try Policy.require(ward, .administer) }
    }

    @Test("passwords need 12 to 128 characters with letters and digits")
    func passwordLength() {
        #expect(!PasswordRule.isAcceptable("matkhau1234"))
        #expect(PasswordRule.isAcceptable("matkhau12345"))
        #expect(!PasswordRule.isAcceptable("matkhaukhongso"))
        #expect(!PasswordRule.isAcceptable(String(repeating: "a1", count: 65)))
    }

    @Test("new accounts: every problem is reported at once")
    func accountValidation() {
        let new = NewAccount(username: "x", fullName: "", password: "short", role: "boss", agencyId: "")
        #expect(throws: ValidationError.self) { try new.validated() }
        do { _ = try new.validated() } catch { #expect(Set(error.problems.map(\.field)) == ["username", "password", "role", "agency"]) }
    }
}

import Foundation

@Suite("Office hours as typed by administrators")
struct WorkingHoursTextTests {
    @Test("parses ranges and lists, round-trips to text, and the standard hours read back as typed")
    func roundTrip() throws {
        let hours = try WorkingHours.parse("T2-T6: 07:30-11:30, 13:00-17:00; T7: 07:30-11:30")
        #expect(hours == WorkingHours.standard.withSaturday([WorkingPeriod("07:30", "11:30")]))
        #expect(hours.text == "T2-T6: 07:30-11:30, 13:00-17:00; T7: 07:30-11:30")
        #expect(WorkingHours.standard.text == "T2-T6: 07:30-11:30, 13:00-17:00")
        let list = try WorkingHours.parse("T2,T4: 08:00-12:00")
        #expect(list.periods(weekday: 2).isEmpty && list.periods(weekday: 3).count == 1)
    }

    @Test("every mistake is reported at once")
    func problems() {
        do {
            _ = try WorkingHours.parse("T2-T9: 07:30-11:30; T3 08:00-09:00; T4: 12:00-11:00")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.count == 4)  // T9; "T3 08" (no colon after the day); "00"; 12:00-11:00
        }
        #expect(throws: ValidationError.self) { try WorkingHours.parse("T2: 07:00-12:00, 11:00-13:00") }
        #expect(throws: ValidationError.self) { try WorkingHours.parse("") }
    }
}
