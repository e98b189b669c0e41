import Foundation

/// The served OpenAPI document: the platform's `openapi.yaml` with each case kind's fragment
/// (`openapi/<name>.yaml`, named by its `CaseModule`) merged in, so that a new kind documents its
/// API in its own file. A fragment has up to four top-level sections, `tags:`, `paths:`,
/// `parameters:` and `schemas:`, whose entries are written as they sit in the whole document; the
/// parameters and schemas go under `components:`. Plain line splicing is enough because both sides are our own block-style YAML;
/// the test script validates the merged result with openapi-spec-validator.
enum OpenAPIDocument {
    static func load(fragments: [String]) -> String {
        func resource(_ name: String, in directory: String? = nil) -> String {
            let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: directory)
            return url.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
        }
        return assemble(base: resource("openapi"), fragments: fragments.map { resource($0, in: "openapi") })
    }

    static func assemble(base: String, fragments: [String]) -> String {
        var lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for fragment in fragments {
            let sections = self.sections(of: fragment)
            for (key, target, indent) in [
                ("tags", "tags:", ""), ("paths", "paths:", ""), ("parameters", "  parameters:", "  "), ("schemas", "  schemas:", "  ")
            ] {
                guard let entries = sections[key], !entries.isEmpty else { continue }
                guard let start = lines.firstIndex(of: target) else { preconditionFailure("openapi.yaml has no \(target)") }
                let end = self.end(ofSectionAt: start, in: lines)
                lines.insert(contentsOf: entries.map { $0.isEmpty ? $0 : indent + $0 }, at: end)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The entries under each top-level key of a fragment (comments and the keys themselves left out).
    static func sections(of fragment: String) -> [String: [String]] {
        var sections: [String: [String]] = [:]
        var current: String?
        for line in fragment.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("#") { continue }
            if let first = line.first, first != " ", line.hasSuffix(":") {
                current = String(line.dropLast())
                continue
            }
            if let current { sections[current, default: []].append(line) }
        }
        return sections.mapValues { entries in
            var entries = entries
            while entries.last == "" { entries.removeLast() }
            return entries
        }
    }

    /// The index after the last line that belongs to the section starting at `start`: the next
    /// line indented no deeper than the section's key ends it.
    static func end(ofSectionAt start: Int, in lines: [String]) -> Int {
        let depth = lines[start].prefix { $0 == " " }.count
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            if !line.trimmingCharacters(in: .whitespaces).isEmpty, indent <= depth { break }
            index += 1
        }
        // Blank lines before the next section stay with it.
        while index > start + 1, lines[index - 1].trimmingCharacters(in: .whitespaces).isEmpty { index -= 1 }
        return index
    }
}
