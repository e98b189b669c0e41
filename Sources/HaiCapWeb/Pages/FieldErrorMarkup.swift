import Foundation

/// Puts each problem next to its field on any form: after the first control named like the problem's
/// field, a `<p class="field-error">` with the message, and the control marked `aria-invalid` and
/// described by it. Templates that already print a field's error (`id="NAME-error"`) are left alone, and
/// so is a name several controls share (radio groups, the same field in several forms on one page).
enum FieldErrorMarkup {
    static func insert(into html: String, problems: [(field: String, message: String)]) -> String {
        var html = html
        var seen: Set<String> = []
        for problem in problems {
            let name = problem.field.hasPrefix("applicant.") ? String(problem.field.dropFirst("applicant.".count)) : problem.field
            guard !seen.contains(name), name.range(of: #"^[A-Za-z0-9_\-\[\]]+$"#, options: .regularExpression) != nil else { continue }
            seen.insert(name)
            let errorId = "\(name.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: ""))-error"
            if html.contains("id=\"\(errorId)\"") { continue }
            let escapedName = NSRegularExpression.escapedPattern(for: name)
            guard let regex = try? NSRegularExpression(pattern: #"<(input|select|textarea)\b[^>]*\bname=""# + escapedName + #""[^>]*>"#),
                // Several forms on one page may share a name (each action's "note"): then the list at the top says it.
                regex.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html)) == 1,
                let match = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)),
                let tagRange = Range(match.range, in: html), let kindRange = Range(match.range(at: 1), in: html)
            else { continue }
            let kind = String(html[kindRange])
            var tag = String(html[tagRange])
            if !tag.contains("aria-invalid") {
                tag.insert(contentsOf: " aria-invalid=\"true\" aria-describedby=\"\(errorId)\"", at: tag.index(before: tag.endIndex))
            }
            let message = "<p class=\"field-error\" id=\"\(errorId)\">\(escape(problem.message))</p>"
            // After the whole control: a select or textarea ends with its closing tag.
            var end = tagRange.upperBound
            if kind != "input", let close = html.range(of: "</\(kind)>", range: tagRange.upperBound..<html.endIndex) {
                end = close.upperBound
            }
            let tail = html[tagRange.upperBound..<end]
            html.replaceSubrange(tagRange.lowerBound..<end, with: tag + tail + message)
        }
        return html
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
