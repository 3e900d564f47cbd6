-- Sign-in attempts are counted before the password is checked, per account and client address
-- (key 'account:<email>|<client>') and per client address ('client:<client>'); see throttle.rs.
-- The email is kept beside an account's counter so that erasing a person clears it. Rows quiet
-- for a day are purged.
DROP TABLE sign_in_failures;
CREATE TABLE sign_in_attempts (
    key          TEXT PRIMARY KEY,
    email        TEXT,
    attempts     BIGINT NOT NULL,
    window_start TEXT NOT NULL,
    next_allowed TEXT NOT NULL
);
CREATE INDEX sign_in_attempts_next ON sign_in_attempts(next_allowed);
