-- 360 answers keep no order of arrival. Tables without a rowid, keyed by the response's random
-- id, store rows in key order, so neither a rowid nor the file's layout lists responses in the
-- order raters answered (see feedback360::responses for the shuffled rewrite on each answer).
CREATE TABLE feedback_responses_keyed (
    id          INTEGER NOT NULL PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES feedback_rounds(id) ON DELETE CASCADE,
    fellow_id   INTEGER NOT NULL REFERENCES fellows(id) ON DELETE CASCADE,
    rater_group TEXT NOT NULL CHECK (rater_group IN ('line_manager', 'peer', 'direct_report', 'other', 'service_user')),
    comment     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
INSERT INTO feedback_responses_keyed (id, round_id, fellow_id, rater_group, comment)
    SELECT id, round_id, fellow_id, rater_group, comment FROM feedback_responses ORDER BY id;

CREATE TABLE feedback_response_ratings_keyed (
    response_id  INTEGER NOT NULL REFERENCES feedback_responses_keyed(id) ON DELETE CASCADE,
    dimension_id INTEGER NOT NULL REFERENCES framework_dimensions(id) ON DELETE RESTRICT,
    rating       INTEGER CHECK (rating BETWEEN 1 AND 10),
    importance   INTEGER CHECK (importance BETWEEN 1 AND 10),
    PRIMARY KEY (response_id, dimension_id)
) WITHOUT ROWID;
INSERT INTO feedback_response_ratings_keyed (response_id, dimension_id, rating, importance)
    SELECT response_id, dimension_id, rating, importance FROM feedback_response_ratings
    ORDER BY response_id, dimension_id;

DROP TABLE feedback_response_ratings;
DROP TABLE feedback_responses;
ALTER TABLE feedback_responses_keyed RENAME TO feedback_responses;
ALTER TABLE feedback_response_ratings_keyed RENAME TO feedback_response_ratings;
CREATE INDEX feedback_responses_subject ON feedback_responses(round_id, fellow_id);

-- An anonymous rater group needs at least three responses before it is shown; a line manager
-- (named, not anonymous) stays at one. Rounds still open are raised to that floor.
UPDATE feedback_rounds SET
    min_peer = max(min_peer, 3),
    min_direct_report = max(min_direct_report, 3),
    min_other = max(min_other, 3),
    min_service_user = max(min_service_user, 3)
WHERE closed_at IS NULL;
