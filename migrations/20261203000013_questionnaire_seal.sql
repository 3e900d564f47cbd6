-- The programme's private key for sealed offline-questionnaire responses (see
-- src/feedback360/response_seal.rs): made once, on first need, and never exported. One row: a
-- database holds one programme.
CREATE TABLE questionnaire_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    secret      BLOB NOT NULL CHECK (length(secret) = 32),
    created_at  TEXT NOT NULL
);
