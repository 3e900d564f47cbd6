-- One person's rows found through an index (issue 21). A subject-access export and an erasure
-- read or change everything held about one fellow, and several of their statements read a whole
-- table to find that fellow's rows (a deleted reflection also read every share, to cascade).
-- `privacy::plans` checks every statement's plan.
CREATE INDEX users_fellow ON users(fellow_id);
CREATE INDEX outbox_about ON outbox(about_fellow_id);
CREATE INDEX invitations_fellow ON invitations(fellow_id);
CREATE INDEX pdsa_cycles_challenge ON pdsa_cycles(challenge_id);
CREATE INDEX challenge_comments_challenge ON challenge_comments(challenge_id);
CREATE INDEX reflection_shares_reflection ON reflection_shares(reflection_id);
CREATE INDEX learning_set_attendance_fellow ON learning_set_attendance(fellow_id);
CREATE INDEX learning_set_presentations_fellow ON learning_set_presentations(fellow_id);
CREATE INDEX sign_in_attempts_email ON sign_in_attempts(email);
