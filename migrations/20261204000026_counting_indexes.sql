-- Counting across a programme of thousands (issue 21). An alumnus's leaving date is the latest
-- history entry of their current status: found by (fellow, status) from this index, not by
-- reading each fellow's whole history.
CREATE INDEX status_history_fellow_status ON fellow_status_history(fellow_id, status, effective_date);
-- The outcomes dashboard reads one measure's answers across every response (the survey items,
-- leadership roles, legacy): this index holds what it reads, so the table itself is not visited.
CREATE INDEX outcome_values_by_measure ON outcome_values(measure_id, response_id, value_int, value_text);
DROP INDEX outcome_values_measure;
-- A cohort's board is read a page at a time in its fellows' name order: this index gives that
-- order within a cohort without sorting the cohort first, and serves as the cohort index too.
CREATE INDEX fellows_cohort_name ON fellows(cohort_id, lower(name), id);
DROP INDEX fellows_cohort;
