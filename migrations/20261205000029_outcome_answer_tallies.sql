-- Kept as records change (issue 21): the outcomes dashboard and the annual report counted every
-- follow-up answer each time they were shown (800,000 answers and 0.4 s at a national scheme's
-- size). Two figures are kept instead, whoever writes answers, responses or fellows:
--
-- 1. How many answers of each cohort, wave and measure gave each value: `value_int` for numbers,
--    scales and yes/no; `choice` for a choice's code; free text is counted, never copied (both
--    keys 0 and '').
-- 2. Each alumnus's latest word on their challenge's legacy (their answer at the latest wave that
--    has one), on their row: `fellows.legacy`.
CREATE TABLE outcome_answer_tallies (
    cohort_id  INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    measure_id INTEGER NOT NULL REFERENCES outcome_measures(id) ON DELETE CASCADE,
    wave_id    INTEGER NOT NULL REFERENCES outcome_waves(id) ON DELETE CASCADE,
    value_int  INTEGER NOT NULL,
    choice     TEXT NOT NULL,
    answers    INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, measure_id, wave_id, value_int, choice)
);

-- Each answer with the tally it counts in. The triggers take a set of answers out of their
-- tallies as the records stand before a change (BEFORE) and put them back after it (AFTER); one
-- answer's triggers (an import writes a million) work from the row itself.
CREATE VIEW outcome_answer_keys AS
SELECT v.response_id, r.fellow_id, f.cohort_id, v.measure_id, r.wave_id,
    coalesce(v.value_int, 0) AS value_int,
    CASE WHEN m.value_type = 'choice' THEN v.value_text ELSE '' END AS choice
FROM outcome_values v JOIN outcome_responses r ON r.id = v.response_id
JOIN fellows f ON f.id = r.fellow_id JOIN outcome_measures m ON m.id = v.measure_id;

INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
SELECT cohort_id, measure_id, wave_id, value_int, choice, count(*)
FROM outcome_answer_keys GROUP BY 1, 2, 3, 4, 5;

ALTER TABLE fellows ADD COLUMN legacy TEXT;

-- Each answer on a challenge's legacy, with the wave's place in time. Read for one alumnus at a
-- time: CROSS JOIN keeps SQLite's planner from starting at the 80,000 answers to the measure.
CREATE VIEW legacy_answers AS
SELECT r.fellow_id, r.id AS response_id, w.months_after, v.value_text AS legacy
FROM outcome_responses r CROSS JOIN outcome_waves w ON w.id = r.wave_id
CROSS JOIN outcome_values v ON v.response_id = r.id
CROSS JOIN outcome_measures m ON m.id = v.measure_id AND m.code = 'challenge_legacy';

UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id
    ORDER BY a.months_after DESC LIMIT 1)
WHERE id IN (SELECT fellow_id FROM legacy_answers);

-- The dashboard counts legacy by host (with the cohort each began in), cohort and profession.
CREATE INDEX fellows_legacy_host ON fellows(host_id, legacy, cohort_id) WHERE legacy IS NOT NULL;
CREATE INDEX fellows_legacy_cohort ON fellows(cohort_id, profession, legacy) WHERE legacy IS NOT NULL;

-- Answers written, changed or deleted.
CREATE TRIGGER answer_tally_added AFTER INSERT ON outcome_values
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT f.cohort_id, NEW.measure_id, r.wave_id, coalesce(NEW.value_int, 0),
        CASE WHEN m.value_type = 'choice' THEN NEW.value_text ELSE '' END, 1
    FROM outcome_responses r JOIN fellows f ON f.id = r.fellow_id
    JOIN outcome_measures m ON m.id = NEW.measure_id
    WHERE r.id = NEW.response_id
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

CREATE TRIGGER answer_tally_changing BEFORE UPDATE ON outcome_values
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT f.cohort_id, OLD.measure_id, r.wave_id, coalesce(OLD.value_int, 0),
        CASE WHEN m.value_type = 'choice' THEN OLD.value_text ELSE '' END, -1
    FROM outcome_responses r JOIN fellows f ON f.id = r.fellow_id
    JOIN outcome_measures m ON m.id = OLD.measure_id
    WHERE r.id = OLD.response_id
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

CREATE TRIGGER answer_tally_changed AFTER UPDATE ON outcome_values
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT f.cohort_id, NEW.measure_id, r.wave_id, coalesce(NEW.value_int, 0),
        CASE WHEN m.value_type = 'choice' THEN NEW.value_text ELSE '' END, 1
    FROM outcome_responses r JOIN fellows f ON f.id = r.fellow_id
    JOIN outcome_measures m ON m.id = NEW.measure_id
    WHERE r.id = NEW.response_id
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

