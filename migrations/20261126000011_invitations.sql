-- Accounts by invitation: faculty invite someone by email with a one-time sign-up link (only the
-- SHA-256 of its token is kept), and can disable an account without deleting its history.

ALTER TABLE users ADD COLUMN disabled_at TEXT;

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    email       TEXT NOT NULL COLLATE NOCASE,
    role        TEXT NOT NULL CHECK (role IN ('faculty', 'fellow', 'host_sponsor', 'mentor')),
    fellow_id   INTEGER REFERENCES fellows(id) ON DELETE CASCADE,
    host_id     INTEGER REFERENCES host_organisations(id) ON DELETE CASCADE,
    token_hash  BLOB NOT NULL UNIQUE,
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    CHECK (role <> 'fellow' OR fellow_id IS NOT NULL),
    CHECK (role NOT IN ('host_sponsor', 'mentor') OR host_id IS NOT NULL)
);
CREATE INDEX invitations_email ON invitations(email);
