-- Reflective practice: private reflective log entries by template, tagged to leadership
-- dimensions and a challenge, shared one entry at a time with a named person, searchable by
-- their author through FTS5. Also the 360 framework's dimensions (the Healthcare Leadership
-- Model ships as the default), which reflections are tagged to.

CREATE TABLE frameworks (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at TEXT NOT NULL,
    UNIQUE (name, version)
);

CREATE TABLE framework_dimensions (
    id           INTEGER PRIMARY KEY,
    framework_id INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE RESTRICT,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    UNIQUE (framework_id, position)
);

INSERT INTO frameworks (id, name, version, is_default, created_at)
VALUES (1, 'Healthcare Leadership Model (NHS Leadership Academy)', 1, 1, '2026-11-26T00:00:00Z');
INSERT INTO framework_dimensions (framework_id, position, name, description) VALUES
    (1, 1, 'Inspiring shared purpose', 'Valuing a service ethos, curious about how to improve services and patient care, behaving in a way that reflects the principles and values of the NHS.'),
    (1, 2, 'Leading with care', 'Having the essential personal qualities for leaders in health, understanding the unique qualities and needs of a team, providing a caring, safe environment.'),
    (1, 3, 'Evaluating information', 'Seeking out varied information, using information to generate new ideas and make effective plans for improvement or change.'),
    (1, 4, 'Connecting our service', 'Understanding how health and care services fit together and how different people, teams or organisations interconnect and interact.'),
    (1, 5, 'Sharing the vision', 'Communicating a compelling and credible vision of the future in a way that makes it feel achievable and exciting.'),
    (1, 6, 'Engaging the team', 'Involving individuals and demonstrating that their contributions and ideas are valued and important for delivering outcomes and continuous improvements.'),
    (1, 7, 'Holding to account', 'Agreeing clear performance goals and quality indicators, supporting individuals and teams to take responsibility for results.'),
    (1, 8, 'Developing capability', 'Building capability to enable people to meet future challenges, using a range of experiences as a vehicle for individual and organisational learning.'),
    (1, 9, 'Influencing for results', 'Deciding how to have a positive impact on other people, building relationships to recognise other people''s passions and concerns.');

CREATE TABLE reflections (
    id           INTEGER PRIMARY KEY,
    fellow_id    INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    template     TEXT NOT NULL CHECK (template IN ('gibbs', 'kolb', 'what_so_what', 'free')),
    title        TEXT NOT NULL DEFAULT '',
    happened_on  TEXT,
    challenge_id INTEGER REFERENCES challenges(id) ON DELETE SET NULL,
    -- A draft is kept exactly as typed (autosaved); a finished entry has passed validation.
    is_draft     INTEGER NOT NULL DEFAULT 1 CHECK (is_draft IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX reflections_fellow ON reflections(fellow_id, happened_on);

CREATE TABLE reflection_sections (
    reflection_id INTEGER NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (reflection_id, key)
);

CREATE TABLE reflection_dimensions (
    reflection_id INTEGER NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    dimension_id  INTEGER NOT NULL REFERENCES framework_dimensions(id) ON DELETE RESTRICT,
    PRIMARY KEY (reflection_id, dimension_id)
);

-- One row per share; withdrawing keeps the row (who had access, and until when).
CREATE TABLE reflection_shares (
    id            INTEGER PRIMARY KEY,
    reflection_id INTEGER NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    shared_at     TEXT NOT NULL,
    withdrawn_at  TEXT
);
CREATE INDEX reflection_shares_user ON reflection_shares(user_id, withdrawn_at);

-- Full-text index of each entry's title and sections; rowid = reflections.id. Kept in step by
-- the core in the same transaction as the entry.
CREATE VIRTUAL TABLE reflection_search USING fts5(title, body, tokenize = 'porter unicode61');
