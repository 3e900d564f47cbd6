-- Fellowship Challenges: the proposal, its status history, action plan, milestones,
-- improvement measures with PDSA cycles, progress scores, host comments and signed reviews.
-- Money is integer pence; measure values are integers scaled by 10^decimals; progress scores
-- are integer tenths (5 = 0.5 ... 50 = 5.0).

CREATE TABLE challenges (
    id                     INTEGER PRIMARY KEY,
    fellow_id              INTEGER NOT NULL REFERENCES fellows(id) ON DELETE RESTRICT,
    title                  TEXT NOT NULL CHECK (length(trim(title)) > 0),
    problem_statement      TEXT NOT NULL DEFAULT '',
    earlier_attempts       TEXT NOT NULL DEFAULT '',
    nature                 TEXT CHECK (nature IN ('wicked', 'tame')),
    aim_quality            INTEGER NOT NULL DEFAULT 0 CHECK (aim_quality IN (0, 1)),
    aim_population_health  INTEGER NOT NULL DEFAULT 0 CHECK (aim_population_health IN (0, 1)),
    aim_cost               INTEGER NOT NULL DEFAULT 0 CHECK (aim_cost IN (0, 1)),
    stakeholders           TEXT NOT NULL DEFAULT '',
    involvement            TEXT NOT NULL DEFAULT '',
    service_strategy       TEXT NOT NULL DEFAULT '',
    evidence_base          TEXT NOT NULL DEFAULT '',
    current_service        TEXT NOT NULL DEFAULT '',
    patient_pathway        TEXT NOT NULL DEFAULT '',
    patient_involvement    TEXT NOT NULL DEFAULT '',
    support_of_others      TEXT NOT NULL DEFAULT '',
    outcomes_targets       TEXT NOT NULL DEFAULT '',
    financial_implications TEXT NOT NULL DEFAULT '',
    efficiencies           TEXT NOT NULL DEFAULT '',
    status                 TEXT NOT NULL DEFAULT 'draft'
                           CHECK (status IN ('draft', 'agreed_with_host', 'in_progress', 'closing', 'closed')),
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    updated_by             INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX challenges_fellow ON challenges(fellow_id);

CREATE TABLE challenge_status_history (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    changed_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    changed_at   TEXT NOT NULL
);
CREATE INDEX challenge_status_history_challenge ON challenge_status_history(challenge_id);

CREATE TABLE progress_scores (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    score_tenths INTEGER NOT NULL CHECK (score_tenths BETWEEN 5 AND 50 AND score_tenths % 5 = 0),
    scored_on    TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    set_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    set_at       TEXT NOT NULL
);
CREATE INDEX progress_scores_challenge ON progress_scores(challenge_id, scored_on);

CREATE TABLE actions (
    id             INTEGER PRIMARY KEY,
    challenge_id   INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    action         TEXT NOT NULL CHECK (length(trim(action)) > 0),
    lead           TEXT NOT NULL DEFAULT '',
    due_date       TEXT,
    status         TEXT NOT NULL DEFAULT 'not_started'
                   CHECK (status IN ('not_started', 'in_progress', 'done', 'on_hold')),
    resource_pence INTEGER CHECK (resource_pence IS NULL OR resource_pence >= 0),
    created_at     TEXT NOT NULL
);
CREATE INDEX actions_challenge ON actions(challenge_id, position);

CREATE TABLE action_notes (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    noted_on   TEXT NOT NULL,
    note       TEXT NOT NULL CHECK (length(trim(note)) > 0),
    author     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX action_notes_action ON action_notes(action_id);

CREATE TABLE milestones (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('scoping_agreed', 'mid_year_review', 'end_of_year_review', 'showcase')),
    due_date     TEXT,
    outcome_note TEXT NOT NULL DEFAULT '',
    UNIQUE (challenge_id, kind)
);

CREATE TABLE measures (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit         TEXT NOT NULL DEFAULT '',
    direction    TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better', 'neither')),
    frequency    TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly')),
    decimals     INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 4),
    target       INTEGER,
    UNIQUE (challenge_id, name)
);

CREATE TABLE measure_values (
    id         INTEGER PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    period     TEXT NOT NULL,
    value      INTEGER NOT NULL,
    UNIQUE (measure_id, period)
);

-- A dated change to the process (e.g. "new pathway live"); rebase = new limits from here.
CREATE TABLE measure_changes (
    id          INTEGER PRIMARY KEY,
    measure_id  INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    change_date TEXT NOT NULL,
    label       TEXT NOT NULL CHECK (length(trim(label)) > 0),
    rebase      INTEGER NOT NULL DEFAULT 1 CHECK (rebase IN (0, 1))
);

CREATE TABLE pdsa_cycles (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    measure_id   INTEGER REFERENCES measures(id) ON DELETE SET NULL,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    plan         TEXT NOT NULL DEFAULT '',
    do_notes     TEXT NOT NULL DEFAULT '',
    study        TEXT NOT NULL DEFAULT '',
    act          TEXT NOT NULL DEFAULT '',
    start_date   TEXT NOT NULL,
    end_date     TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE challenge_comments (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    author       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body         TEXT NOT NULL CHECK (length(trim(body)) > 0),
    created_at   TEXT NOT NULL
);

-- Host reviews. A signed version is immutable (enforced by triggers below); a later change
-- is a new version.
CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('mid_year', 'end_of_year')),
    version      INTEGER NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    statement    TEXT NOT NULL DEFAULT '',
    signed_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    signed_name  TEXT,
    signed_at    TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (challenge_id, kind, version)
);

CREATE TRIGGER reviews_signed_are_locked BEFORE UPDATE ON reviews
WHEN OLD.signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed review is locked');
END;

CREATE TRIGGER reviews_signed_are_kept BEFORE DELETE ON reviews
WHEN OLD.signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed review is locked');
END;
