-- Longitudinal outcomes: follow-up waves after a cohort's year ends, outcome measures tagged with
-- their Kirkpatrick level, and each alumnus's response in a wave (recorded by faculty or imported
-- from a survey tool's CSV). Values are text or integers; never floats.

CREATE TABLE outcome_waves (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    -- Months after the cohort's end date when the wave falls due (0 = at the end of the year).
    months_after INTEGER NOT NULL UNIQUE CHECK (months_after BETWEEN 0 AND 240),
    -- Days after falling due before a missing response counts as overdue.
    window_days  INTEGER NOT NULL DEFAULT 90 CHECK (window_days BETWEEN 7 AND 730),
    created_at   TEXT NOT NULL
);

INSERT INTO outcome_waves (name, months_after, window_days, created_at) VALUES
    ('End of year', 0, 60, '2026-11-26T00:00:00Z'),
    ('1 year after', 12, 90, '2026-11-26T00:00:00Z'),
    ('3 years after', 36, 120, '2026-11-26T00:00:00Z'),
    ('5 years after', 60, 120, '2026-11-26T00:00:00Z');

CREATE TABLE outcome_measures (
    id          INTEGER PRIMARY KEY,
    -- A stable name for analysts: lower case, digits and underscores.
    code        TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    category    TEXT NOT NULL CHECK (category IN ('career', 'legacy', 'scholarly', 'survey')),
    value_type  TEXT NOT NULL CHECK (value_type IN ('text', 'count', 'yes_no', 'choice', 'scale')),
    -- For 'choice': the allowed codes and labels, one "code=Label" per line.
    choices     TEXT NOT NULL DEFAULT '',
    -- For 'scale': 1 to scale_points, labelled at both ends.
    scale_points INTEGER CHECK (scale_points BETWEEN 2 AND 11),
    scale_low   TEXT NOT NULL DEFAULT '',
    scale_high  TEXT NOT NULL DEFAULT '',
    kirkpatrick TEXT NOT NULL CHECK (kirkpatrick IN ('1', '2a', '2b', '3', '3b', '4a', '4b')),
    position    INTEGER NOT NULL,
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at  TEXT NOT NULL
);

INSERT INTO outcome_measures (code, name, category, value_type, choices, scale_points, scale_low, scale_high, kirkpatrick, position, created_at) VALUES
    ('current_role', 'Current role', 'career', 'text', '', NULL, '', '', '3b', 1, '2026-11-26T00:00:00Z'),
    ('grade_or_band', 'Grade or band', 'career', 'text', '', NULL, '', '', '3b', 2, '2026-11-26T00:00:00Z'),
    ('organisation', 'Organisation', 'career', 'text', '', NULL, '', '', '3b', 3, '2026-11-26T00:00:00Z'),
    ('leadership_roles', 'Formal leadership roles held', 'career', 'count', '', NULL, '', '', '3', 4, '2026-11-26T00:00:00Z'),
    ('challenge_legacy', 'The challenge''s change', 'legacy', 'choice', 'sustained=Sustained
spread=Sustained and spread to other sites
abandoned=Abandoned', NULL, '', '', '4a', 5, '2026-11-26T00:00:00Z'),
    ('legacy_evidence', 'Evidence for the challenge''s legacy', 'legacy', 'text', '', NULL, '', '', '4a', 6, '2026-11-26T00:00:00Z'),
    ('publications', 'Publications', 'scholarly', 'count', '', NULL, '', '', '3b', 7, '2026-11-26T00:00:00Z'),
    ('presentations', 'Presentations', 'scholarly', 'count', '', NULL, '', '', '3b', 8, '2026-11-26T00:00:00Z'),
    ('awards', 'Awards', 'scholarly', 'count', '', NULL, '', '', '3b', 9, '2026-11-26T00:00:00Z'),
    ('further_study', 'Further study', 'scholarly', 'yes_no', '', NULL, '', '', '3b', 10, '2026-11-26T00:00:00Z'),
    ('worthwhile', 'The programme was worthwhile', 'survey', 'scale', '', 5, 'Strongly disagree', 'Strongly agree', '1', 11, '2026-11-26T00:00:00Z'),
    ('empowered', 'I feel empowered to improve health care systems', 'survey', 'scale', '', 5, 'Strongly disagree', 'Strongly agree', '2a', 12, '2026-11-26T00:00:00Z');

CREATE TABLE outcome_responses (
    id           INTEGER PRIMARY KEY,
    fellow_id    INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    wave_id      INTEGER NOT NULL REFERENCES outcome_waves(id) ON DELETE RESTRICT,
    responded_on TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('recorded', 'imported')),
    recorded_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (fellow_id, wave_id)
);
CREATE INDEX outcome_responses_wave ON outcome_responses(wave_id);

CREATE TABLE outcome_values (
    response_id INTEGER NOT NULL REFERENCES outcome_responses(id) ON DELETE CASCADE,
    measure_id  INTEGER NOT NULL REFERENCES outcome_measures(id) ON DELETE RESTRICT,
    value_text  TEXT,
    value_int   INTEGER,
    CHECK ((value_text IS NULL) <> (value_int IS NULL)),
    PRIMARY KEY (response_id, measure_id)
);
CREATE INDEX outcome_values_measure ON outcome_values(measure_id);
