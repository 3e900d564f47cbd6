-- Kept as records change (issue 21): the same table, column, views, indexes and triggers (by
-- name) as SQLite's migration 29, the triggers' work done by functions. See that file for why.
CREATE TABLE outcome_answer_tallies (
    cohort_id  BIGINT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    measure_id BIGINT NOT NULL REFERENCES outcome_measures(id) ON DELETE CASCADE,
    wave_id    BIGINT NOT NULL REFERENCES outcome_waves(id) ON DELETE CASCADE,
    value_int  BIGINT NOT NULL,
    choice     TEXT NOT NULL,
    answers    BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, measure_id, wave_id, value_int, choice)
);

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

CREATE VIEW legacy_answers AS
SELECT r.fellow_id, r.id AS response_id, w.months_after, v.value_text AS legacy
FROM outcome_responses r JOIN outcome_waves w ON w.id = r.wave_id
JOIN outcome_values v ON v.response_id = r.id
JOIN outcome_measures m ON m.id = v.measure_id AND m.code = 'challenge_legacy';

UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id
    ORDER BY a.months_after DESC LIMIT 1)
WHERE id IN (SELECT fellow_id FROM legacy_answers);

CREATE INDEX fellows_legacy_host ON fellows(host_id, legacy, cohort_id) WHERE legacy IS NOT NULL;
CREATE INDEX fellows_legacy_cohort ON fellows(cohort_id, profession, legacy) WHERE legacy IS NOT NULL;

