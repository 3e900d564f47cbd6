-- A private calendar subscription address per person (RFC 5545 feed): only the SHA-256 of its
-- token is kept; a new address replaces the old, and either can be revoked.
CREATE TABLE calendar_feeds (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id);
