-- The address of each follow-up wave's survey (an online form the programme runs), sent to
-- alumni by email when their wave falls due; empty for waves followed up by hand.
ALTER TABLE outcome_waves ADD COLUMN survey_url TEXT NOT NULL DEFAULT '';
