-- PostgreSQL 15 port of migrations/20261203000013_questionnaire_seal.sql (see PORTING.md).
-- The programme's private key for sealed offline-questionnaire responses (see
-- src/feedback360/response_seal.rs): made once, on first need, and never exported. One row: a
-- database holds one programme.
CREATE TABLE questionnaire_keys (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    secret      BYTEA NOT NULL CHECK (length(secret) = 32),
    created_at  TEXT NOT NULL
);
