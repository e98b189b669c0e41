import HaiCapDomain
import SQLKit

/// PostgreSQL's second full-text index over documents: the same words, each prefixed with the
/// document's own scope word (its ward, or its agency when it has none; `DocumentStore.scopedTerms`).
/// A ward's query then reads the posting lists of that ward's documents only: the city-wide lists
/// of common words cost 20–60 ms to read per query at a million documents. An expression index, so
/// the rows stay as they are. SQLite's FTS5 answers scoped queries fast without it.
let m018DocumentSearchScoped = Migration(18, "full-text index of documents by scope (PostgreSQL)") { kind in
    switch kind {
    case .sqlite: []
    case .postgres: [DocumentStore.createScopedIndex]
    }
}
