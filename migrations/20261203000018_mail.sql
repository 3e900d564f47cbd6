-- Email through the organisation's SMTP server. One row of settings; the password is sealed
-- (AES-256-GCM) under a key kept in a file beside the database, never in it, so neither a backup
-- nor an export can reveal it.
CREATE TABLE mail_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    enabled         INTEGER NOT NULL DEFAULT 0,
    host            TEXT NOT NULL DEFAULT '',
    port            INTEGER NOT NULL DEFAULT 587,
    security        TEXT NOT NULL DEFAULT 'starttls',
    username        TEXT NOT NULL DEFAULT '',
    password_sealed TEXT,
    from_address    TEXT NOT NULL DEFAULT '',
    from_name       TEXT NOT NULL DEFAULT '',
    app_url         TEXT NOT NULL DEFAULT '',
    reminder_days   TEXT NOT NULL DEFAULT '7,2',
    extra_ca        TEXT NOT NULL DEFAULT '',
    updated_at      TEXT
);

-- Messages, written in the same transaction as the change that causes them and delivered by a
-- worker. message_key makes queueing the same message twice a no-op, and is the Message-ID, so a
-- rare resend after a crash is the same message to the receiving server.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    message_key     TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    to_address      TEXT NOT NULL,
    to_user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- The fellow a message is about, so erasing the fellow erases it.
    about_fellow_id INTEGER,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    secret          INTEGER NOT NULL DEFAULT 0,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until     TEXT,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_user ON outbox(to_user_id, state);

-- How often each person wants the messages they may refuse: now, weekly or none.
CREATE TABLE mail_preferences (
    user_id   INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    frequency TEXT NOT NULL
);
