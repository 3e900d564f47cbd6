-- The audit trail: who viewed or changed whose records, and when. Append-only: the triggers
-- refuse any change or removal, so not even the app can rewrite history.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER,
    user_name TEXT NOT NULL,
    command   TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('view', 'change', 'export', 'sign_in')),
    -- The record identifiers the request named (ids only, never content), as JSON.
    target    TEXT NOT NULL DEFAULT '{}',
    fellow_id INTEGER,
    outcome   TEXT NOT NULL CHECK (outcome IN ('done', 'refused', 'failed'))
);
CREATE INDEX audit_log_fellow ON audit_log(fellow_id, at);
CREATE INDEX audit_log_user ON audit_log(user_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'The audit trail cannot be changed.');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'The audit trail cannot be changed.');
END;
