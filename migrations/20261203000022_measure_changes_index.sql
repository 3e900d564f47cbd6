-- A measure's dated changes, read by measure (its chart, and a cohort board's measures at once):
-- without this the board's query read every change of every measure.
CREATE INDEX measure_changes_measure ON measure_changes(measure_id, change_date);
