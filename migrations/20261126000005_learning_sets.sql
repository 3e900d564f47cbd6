-- Action learning sets: 4 to 8 fellows of one cohort with a facilitator, meeting in sessions.
-- A session's record (check-in, the problems presented, actions, discussion notes) is the
-- set's own: members and facilitator read it; faculty see attendance and action follow-through.

CREATE TABLE learning_sets (
    id                     INTEGER PRIMARY KEY,
    cohort_id              INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE RESTRICT,
    name                   TEXT NOT NULL,
    facilitator_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
    ground_rules           TEXT NOT NULL DEFAULT '',
    ground_rules_agreed_on TEXT,
    created_at             TEXT NOT NULL,
    UNIQUE (cohort_id, name)
);
CREATE INDEX learning_sets_facilitator ON learning_sets(facilitator_id);

-- A fellow belongs to one set at a time.
CREATE TABLE learning_set_members (
    set_id    INTEGER NOT NULL REFERENCES learning_sets(id) ON DELETE CASCADE,
    fellow_id INTEGER NOT NULL UNIQUE REFERENCES fellows(id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, fellow_id)
);

CREATE TABLE learning_set_sessions (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES learning_sets(id) ON DELETE CASCADE,
    meets_on    TEXT NOT NULL,
    recorded_at TEXT,
    recorded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    check_in    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (set_id, meets_on)
);

CREATE TABLE learning_set_attendance (
    session_id INTEGER NOT NULL REFERENCES learning_set_sessions(id) ON DELETE CASCADE,
    fellow_id  INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    mark       TEXT NOT NULL CHECK (mark IN ('present', 'apologies', 'absent')),
    PRIMARY KEY (session_id, fellow_id)
);

-- A bid for time; `presented` is set when the bid was given airtime.
CREATE TABLE learning_set_presentations (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES learning_set_sessions(id) ON DELETE CASCADE,
    fellow_id       INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    bid_minutes     INTEGER NOT NULL CHECK (bid_minutes BETWEEN 1 AND 120),
    presented       INTEGER NOT NULL CHECK (presented IN (0, 1)),
    airtime_seconds INTEGER CHECK (airtime_seconds BETWEEN 0 AND 14400),
    issue           TEXT NOT NULL DEFAULT '',
    feedback        TEXT NOT NULL DEFAULT '',
    UNIQUE (session_id, fellow_id)
);

CREATE TABLE learning_set_actions (
    id              INTEGER PRIMARY KEY,
    presentation_id INTEGER NOT NULL REFERENCES learning_set_presentations(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    body            TEXT NOT NULL CHECK (length(body) > 0),
    review          TEXT CHECK (review IN ('done', 'partly', 'not_done')),
    review_note     TEXT NOT NULL DEFAULT '',
    reviewed_in     INTEGER REFERENCES learning_set_sessions(id) ON DELETE SET NULL
);
CREATE INDEX learning_set_actions_presentation ON learning_set_actions(presentation_id);
