import Testing

@testable import HaiCapWeb

/// Each case kind documents its API in its own fragment; the served document holds them all, in
/// the right sections (openapi-spec-validator checks the whole in the test script).
@Suite struct OpenAPIDocumentTests {
    @Test func fragmentsLandInTheirSections() {
        let base = """
            openapi: 3.1.0
            tags:
              - name: he-thong
                description: Vận hành
            security: []
            paths:
              /healthz:
                get:
                  summary: Sức khỏe

            components:
              parameters:
                Limit:
                  name: limit
              schemas:
                Error:
                  type: object
            """
        let fragment = """
            # a kind's part
            tags:
              - name: cong-van
                description: Văn bản
            paths:
              /api/v1/documents:
                get:
                  description: |
                    Danh sách văn bản.
                    Hai dòng.
            parameters:
              DocumentId:
                name: id
            schemas:
              Document:
                type: object
                properties:
                  id: {type: integer}
            """
        let merged = OpenAPIDocument.assemble(base: base, fragments: [fragment]).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        func line(_ text: String) -> Int { merged.firstIndex(of: text) ?? -1 }
        #expect(line("  - name: cong-van") > line("  - name: he-thong"))
        #expect(line("  - name: cong-van") < line("security: []"))
        #expect(line("  /api/v1/documents:") > line("  /healthz:"))
        #expect(line("  /api/v1/documents:") < line("components:"))
        #expect(line("        Danh sách văn bản.") == line("      description: |") + 1)
        #expect(line("    Document:") > line("    Error:"))
        #expect(line("        id: {type: integer}") == line("    Document:") + 3)
        #expect(line("    DocumentId:") > line("    Limit:"))
        #expect(line("    DocumentId:") < line("  schemas:"))
        #expect(line("  parameters:") < line("  schemas:"))
        #expect(!merged.contains { $0.hasPrefix("#") })
    }

    @Test func everyKindHasItsFragment() {
        let document = OpenAPIDocument.load(fragments: CaseModules.all.map(\.openAPIFragment).filter { !$0.isEmpty })
        #expect(document.hasPrefix("openapi: 3.1"))
        #expect(document.contains("\n  /api/v1/dossiers:\n"))
        #expect(document.contains("\n  /api/v1/feedback:\n"))
        #expect(document.contains("\n    Dossier:\n"))
        #expect(document.contains("\n    FeedbackReport:\n"))
        #expect(document.contains("\n  - name: phan-anh\n"))
        #expect(document.contains("\n  /api/v1/documents/incoming:\n"))
        #expect(document.contains("\n    DocumentId:\n"))
    }
}
