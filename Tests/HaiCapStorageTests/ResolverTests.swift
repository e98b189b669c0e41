import HaiCapDomain
import HaiCapStorage
import Testing

/// Real old addresses as people write them. Expected codes are read from the official conversion
/// table (shared/data/hcm_old_to_new.csv), not from the code under test.
@Suite("Old address → new unit")
struct ResolverTests {
    static let resolver = AddressResolver(reference: try! ReferenceFiles.load())

    /// (input, expected successor codes with the default first).
    static let unique: [(String, [String])] = [
        ("Phường 14, Quận Bình Thạnh", ["26929"]),
        ("P.14 Q. Bình Thạnh", ["26929"]),
        ("phuong 14 quan binh thanh", ["26929"]),
        ("PHƯỜNG 14, QUẬN BÌNH THẠNH, TP.HCM", ["26929"]),
        ("F14 Bình Thạnh", ["26929"]),
        ("26935", ["26929"]),  // renumbered ward: its current code
        ("26929", ["26929"]),  // … and its conversion-table code
        ("Phường 19, Quận Bình Thạnh", ["26956"]),
        ("26953", ["26956"]),
        ("Phường 15, Quận Phú Nhuận", ["27073", "27058"]),  // renumbered and split
        ("27076", ["27073", "27058"]),
        ("P11 Q11", ["27226"]),
        ("Phường 10, Quận 11", ["27232"]),
        ("Phường 2, Quận 6", ["27367"]),
        ("Phường 1, Quận 6", ["27373"]),
        ("xã Bình Châu, huyện Xuyên Mộc", ["26656"]),
        ("Xa Binh Chau, H. Xuyen Moc, BRVT", ["26656"]),
        ("Phường Phú Cường, TP Thủ Dầu Một", ["25747"]),
        ("P. Phú Cường, Tp. Thủ Dầu Một, Bình Dương", ["25747"]),
        ("Phường Hiệp Thành, TP Thủ Dầu Một, tỉnh Bình Dương", ["25750", "25747"]),
        ("Phường Đa Kao, Quận 1", ["26740", "26737"]),
        ("P. Đa Kao Q1", ["26740", "26737"]),
        ("Phường Nguyễn Thái Bình, Q.1", ["26743", "26740"]),
        ("Phường Bến Nghé, Quận 1, TP Hồ Chí Minh", ["26740"]),
        ("Phường Tân Định, Quận 1", ["26737"]),
        ("Phường Linh Trung, TP Thủ Đức", ["26800"]),
        ("Phường Linh Trung, Quận Thủ Đức", ["26800"]),  // the district before 2021
        ("Phường Tân Phú, Quận 9", ["26842"]),
        ("Phường Tân Phú, Quận 7", ["27487"]),
        ("Phường Thảo Điền, Quận 2", ["27094"]),
        ("Phường Phước Long A, Quận 9", ["26848"]),
        ("Thị trấn Củ Chi, huyện Củ Chi", ["27496"]),
        ("TT Củ Chi", ["27496"]),
        ("Thị trấn Cần Thạnh, Huyện Cần Giờ", ["27664"]),
        ("Xã Thạnh An, huyện Cần Giờ", ["27676"]),
        ("Phường Sơn Kỳ, Quận Tân Phú", ["27013", "27019", "27439"]),
        ("Phường Long Hương, TP Bà Rịa", ["26566"]),
        ("Phường 14, Quận Gò Vấp", ["26882"]),
        ("Xã Minh Thạnh, huyện Dầu Tiếng", ["25780", "25792"]),
        ("Phường 15, Quận Tân Bình", ["27007", "27004"]),
        ("Xã Tân Quý Tây, huyện Bình Chánh", ["27637"]),
        ("huyện Côn Đảo", ["26732"])  // a district with no wards
    ]

    @Test("resolves real old addresses to the official successors, default first", arguments: unique)
    func resolvesUniquely(input: String, expected: [String]) {
        let outcome = Self.resolver.resolve(input)
        #expect(outcome.matches.count == 1, "\(input): \(outcome.matches.map { $0.oldWard?.name ?? $0.oldDistrictName })")
        let successors = outcome.matches.first?.successors ?? []
        #expect(successors.map(\.unit.code) == expected, "\(input)")
        #expect(successors.first?.isDefault == true)
        #expect(successors.dropFirst().allSatisfy { !$0.isDefault })
    }

    @Test("ambiguous input returns the candidates, not a guess")
    func ambiguous() {
        let p14 = Self.resolver.resolve("Phường 14")
        #expect(p14.isAmbiguous)
        #expect(p14.matches.count == 9)  // nine old wards were called Phường 14 (hcm_old_units.csv)
        let districts: Set<String> = Set(p14.matches.compactMap { $0.oldWard?.districtName })
        #expect(districts.contains("Quận Bình Thạnh"))

        let tanPhu = Self.resolver.resolve("Phường Tân Phú")
        #expect(tanPhu.matches.count >= 2)
        let codes: Set<String> = Set(tanPhu.matches.compactMap { $0.oldWard?.code })
        #expect(codes.isSuperset(of: ["26836", "27487"]))

        // "Thạnh An" (Cần Giờ) and "Thanh An" (Dầu Tiếng) fold alike: both offered.
        #expect(Self.resolver.resolve("xã Thạnh An").matches.count >= 2)
    }

    @Test("structured fields: a bare number is a numbered ward or district")
    func structured() {
        let outcome = Self.resolver.resolve(ward: "14", district: "Bình Thạnh", province: "")
        #expect(outcome.matches.first?.successors.first?.unit.code == "26929")
        let numbered = Self.resolver.resolve(ward: "10", district: "11", province: "Thành phố Hồ Chí Minh")
        #expect(numbered.matches.map { $0.oldWard?.code } == ["27223"])
    }

    @Test("nonsense and empty input find nothing")
    func nothing() {
        #expect(Self.resolver.resolve("123 đường không tồn tại").matches.isEmpty)
        #expect(Self.resolver.resolve("").matches.isEmpty)
        #expect(Self.resolver.resolve("99999").matches.isEmpty)
    }

    @Test("every old ward resolves by its own full name and district to itself")
    func everyWard() throws {
        let reference = try ReferenceFiles.load()
        var failures: [String] = []
        for ward in reference.oldWards {
            let outcome = Self.resolver.resolve("\(ward.name), \(ward.districtName), \(ward.provinceName)")
            if outcome.matches.map({ $0.oldWard?.code }) != [ward.code] { failures.append("\(ward.name), \(ward.districtName)") }
        }
        #expect(failures.isEmpty, "\(failures.count) wards: \(failures.prefix(10))")
    }
}
