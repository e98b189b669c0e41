/// Each dossier keeps its public view (what a lookup shows) ready, rendered at every transition.
let m006PublicView = Migration(6, "dossiers: stored public view for the lookup") { kind in
    ["ALTER TABLE dossiers ADD COLUMN public_view TEXT"].map { DDL.expand($0, kind) }
}
