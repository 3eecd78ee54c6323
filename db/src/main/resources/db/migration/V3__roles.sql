-- Two roles: allot_writer runs the job, allot_reader is for serving and may only read the
-- serving views. Both are created NOLOGIN; `./allot db-roles` gives them passwords from the
-- environment. Creating roles needs CREATEROLE: on a managed database where the migrating user
-- lacks it, a DBA creates them and this migration only grants.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        BEGIN
            CREATE ROLE allot_writer NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'no CREATEROLE privilege: ask a DBA to create role allot_writer';
        END;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_reader') THEN
        BEGIN
            CREATE ROLE allot_reader NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'no CREATEROLE privilege: ask a DBA to create role allot_reader';
        END;
    END IF;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO allot_writer', current_database());
        GRANT USAGE, CREATE ON SCHEMA public TO allot_writer;
        GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO allot_writer;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO allot_writer;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO allot_writer;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO allot_writer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_reader') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO allot_reader', current_database());
        GRANT USAGE ON SCHEMA public TO allot_reader;
        GRANT SELECT ON current_assignment, run_model_share, run_summary TO allot_reader;
    END IF;
END
$$;
