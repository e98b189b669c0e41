/// Officials, their browser sessions and their machines' API tokens.
let m002Accounts = Migration(2, "accounts: users, sessions, api tokens") { kind in
    [
        """
        CREATE TABLE users (
            id {id},
            username TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            full_name_folded TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            agency_id TEXT NOT NULL REFERENCES agencies (id) ON UPDATE CASCADE,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until {bigint},
            created_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX users_agency ON users (agency_id)",
        """
        CREATE TABLE sessions (
            id_hash TEXT PRIMARY KEY,
            user_id {bigint} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created_at {bigint} NOT NULL,
            expires_at {bigint} NOT NULL
        )
        """,
        "CREATE INDEX sessions_user ON sessions (user_id)",
        """
        CREATE TABLE api_tokens (
            id {id},
            user_id {bigint} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            created_at {bigint} NOT NULL,
            last_used_at {bigint},
            revoked_at {bigint}
        )
        """
    ].map { DDL.expand($0, kind) }
}
