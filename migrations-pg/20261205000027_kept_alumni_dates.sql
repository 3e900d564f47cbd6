-- Kept as records change (issue 21): the same columns, backfill and indexes as SQLite's
-- migration 27, with one function each for the two values, called by triggers of the same
-- names as SQLite's. The values agree with SQLite's (tests/kept_figures.rs runs on both engines).
ALTER TABLE fellows ADD COLUMN status_since DATE;
ALTER TABLE fellows ADD COLUMN follow_up_consent TEXT;

CREATE FUNCTION fellow_status_since(fellow BIGINT) RETURNS void LANGUAGE sql AS $$
    UPDATE fellows f SET status_since = (SELECT max(h.effective_date) FROM fellow_status_history h
        WHERE h.fellow_id = f.id AND h.status = f.status) WHERE f.id = fellow
$$;

CREATE FUNCTION fellow_follow_up_consent(fellow BIGINT) RETURNS void LANGUAGE sql AS $$
    UPDATE fellows f SET follow_up_consent = (SELECT k.decision FROM follow_up_consents k
        WHERE k.fellow_id = f.id ORDER BY k.decided_on DESC, k.id DESC LIMIT 1) WHERE f.id = fellow
$$;

UPDATE fellows f SET
    status_since = (SELECT max(h.effective_date) FROM fellow_status_history h
                    WHERE h.fellow_id = f.id AND h.status = f.status),
    follow_up_consent = (SELECT k.decision FROM follow_up_consents k WHERE k.fellow_id = f.id
                         ORDER BY k.decided_on DESC, k.id DESC LIMIT 1);

CREATE FUNCTION fellows_status_since() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM fellow_status_since(NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER fellows_status_since AFTER UPDATE OF status ON fellows
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION fellows_status_since();

CREATE FUNCTION status_history_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM fellow_status_since(OLD.fellow_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM fellow_status_since(NEW.fellow_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER status_history_added AFTER INSERT ON fellow_status_history
    FOR EACH ROW EXECUTE FUNCTION status_history_kept();
CREATE TRIGGER status_history_changed AFTER UPDATE OF fellow_id, status, effective_date ON fellow_status_history
    FOR EACH ROW EXECUTE FUNCTION status_history_kept();
CREATE TRIGGER status_history_removed AFTER DELETE ON fellow_status_history
    FOR EACH ROW EXECUTE FUNCTION status_history_kept();

CREATE FUNCTION follow_up_consent_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM fellow_follow_up_consent(OLD.fellow_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM fellow_follow_up_consent(NEW.fellow_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER follow_up_consent_added AFTER INSERT ON follow_up_consents
    FOR EACH ROW EXECUTE FUNCTION follow_up_consent_kept();
CREATE TRIGGER follow_up_consent_changed AFTER UPDATE OF fellow_id, decision, decided_on ON follow_up_consents
    FOR EACH ROW EXECUTE FUNCTION follow_up_consent_kept();
CREATE TRIGGER follow_up_consent_removed AFTER DELETE ON follow_up_consents
    FOR EACH ROW EXECUTE FUNCTION follow_up_consent_kept();

CREATE INDEX fellows_alumni_since ON fellows(status_since, follow_up_consent)
    WHERE erased_at IS NULL AND status IN ('completed', 'withdrawn');
CREATE INDEX fellows_status ON fellows(status, cohort_id, erased_at);
