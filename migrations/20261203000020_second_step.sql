-- A second step at sign-in: each person's time-based one-time code key (sealed under the key
-- file beside the database, like the SMTP password), the last time step used (a code works
-- once), and ten single-use recovery codes, of which only hashes are kept.
CREATE TABLE second_steps (
    user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret_sealed TEXT NOT NULL,
    confirmed_at  TEXT,
    last_step     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE TABLE recovery_codes (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash BLOB NOT NULL,
    used_at   TEXT
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);
-- Whether faculty (who hold every fellow's record) must use the second step.
ALTER TABLE programmes ADD COLUMN second_step_for_faculty INTEGER NOT NULL DEFAULT 0;
