-- Sign-in with the organisation's account (OpenID Connect). One row of settings; the client
-- secret is sealed under the key file beside the database, like the SMTP password.
CREATE TABLE org_sign_in (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    enabled       INTEGER NOT NULL DEFAULT 0,
    issuer        TEXT NOT NULL DEFAULT '',
    client_id     TEXT NOT NULL DEFAULT '',
    secret_sealed TEXT,
    email_claim   TEXT NOT NULL DEFAULT 'email',
    -- Passwords are refused, except for accounts faculty let fall back to one.
    required      INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT
);
-- An account's identity at a provider: linked the first time by the account's email, then found
-- by issuer and subject alone (an email reused later at the provider cannot take it over).
CREATE TABLE user_identities (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    issuer       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    linked_at    TEXT NOT NULL,
    last_used_at TEXT,
    UNIQUE (issuer, subject),
    UNIQUE (user_id, issuer)
);
ALTER TABLE users ADD COLUMN password_fallback INTEGER NOT NULL DEFAULT 0;
