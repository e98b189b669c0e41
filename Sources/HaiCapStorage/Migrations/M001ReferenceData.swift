/// The 168 units, the 441 old wards, the old → new table and the agencies.
let m001ReferenceData = Migration(1, "reference data: units, old wards, successions, agencies") { kind in
    [
        """
        CREATE TABLE units (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_folded TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            type TEXT NOT NULL,
            latitude {real} NOT NULL,
            longitude {real} NOT NULL,
            area_km2 {real} NOT NULL
        )
        """,
        "CREATE INDEX units_type ON units (type, sort_key)",
        """
        CREATE TABLE old_wards (
            code TEXT PRIMARY KEY,
            conversion_code TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            district_code TEXT NOT NULL,
            district_name TEXT NOT NULL,
            province_code TEXT NOT NULL,
            province_name TEXT NOT NULL
        )
        """,
        "CREATE INDEX old_wards_conversion ON old_wards (conversion_code)",
        """
        CREATE TABLE successions (
            id {id},
            old_ward_code TEXT NOT NULL,
            old_district_name TEXT NOT NULL,
            old_province_name TEXT NOT NULL,
            new_unit_code TEXT NOT NULL REFERENCES units (code),
            is_partial INTEGER NOT NULL,
            is_default INTEGER NOT NULL
        )
        """,
        "CREATE INDEX successions_new ON successions (new_unit_code)",
        "CREATE INDEX successions_old ON successions (old_ward_code)",
        """
        CREATE TABLE agencies (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_folded TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            unit_code TEXT REFERENCES units (code),
            id_is_official INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX agencies_unit ON agencies (unit_code)"
    ].map { DDL.expand($0, kind) }
}
