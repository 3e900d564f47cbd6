-- Sign-in attempts are limited per email address: after five failures within fifteen minutes the
-- address is locked for fifteen minutes, even for the right password. Unknown addresses are
-- counted the same way, so the lock says nothing about which accounts exist.
CREATE TABLE sign_in_failures (
    email           TEXT PRIMARY KEY COLLATE NOCASE,
    failures        INTEGER NOT NULL,
    first_failed_at TEXT NOT NULL,
    locked_until    TEXT
);
