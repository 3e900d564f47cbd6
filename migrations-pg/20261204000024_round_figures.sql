-- A closed 360 round's cohort figures per dimension, worked out once from every rating: a closed
-- round takes no more answers, so they cannot change, and a cohort's report (and the annual
-- report's ten) need not read every rating again (feedback360::overview). Exact counts, for
-- faculty; disclosure control is applied as they are shown.
CREATE TABLE feedback_round_figures (
    round_id               BIGINT NOT NULL REFERENCES feedback_rounds(id) ON DELETE CASCADE,
    dimension_id           BIGINT NOT NULL REFERENCES framework_dimensions(id) ON DELETE CASCADE,
    fellows                BIGINT NOT NULL,
    others_mean_hundredths BIGINT NOT NULL,
    self_mean_hundredths   BIGINT NOT NULL,
    PRIMARY KEY (round_id, dimension_id)
);
