-- 360° feedback: framework scales and versions, rounds per cohort with their anonymity rules,
-- self-assessments, nominated raters with single-use invitation codes (stored hashed), and
-- responses that carry no link back to the rater who gave them.

ALTER TABLE frameworks ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE frameworks ADD COLUMN allows_not_observed INTEGER NOT NULL DEFAULT 1
    CHECK (allows_not_observed IN (0, 1));
-- A newer version replaces an older one for new rounds; the older stays for the rounds that used it.
ALTER TABLE frameworks ADD COLUMN replaced_by INTEGER REFERENCES frameworks(id);

CREATE TABLE framework_scale_points (
    framework_id INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
    value        INTEGER NOT NULL CHECK (value BETWEEN 1 AND 10),
    label        TEXT NOT NULL,
    PRIMARY KEY (framework_id, value)
);

CREATE TABLE framework_statements (
    id           INTEGER PRIMARY KEY,
    dimension_id INTEGER NOT NULL REFERENCES framework_dimensions(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    body         TEXT NOT NULL,
    UNIQUE (dimension_id, position)
);

UPDATE frameworks SET description = 'Nine dimensions of leadership behaviour, each rated on a four-part scale from Essential to Exemplary.'
WHERE id = 1;
INSERT INTO framework_scale_points (framework_id, value, label) VALUES
    (1, 1, 'Essential'), (1, 2, 'Proficient'), (1, 3, 'Strong'), (1, 4, 'Exemplary');

CREATE TABLE feedback_rounds (
    id                    INTEGER PRIMARY KEY,
    cohort_id             INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE RESTRICT,
    framework_id          INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE RESTRICT,
    kind                  TEXT NOT NULL CHECK (kind IN ('baseline', 'end_of_year')),
    opens_on              TEXT NOT NULL,
    closes_on             TEXT NOT NULL,
    min_line_manager      INTEGER NOT NULL CHECK (min_line_manager BETWEEN 1 AND 20),
    min_peer              INTEGER NOT NULL CHECK (min_peer BETWEEN 1 AND 20),
    min_direct_report     INTEGER NOT NULL CHECK (min_direct_report BETWEEN 1 AND 20),
    min_other             INTEGER NOT NULL CHECK (min_other BETWEEN 1 AND 20),
    min_service_user      INTEGER NOT NULL CHECK (min_service_user BETWEEN 1 AND 20),
    overall_minimum       INTEGER NOT NULL CHECK (overall_minimum BETWEEN 1 AND 50),
    groups_required       INTEGER NOT NULL CHECK (groups_required BETWEEN 1 AND 5),
    line_manager_required INTEGER NOT NULL CHECK (line_manager_required IN (0, 1)),
    -- Closing is final: responses stop, and each fellow's report is fixed from then on.
    closed_at             TEXT,
    created_at            TEXT NOT NULL,
    CHECK (closes_on > opens_on),
    UNIQUE (cohort_id, kind)
);

CREATE TABLE feedback_self_ratings (
    round_id     INTEGER NOT NULL REFERENCES feedback_rounds(id) ON DELETE CASCADE,
    fellow_id    INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    dimension_id INTEGER NOT NULL REFERENCES framework_dimensions(id) ON DELETE RESTRICT,
    rating       INTEGER CHECK (rating BETWEEN 1 AND 10),
    importance   INTEGER CHECK (importance BETWEEN 1 AND 10),
    PRIMARY KEY (round_id, fellow_id, dimension_id)
);

CREATE TABLE feedback_self_submissions (
    round_id     INTEGER NOT NULL REFERENCES feedback_rounds(id) ON DELETE CASCADE,
    fellow_id    INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    submitted_at TEXT NOT NULL,
    PRIMARY KEY (round_id, fellow_id)
);

-- A nominated rater. The invitation code is `lookup` + a secret; only the secret's SHA-256 is
-- kept. `responded` says that a response came, never which one.
CREATE TABLE feedback_nominations (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES feedback_rounds(id) ON DELETE CASCADE,
    fellow_id   INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    rater_group TEXT NOT NULL CHECK (rater_group IN ('line_manager', 'peer', 'direct_report', 'other', 'service_user')),
    rater_name  TEXT NOT NULL,
    rater_email TEXT NOT NULL,
    lookup      TEXT UNIQUE,
    secret_hash BLOB,
    issued_at   TEXT,
    responded   INTEGER NOT NULL DEFAULT 0 CHECK (responded IN (0, 1)),
    created_at  TEXT NOT NULL,
    UNIQUE (round_id, fellow_id, rater_email)
);

-- Responses have random ids and no timestamps, so neither order nor time ties one to a rater.
CREATE TABLE feedback_responses (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES feedback_rounds(id) ON DELETE CASCADE,
    fellow_id   INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    rater_group TEXT NOT NULL CHECK (rater_group IN ('line_manager', 'peer', 'direct_report', 'other', 'service_user')),
    comment     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feedback_responses_subject ON feedback_responses(round_id, fellow_id);

CREATE TABLE feedback_response_ratings (
    response_id  INTEGER NOT NULL REFERENCES feedback_responses(id) ON DELETE CASCADE,
    dimension_id INTEGER NOT NULL REFERENCES framework_dimensions(id) ON DELETE RESTRICT,
    rating       INTEGER CHECK (rating BETWEEN 1 AND 10),
    importance   INTEGER CHECK (importance BETWEEN 1 AND 10),
    PRIMARY KEY (response_id, dimension_id)
);

-- Each fellow's report in a closed round: reviewed by faculty or the facilitator, then released
-- to the fellow, who may share it with their host sponsor.
CREATE TABLE feedback_reports (
    round_id     INTEGER NOT NULL REFERENCES feedback_rounds(id) ON DELETE CASCADE,
    fellow_id    INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    reviewed_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reviewed_at  TEXT,
    released_at  TEXT,
    shared_with_host_at TEXT,
    PRIMARY KEY (round_id, fellow_id)
);