-- Adds `n` to the tally one answer counts in (n = -1 takes it out), from the answer itself.
CREATE FUNCTION answer_tally_value(p_response BIGINT, p_measure BIGINT, p_int BIGINT, p_text TEXT, p_n BIGINT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT f.cohort_id, p_measure, r.wave_id, coalesce(p_int, 0),
        CASE WHEN m.value_type = 'choice' THEN p_text ELSE '' END, p_n
    FROM outcome_responses r JOIN fellows f ON f.id = r.fellow_id
    JOIN outcome_measures m ON m.id = p_measure
    WHERE r.id = p_response
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers
$$;

-- Adds `n` times each answer chosen to its tally.
CREATE FUNCTION answer_tally_response(p_response BIGINT, p_n BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT cohort_id, measure_id, wave_id, value_int, choice, p_n * count(*) FROM outcome_answer_keys
    WHERE response_id = p_response GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers
$$;

CREATE FUNCTION answer_tally_alumnus(p_fellow BIGINT, p_n BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO outcome_answer_tallies (cohort_id, measure_id, wave_id, value_int, choice, answers)
    SELECT cohort_id, measure_id, wave_id, value_int, choice, p_n * count(*) FROM outcome_answer_keys
    WHERE fellow_id = p_fellow GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (cohort_id, measure_id, wave_id, value_int, choice)
    DO UPDATE SET answers = outcome_answer_tallies.answers + excluded.answers
$$;

-- BEFORE a change takes the rows out as they stand; AFTER it puts them back as they now are.
CREATE FUNCTION answer_tally_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_WHEN = 'BEFORE' THEN
        IF TG_TABLE_NAME = 'outcome_values' THEN
            PERFORM answer_tally_value(OLD.response_id, OLD.measure_id, OLD.value_int, OLD.value_text, -1);
        ELSIF TG_TABLE_NAME = 'outcome_responses' THEN
            PERFORM answer_tally_response(OLD.id, -1);
        ELSE
            PERFORM answer_tally_alumnus(OLD.id, -1);
        END IF;
        -- NEW is only read where there is one.
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'outcome_values' THEN
        PERFORM answer_tally_value(NEW.response_id, NEW.measure_id, NEW.value_int, NEW.value_text, 1);
    ELSIF TG_TABLE_NAME = 'outcome_responses' THEN
        PERFORM answer_tally_response(NEW.id, 1);
    ELSE
        PERFORM answer_tally_alumnus(NEW.id, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER answer_tally_added AFTER INSERT ON outcome_values
    FOR EACH ROW EXECUTE FUNCTION answer_tally_kept();
CREATE TRIGGER answer_tally_changing BEFORE UPDATE ON outcome_values
    FOR EACH ROW EXECUTE FUNCTION answer_tally_kept();
CREATE TRIGGER answer_tally_changed AFTER UPDATE ON outcome_values
    FOR EACH ROW EXECUTE FUNCTION answer_tally_kept();
CREATE TRIGGER answer_tally_removed BEFORE DELETE ON outcome_values
    FOR EACH ROW EXECUTE FUNCTION answer_tally_kept();
CREATE TRIGGER response_tally_moving BEFORE UPDATE OF fellow_id, wave_id ON outcome_responses
    FOR EACH ROW EXECUTE FUNCTION answer_tally_kept();
CREATE TRIGGER response_tally_moved AFTER UPDATE OF fellow_id, wave_id ON outcome_responses
    FOR EACH ROW EXECUTE FUNCTION answer_tally_kept();
CREATE TRIGGER response_tally_removed BEFORE DELETE ON outcome_responses
    FOR EACH ROW EXECUTE FUNCTION answer_tally_kept();
CREATE TRIGGER fellow_tally_moving BEFORE UPDATE OF cohort_id ON fellows
    FOR EACH ROW WHEN (OLD.cohort_id IS DISTINCT FROM NEW.cohort_id)
    EXECUTE FUNCTION answer_tally_kept();
CREATE TRIGGER fellow_tally_moved AFTER UPDATE OF cohort_id ON fellows
    FOR EACH ROW WHEN (OLD.cohort_id IS DISTINCT FROM NEW.cohort_id)
    EXECUTE FUNCTION answer_tally_kept();
CREATE TRIGGER fellow_tally_removed BEFORE DELETE ON fellows
    FOR EACH ROW EXECUTE FUNCTION answer_tally_kept();

-- The latest word on legacy of the alumni chosen, leaving out one response (about to go).
CREATE FUNCTION fellow_legacy(p_fellows BIGINT[], p_without BIGINT) RETURNS void
LANGUAGE sql AS $$
    UPDATE fellows SET legacy = (SELECT a.legacy FROM legacy_answers a WHERE a.fellow_id = fellows.id
        AND a.response_id IS DISTINCT FROM p_without ORDER BY a.months_after DESC LIMIT 1)
    WHERE id = ANY (p_fellows)
$$;

CREATE FUNCTION legacy_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    legacy_measure BIGINT := (SELECT id FROM outcome_measures WHERE code = 'challenge_legacy');
BEGIN
    IF TG_TABLE_NAME = 'outcome_values' THEN
        -- NEW and OLD are only read where there is one.
        IF TG_OP <> 'DELETE' THEN
            IF NEW.measure_id = legacy_measure THEN
                PERFORM fellow_legacy(ARRAY(SELECT fellow_id FROM outcome_responses WHERE id = NEW.response_id), NULL);
            END IF;
        END IF;
        IF TG_OP <> 'INSERT' THEN
            IF OLD.measure_id = legacy_measure THEN
                PERFORM fellow_legacy(ARRAY(SELECT fellow_id FROM outcome_responses WHERE id = OLD.response_id), NULL);
            END IF;
        END IF;
    ELSIF TG_TABLE_NAME = 'outcome_responses' THEN
        IF TG_OP = 'DELETE' THEN
            PERFORM fellow_legacy(ARRAY[OLD.fellow_id], OLD.id);
        ELSE
            PERFORM fellow_legacy(ARRAY[OLD.fellow_id, NEW.fellow_id], NULL);
        END IF;
    ELSIF TG_TABLE_NAME = 'outcome_waves' THEN
        PERFORM fellow_legacy(ARRAY(SELECT fellow_id FROM outcome_responses WHERE wave_id = NEW.id), NULL);
    ELSE
        PERFORM fellow_legacy(ARRAY(SELECT fellow_id FROM outcome_responses), NULL);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER legacy_answered AFTER INSERT ON outcome_values
    FOR EACH ROW EXECUTE FUNCTION legacy_kept();
CREATE TRIGGER legacy_changed AFTER UPDATE ON outcome_values
    FOR EACH ROW EXECUTE FUNCTION legacy_kept();
CREATE TRIGGER legacy_removed AFTER DELETE ON outcome_values
    FOR EACH ROW EXECUTE FUNCTION legacy_kept();
CREATE TRIGGER legacy_response_removed AFTER DELETE ON outcome_responses
    FOR EACH ROW EXECUTE FUNCTION legacy_kept();
CREATE TRIGGER legacy_response_moved AFTER UPDATE OF fellow_id, wave_id ON outcome_responses
    FOR EACH ROW EXECUTE FUNCTION legacy_kept();
CREATE TRIGGER legacy_wave_moved AFTER UPDATE OF months_after ON outcome_waves
    FOR EACH ROW EXECUTE FUNCTION legacy_kept();
CREATE TRIGGER legacy_measure_renamed AFTER UPDATE OF code ON outcome_measures
    FOR EACH ROW WHEN (OLD.code = 'challenge_legacy' OR NEW.code = 'challenge_legacy')
    EXECUTE FUNCTION legacy_kept();
