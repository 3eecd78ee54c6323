-- The solve step's dual prices and the state of each hard constraint, per run: what
-- `./allot explain` reads to say why a query got its model. Rewritten whole per run
-- (delete then insert in one transaction), so a restarted solve step leaves no stale row.
CREATE TABLE run_dual_price (
    run_id        bigint NOT NULL REFERENCES assignment_run (run_id) ON DELETE CASCADE,
    constraint_no integer NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('budget', 'capacity', 'tokens', 'tenant_budget', 'quota')),
    subject       text NOT NULL,           -- model id or tenant; '' for the budget
    price         double precision NOT NULL CHECK (price >= 0),  -- quality per unit (USD, query or token)
    limit_value   double precision NOT NULL,
    used          double precision NOT NULL,
    binds         boolean NOT NULL,        -- at its limit in the published assignment
    PRIMARY KEY (run_id, constraint_no)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON run_dual_price TO allot_writer;
    END IF;
END
$$;
