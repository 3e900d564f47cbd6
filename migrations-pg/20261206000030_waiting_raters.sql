-- A round's raters holding a code who have not responded (issue 21): counted for the whole
-- round, and listed for the fellows on one page of its progress. A round of a national cohort
-- has tens of thousands of nominations, nearly all answered by the time anyone looks; this
-- index holds only those still waiting, so neither reads the rest.
CREATE INDEX feedback_nominations_waiting ON feedback_nominations(round_id, fellow_id)
    WHERE responded = 0 AND lookup IS NOT NULL;
