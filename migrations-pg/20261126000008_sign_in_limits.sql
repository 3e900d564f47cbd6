-- PostgreSQL 15 port of migrations/20261126000008_sign_in_limits.sql (see PORTING.md).
-- Sign-in attempts are limited per email address: after five failures within fifteen minutes the
-- address is locked for fifteen minutes, even for the right password. Unknown addresses are
-- counted the same way, so the lock says nothing about which accounts exist.
--
-- SQLite: email TEXT PRIMARY KEY COLLATE NOCASE. The plain primary key stays so that
-- auth.rs's `ON CONFLICT (email) DO UPDATE` still has its arbiter (the core always binds the
-- address lower-cased); the unique index on lower(email) keeps the case-insensitive uniqueness.
CREATE TABLE sign_in_failures (
    email           TEXT PRIMARY KEY,
    failures        BIGINT NOT NULL,
    first_failed_at TEXT NOT NULL,
    locked_until    TEXT
);
CREATE UNIQUE INDEX sign_in_failures_email_nocase ON sign_in_failures (lower(email));
