-- The job (allot_writer) attaches each run's partition to `assignment` and retention detaches old
-- ones; both need ownership of the partitioned table, so allot_writer owns it and its partitions.
-- PUBLIC loses what PostgreSQL grants every role by default on this database: CONNECT and TEMP
-- (and CREATE on schema public before PostgreSQL 15); only Allot's roles connect.
DO $$
DECLARE
    part regclass;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        BEGIN
            ALTER TABLE assignment OWNER TO allot_writer;
            FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'assignment'::regclass LOOP
                EXECUTE format('ALTER TABLE %s OWNER TO allot_writer', part);
            END LOOP;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'cannot make allot_writer the owner of assignment: ask a DBA to run ALTER TABLE assignment OWNER TO allot_writer';
        END;
    END IF;
    BEGIN
        EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_sql') THEN
            EXECUTE format('GRANT CONNECT ON DATABASE %I TO allot_sql', current_database());
        END IF;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'cannot revoke PUBLIC''s default privileges: ask a DBA (REVOKE CONNECT, TEMPORARY ON DATABASE ... FROM PUBLIC)';
    END;
END
$$;