-- An answer deleted with its response (or its alumnus) was taken out with them: by then the
-- response is gone and finds nothing.
CREATE TRIGGER answer_tally_removed BEFORE DELETE ON outcome_values
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT f.cohort_id, OLD.measure_id, r.wave_id, coalesce(OLD.value_int, 0),
        CASE WHEN m.value_type = 'choice' THEN OLD.value_text ELSE '' END, -1
    FROM outcome_responses r JOIN fellows f ON f.id = r.fellow_id
    JOIN outcome_measures m ON m.id = OLD.measure_id
    WHERE r.id = OLD.response_id
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

-- Responses moved to another wave or alumnus, or deleted with their answers.
CREATE TRIGGER response_tally_moving BEFORE UPDATE OF fellow_id, wave_id ON outcome_responses
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT cohort_id, measure_id, wave_id, value_int, choice, -count(*) FROM outcome_answer_keys
    WHERE response_id = OLD.id GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

CREATE TRIGGER response_tally_moved AFTER UPDATE OF fellow_id, wave_id ON outcome_responses
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT cohort_id, measure_id, wave_id, value_int, choice, count(*) FROM outcome_answer_keys
    WHERE response_id = NEW.id GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

CREATE TRIGGER response_tally_removed BEFORE DELETE ON outcome_responses
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT cohort_id, measure_id, wave_id, value_int, choice, -count(*) FROM outcome_answer_keys
    WHERE response_id = OLD.id GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

-- Alumni moved to another cohort, or deleted with their responses.
CREATE TRIGGER fellow_tally_moving BEFORE UPDATE OF cohort_id ON fellows
    WHEN OLD.cohort_id IS NOT NEW.cohort_id
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT cohort_id, measure_id, wave_id, value_int, choice, -count(*) FROM outcome_answer_keys
    WHERE fellow_id = OLD.id GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

CREATE TRIGGER fellow_tally_moved AFTER UPDATE OF cohort_id ON fellows
    WHEN OLD.cohort_id IS NOT NEW.cohort_id
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT cohort_id, measure_id, wave_id, value_int, choice, count(*) FROM outcome_answer_keys
    WHERE fellow_id = NEW.id GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

CREATE TRIGGER fellow_tally_removed BEFORE DELETE ON fellows
BEGIN
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT cohort_id, measure_id, wave_id, value_int, choice, -count(*) FROM outcome_answer_keys
    WHERE fellow_id = OLD.id GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers;
END;

-- The latest word on legacy: worked out again for the alumni whose answers, responses or waves
-- change.
CREATE TRIGGER legacy_answered AFTER INSERT ON outcome_values
    WHEN NEW.measure_id IN (SELECT id FROM outcome_measures WHERE code = 'challenge_legacy')
BEGIN
    UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id
        ORDER BY a.months_after DESC LIMIT 1)
    WHERE id = (SELECT fellow_id FROM outcome_responses WHERE id = NEW.response_id);
END;

CREATE TRIGGER legacy_changed AFTER UPDATE ON outcome_values
    WHEN NEW.measure_id IN (SELECT id FROM outcome_measures WHERE code = 'challenge_legacy') OR OLD.measure_id IN (SELECT id FROM outcome_measures WHERE code = 'challenge_legacy')
BEGIN
    UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id
        ORDER BY a.months_after DESC LIMIT 1)
    WHERE id IN (SELECT fellow_id FROM outcome_responses WHERE id IN (OLD.response_id, NEW.response_id));
END;

CREATE TRIGGER legacy_removed AFTER DELETE ON outcome_values
    WHEN OLD.measure_id IN (SELECT id FROM outcome_measures WHERE code = 'challenge_legacy')
BEGIN
    UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id
        ORDER BY a.months_after DESC LIMIT 1)
    WHERE id = (SELECT fellow_id FROM outcome_responses WHERE id = OLD.response_id);
END;

-- Its answers may not be deleted yet: the response is left out by its id.
CREATE TRIGGER legacy_response_removed AFTER DELETE ON outcome_responses
BEGIN
    UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id AND a.response_id <> OLD.id
        ORDER BY a.months_after DESC LIMIT 1)
    WHERE id = OLD.fellow_id;
END;

CREATE TRIGGER legacy_response_moved AFTER UPDATE OF fellow_id, wave_id ON outcome_responses
BEGIN
    UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id
        ORDER BY a.months_after DESC LIMIT 1)
    WHERE id IN (OLD.fellow_id, NEW.fellow_id);
END;

CREATE TRIGGER legacy_wave_moved AFTER UPDATE OF months_after ON outcome_waves
BEGIN
    UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id
        ORDER BY a.months_after DESC LIMIT 1)
    WHERE id IN (SELECT fellow_id FROM outcome_responses WHERE wave_id = NEW.id);
END;

CREATE TRIGGER legacy_measure_renamed AFTER UPDATE OF code ON outcome_measures
    WHEN OLD.code = 'challenge_legacy' OR NEW.code = 'challenge_legacy'
BEGIN
    UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id
        ORDER BY a.months_after DESC LIMIT 1)
    WHERE id IN (SELECT fellow_id FROM outcome_responses);
END;
