-- Kept as records change (issue 21): how many alumni of each cohort have answered each follow-up
-- wave, kept apart for erased alumni (a response rate counts them; what is overdue does not).
-- Today and the outcomes dashboard counted this by joining every response to its alumnus: 83,000
-- responses and 40 ms at a national scheme's size. The triggers keep it whoever writes responses
-- or changes an alumnus's status, cohort or erasure; it counts alumni who completed the year.
CREATE TABLE follow_up_tallies (
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    wave_id   INTEGER NOT NULL REFERENCES outcome_waves(id) ON DELETE CASCADE,
    erased    INTEGER NOT NULL CHECK (erased IN (0, 1)),
    responded INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, wave_id, erased)
);

INSERT INTO follow_up_tallies (cohort_id, wave_id, erased, responded)
SELECT f.cohort_id, o.wave_id, f.erased_at IS NOT NULL, count(*)
FROM outcome_responses o JOIN fellows f ON f.id = o.fellow_id
WHERE f.status = 'completed'
GROUP BY f.cohort_id, o.wave_id, f.erased_at IS NOT NULL;

CREATE TRIGGER follow_up_tally_added AFTER INSERT ON outcome_responses
BEGIN
    INSERT INTO follow_up_tallies (cohort_id, wave_id, erased, responded)
    SELECT f.cohort_id, NEW.wave_id, f.erased_at IS NOT NULL, 1
    FROM fellows f WHERE f.id = NEW.fellow_id AND f.status = 'completed'
    ON CONFLICT (cohort_id, wave_id, erased)
    DO UPDATE SET responded = follow_up_tallies.responded + excluded.responded;
END;

CREATE TRIGGER follow_up_tally_removed AFTER DELETE ON outcome_responses
BEGIN
    UPDATE follow_up_tallies SET responded = responded - 1
    WHERE (cohort_id, wave_id, erased) IN (
        SELECT f.cohort_id, OLD.wave_id, f.erased_at IS NOT NULL
        FROM fellows f WHERE f.id = OLD.fellow_id AND f.status = 'completed');
END;

CREATE TRIGGER follow_up_tally_moved AFTER UPDATE OF fellow_id, wave_id ON outcome_responses
BEGIN
    UPDATE follow_up_tallies SET responded = responded - 1
    WHERE (cohort_id, wave_id, erased) IN (
        SELECT f.cohort_id, OLD.wave_id, f.erased_at IS NOT NULL
        FROM fellows f WHERE f.id = OLD.fellow_id AND f.status = 'completed');
    INSERT INTO follow_up_tallies (cohort_id, wave_id, erased, responded)
    SELECT f.cohort_id, NEW.wave_id, f.erased_at IS NOT NULL, 1
    FROM fellows f WHERE f.id = NEW.fellow_id AND f.status = 'completed'
    ON CONFLICT (cohort_id, wave_id, erased)
    DO UPDATE SET responded = follow_up_tallies.responded + excluded.responded;
END;

-- An alumnus whose status, cohort or erasure changes takes their responses from one tally to
-- another (or out of the tallies, or into them).
CREATE TRIGGER fellows_follow_up_tally AFTER UPDATE OF status, cohort_id, erased_at ON fellows
    WHEN OLD.status IS NOT NEW.status OR OLD.cohort_id IS NOT NEW.cohort_id
      OR (OLD.erased_at IS NULL) IS NOT (NEW.erased_at IS NULL)
BEGIN
    UPDATE follow_up_tallies SET responded = responded - (SELECT count(*) FROM outcome_responses o
        WHERE o.fellow_id = OLD.id AND o.wave_id = follow_up_tallies.wave_id)
    WHERE OLD.status = 'completed' AND cohort_id = OLD.cohort_id
      AND erased = (OLD.erased_at IS NOT NULL);
    INSERT INTO follow_up_tallies (cohort_id, wave_id, erased, responded)
    SELECT NEW.cohort_id, o.wave_id, NEW.erased_at IS NOT NULL, count(*)
    FROM outcome_responses o WHERE o.fellow_id = NEW.id AND NEW.status = 'completed'
    GROUP BY o.wave_id
    ON CONFLICT (cohort_id, wave_id, erased)
    DO UPDATE SET responded = follow_up_tallies.responded + excluded.responded;
END;

-- Before the alumnus goes: their responses are deleted with them, after the row, when the row
-- can no longer say which tally they were in.
CREATE TRIGGER fellows_leave_follow_up_tally BEFORE DELETE ON fellows
    WHEN OLD.status = 'completed'
BEGIN
    UPDATE follow_up_tallies SET responded = responded - (SELECT count(*) FROM outcome_responses o
        WHERE o.fellow_id = OLD.id AND o.wave_id = follow_up_tallies.wave_id)
    WHERE cohort_id = OLD.cohort_id AND erased = (OLD.erased_at IS NOT NULL);
END;
