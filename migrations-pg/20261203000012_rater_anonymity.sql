-- 360 answers keep no order of arrival. PostgreSQL has no table without physical order: a heap
-- keeps rows where they were written (ctid), so the id is a plain random key (no identity
-- sequence), and feedback360::responses rewrites a fellow's answers in shuffled order on each
-- new answer, so the heap never lists them in the order raters answered.
ALTER TABLE feedback_responses ALTER COLUMN id DROP IDENTITY IF EXISTS;

-- An anonymous rater group needs at least three responses before it is shown; a line manager
-- (named, not anonymous) stays at one. Rounds still open are raised to that floor.
UPDATE feedback_rounds SET
    min_peer = GREATEST(min_peer, 3),
    min_direct_report = GREATEST(min_direct_report, 3),
    min_other = GREATEST(min_other, 3),
    min_service_user = GREATEST(min_service_user, 3)
WHERE closed_at IS NULL;
