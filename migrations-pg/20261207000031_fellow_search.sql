-- Finding a fellow by part of a name, email or registration number (issue 21). SQLite keeps an
-- FTS5 trigram index; here pg_trgm's GIN indexes serve the same `lower(...) LIKE '%...%'`
-- search the fellows list already runs, unchanged. pg_trgm ships with PostgreSQL (Debian's
-- postgresql package; elsewhere postgresql-contrib) and is a trusted extension, so a database
-- owner may add it. Where it cannot be added the migration still succeeds and searches read
-- every fellow, as before; `CREATE EXTENSION pg_trgm` and these three indexes can be added
-- later by hand.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm could not be added (%): searching fellows reads every fellow', SQLERRM;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX fellows_name_trigrams ON fellows USING gin (lower(name) gin_trgm_ops);
        CREATE INDEX fellows_email_trigrams ON fellows USING gin (lower(email) gin_trgm_ops);
        CREATE INDEX fellows_registration_trigrams
            ON fellows USING gin (lower(registration_number) gin_trgm_ops);
    END IF;
END
$$;
