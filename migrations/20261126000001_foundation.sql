-- Foundation: programmes, cohorts, host organisations, fellows, users.
-- Dates are ISO-8601 text (chrono NaiveDate); timestamps are RFC 3339 UTC text.

CREATE TABLE programmes (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE cohorts (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE RESTRICT,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL,
    CHECK (end_date > start_date),
    UNIQUE (programme_id, name)
);

CREATE TABLE host_organisations (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES programmes(id) ON DELETE RESTRICT,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind          TEXT NOT NULL CHECK (kind IN ('nhs_trust', 'integrated_care_board', 'primary_care_network',
                                               'gp_federation', 'local_authority', 'charity', 'other')),
    ods_code      TEXT,
    region        TEXT NOT NULL DEFAULT '',
    sponsor_name  TEXT NOT NULL DEFAULT '',
    sponsor_email TEXT NOT NULL DEFAULT '',
    mentor_name   TEXT NOT NULL DEFAULT '',
    mentor_email  TEXT NOT NULL DEFAULT '',
    UNIQUE (programme_id, name)
);

CREATE TABLE fellows (
    id                  INTEGER PRIMARY KEY,
    programme_id        INTEGER NOT NULL REFERENCES programmes(id) ON DELETE RESTRICT,
    cohort_id           INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE RESTRICT,
    host_id             INTEGER REFERENCES host_organisations(id) ON DELETE RESTRICT,
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    profession          TEXT NOT NULL,
    professional_body   TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    email               TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('applicant', 'active', 'interrupted', 'completed', 'withdrawn')),
    created_at          TEXT NOT NULL,
    UNIQUE (programme_id, professional_body, registration_number)
);
CREATE INDEX fellows_cohort ON fellows(cohort_id);
CREATE INDEX fellows_host ON fellows(host_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('faculty', 'fellow', 'host_sponsor', 'mentor')),
    -- A fellow user is the fellow; sponsors and mentors belong to one host organisation.
    fellow_id     INTEGER REFERENCES fellows(id) ON DELETE SET NULL,
    host_id       INTEGER REFERENCES host_organisations(id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    CHECK (role <> 'fellow' OR fellow_id IS NOT NULL),
    CHECK (role NOT IN ('host_sponsor', 'mentor') OR host_id IS NOT NULL)
);

CREATE TABLE fellow_status_history (
    id             INTEGER PRIMARY KEY,
    fellow_id      INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    status         TEXT NOT NULL CHECK (status IN ('applicant', 'active', 'interrupted', 'completed', 'withdrawn')),
    effective_date TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    changed_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    changed_at     TEXT NOT NULL
);
CREATE INDEX status_history_fellow ON fellow_status_history(fellow_id, effective_date);
