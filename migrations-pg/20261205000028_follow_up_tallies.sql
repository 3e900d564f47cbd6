-- Kept as records change (issue 21): the same table, backfill and triggers (by name) as SQLite's
-- migration 28, the triggers' work done by two functions.
CREATE TABLE follow_up_tallies (
    cohort_id BIGINT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    wave_id   BIGINT NOT NULL REFERENCES outcome_waves(id) ON DELETE CASCADE,
    erased    BOOLEAN NOT NULL,
    responded BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, wave_id, erased)
);

INSERT INTO follow_up_tallies (cohort_id, wave_id, erased, responded)
SELECT f.cohort_id, o.wave_id, f.erased_at IS NOT NULL, count(*)
FROM outcome_responses o JOIN fellows f ON f.id = o.fellow_id
WHERE f.status = 'completed'
GROUP BY f.cohort_id, o.wave_id, f.erased_at IS NOT NULL;

-- Adds `n` to the tally that one response of `fellow` to `wave` counts in, if it counts.
CREATE FUNCTION follow_up_tally_response(p_fellow BIGINT, p_wave BIGINT, p_n BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO follow_up_tallies (cohort_id, wave_id, erased, responded)
    SELECT f.cohort_id, p_wave, f.erased_at IS NOT NULL, p_n
    FROM fellows f WHERE f.id = p_fellow AND f.status = 'completed'
    ON CONFLICT (cohort_id, wave_id, erased)
    DO UPDATE SET responded = follow_up_tallies.responded + excluded.responded
$$;

-- Adds `n` times each of an alumnus's responses to the tallies they count in, if they count.
CREATE FUNCTION follow_up_tally_alumnus(p_fellow BIGINT, p_status TEXT, p_cohort BIGINT, p_erased_at TEXT, p_n BIGINT)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO follow_up_tallies (cohort_id, wave_id, erased, responded)
    SELECT p_cohort, o.wave_id, p_erased_at IS NOT NULL, p_n * count(*)
    FROM outcome_responses o WHERE o.fellow_id = p_fellow AND p_status = 'completed'
    GROUP BY o.wave_id
    ON CONFLICT (cohort_id, wave_id, erased)
    DO UPDATE SET responded = follow_up_tallies.responded + excluded.responded
$$;

CREATE FUNCTION follow_up_tally_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'outcome_responses' THEN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM follow_up_tally_response(OLD.fellow_id, OLD.wave_id, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM follow_up_tally_response(NEW.fellow_id, NEW.wave_id, 1);
        END IF;
    ELSE
        PERFORM follow_up_tally_alumnus(OLD.id, OLD.status, OLD.cohort_id, OLD.erased_at, -1);
        IF TG_OP = 'UPDATE' THEN
            PERFORM follow_up_tally_alumnus(NEW.id, NEW.status, NEW.cohort_id, NEW.erased_at, 1);
        END IF;
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NULL END;
END
$$;

CREATE TRIGGER follow_up_tally_added AFTER INSERT ON outcome_responses
    FOR EACH ROW EXECUTE FUNCTION follow_up_tally_kept();
CREATE TRIGGER follow_up_tally_removed AFTER DELETE ON outcome_responses
    FOR EACH ROW EXECUTE FUNCTION follow_up_tally_kept();
CREATE TRIGGER follow_up_tally_moved AFTER UPDATE OF fellow_id, wave_id ON outcome_responses
    FOR EACH ROW EXECUTE FUNCTION follow_up_tally_kept();
CREATE TRIGGER fellows_follow_up_tally AFTER UPDATE OF status, cohort_id, erased_at ON fellows
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.cohort_id IS DISTINCT FROM NEW.cohort_id
      OR (OLD.erased_at IS NULL) IS DISTINCT FROM (NEW.erased_at IS NULL))
    EXECUTE FUNCTION follow_up_tally_kept();
CREATE TRIGGER fellows_leave_follow_up_tally BEFORE DELETE ON fellows
    FOR EACH ROW WHEN (OLD.status = 'completed')
    EXECUTE FUNCTION follow_up_tally_kept();
