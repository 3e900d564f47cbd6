-- Mentoring and coaching: a fellow's relationships (workplace mentor, coach, system mentor) with
-- a person who has an account, and the sessions they log. Agreed actions are seen by both
-- parties; a private note is seen only by its author. Faculty see that sessions happen.

ALTER TABLE programmes ADD COLUMN mentoring_gap_days INTEGER NOT NULL DEFAULT 42
    CHECK (mentoring_gap_days BETWEEN 7 AND 365);

CREATE TABLE mentoring_relationships (
    id         INTEGER PRIMARY KEY,
    fellow_id  INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
    kind       TEXT NOT NULL CHECK (kind IN ('workplace_mentor', 'coach', 'system_mentor')),
    started_on TEXT NOT NULL,
    ended_on   TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (fellow_id, person_id, kind)
);
CREATE INDEX mentoring_relationships_person ON mentoring_relationships(person_id);

CREATE TABLE mentoring_sessions (
    id               INTEGER PRIMARY KEY,
    relationship_id  INTEGER NOT NULL REFERENCES mentoring_relationships(id) ON DELETE CASCADE,
    held_on          TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
    mode             TEXT NOT NULL CHECK (mode IN ('in_person', 'video', 'phone')),
    themes           TEXT NOT NULL DEFAULT '',
    agreed_actions   TEXT NOT NULL DEFAULT '',
    logged_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX mentoring_sessions_relationship ON mentoring_sessions(relationship_id, held_on);

CREATE TABLE mentoring_private_notes (
    session_id INTEGER NOT NULL REFERENCES mentoring_sessions(id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (session_id, author_id)
);
