/// Numbers as Vietnamese readers write them: thousands grouped with a dot ("12.316").
public enum VietnameseNumber {
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
