-- Data-subject rights (UK GDPR): consent to alumni follow-up, a retention rule for alumni
-- without it, and erasure that anonymises a person while the programme's figures stay whole.

-- Each decision a fellow makes about being followed up after the year, dated; the latest counts.
CREATE TABLE follow_up_consents (
    id          INTEGER PRIMARY KEY,
    fellow_id   INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    decision    TEXT NOT NULL CHECK (decision IN ('given', 'declined', 'withdrawn')),
    decided_on  TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX follow_up_consents_fellow ON follow_up_consents(fellow_id, decided_on);

-- Alumni without consent to follow-up are anonymised this many years after they leave.
ALTER TABLE programmes ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 6
    CHECK (retention_years BETWEEN 1 AND 25);

-- When a fellow was anonymised; such a row keeps only what the programme's figures need.
ALTER TABLE fellows ADD COLUMN erased_at TEXT;

-- The audit trail stays append-only with one exception, which erasure needs: the name shown for
-- an erased person may be replaced by their placeholder, and nothing else in the row may change.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (NEW.user_name LIKE 'Erased person #%'
          AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.user_id IS OLD.user_id
          AND NEW.command IS OLD.command AND NEW.action IS OLD.action
          AND NEW.target IS OLD.target AND NEW.fellow_id IS OLD.fellow_id
          AND NEW.outcome IS OLD.outcome)
BEGIN
    SELECT RAISE(ABORT, 'The audit trail cannot be changed.');
END;
