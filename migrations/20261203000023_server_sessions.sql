-- The programme server's sessions that hold something (signed in, or part way through signing
-- in), shared by every server process on this database and kept across a restart. Only a hash
-- of each session id is stored; the state holds ids and times, never names or addresses.
CREATE TABLE server_sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    INTEGER REFERENCES users(id) ON DELETE CASCADE,
    state      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX server_sessions_updated ON server_sessions(updated_at);
CREATE INDEX server_sessions_user ON server_sessions(user_id);
-- The key each session's CSRF token is derived with, so any process can check a token another
-- issued. Made once, at the first server start.
CREATE TABLE server_secret (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);
