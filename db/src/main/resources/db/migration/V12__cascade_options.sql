-- Cascade options: an option may be a rule, not only a set of models to call. Serving reads it per
-- member: option_kind says how the members' answers are combined, role what each member does.
--   single   one model (role 'single')
--   vote     call every member, keep the majority answer (role 'voter')
--   cascade  call 'first' and 'second'; keep their answer when the parsed answers agree, else call
--            'escalate' and keep its answer. The 'first' model's answer may already be in the query
--            log (the small_tier model): then it is not called again.
-- A cascade's member_no follows the roles (1 first, 2 second, 3 escalate), not the catalog order.
-- cost_usd of a cascade member is its expected part: P(disagree) x its cost for 'escalate', 0 for
-- a 'first' model whose answer the log holds.
ALTER TABLE assignment_option_member
    ADD COLUMN option_kind text NOT NULL DEFAULT 'single' CHECK (option_kind IN ('single', 'vote', 'cascade')),
    ADD COLUMN role text NOT NULL DEFAULT 'single'
        CHECK (role IN ('single', 'voter', 'first', 'second', 'escalate'));

-- Rows published before this migration were single models or SelectLLM votes.
UPDATE assignment_option_member SET option_kind = 'vote', role = 'voter' WHERE option_size > 1;

-- Columns can only be added at the end.
CREATE OR REPLACE VIEW current_assignment_member AS
SELECT a.query_id, m.model_id, m.option_id, m.member_no, m.option_size, m.model_id = a.model_id AS is_lead,
       a.expected_quality, a.expected_cost_usd, a.tenant, a.run_id, m.option_kind, m.role
FROM assignment a
JOIN assignment_option_member m ON m.run_id = a.run_id AND m.option_id = coalesce(a.option_id, a.model_id)
WHERE a.run_id = (SELECT c.run_id FROM current_run c);

CREATE OR REPLACE VIEW run_option_share AS
SELECT m.run_id,
       m.option_id,
       max(m.option_size)                                                AS option_size,
       string_agg(m.model_id, '+' ORDER BY m.member_no)                  AS members,
       max(m.queries)                                                    AS queries,
       max(m.queries)::double precision / sum(max(m.queries)) OVER (PARTITION BY m.run_id) AS share,
       max(m.option_cost_usd)                                            AS cost_usd,
       max(m.option_quality)                                             AS mean_expected_quality,
       max(m.option_kind)                                                AS option_kind,
       string_agg(m.role, '+' ORDER BY m.member_no)                      AS roles
FROM assignment_option_member m
WHERE m.queries > 0
GROUP BY m.run_id, m.option_id;

-- Why each cascade was or was not offered to a run's solve, per task (the run summary prints them):
-- chosen on the labelled history's train part, offered only where no single model is at most as
-- dear and at least as accurate on its held-out part. option_id is NULL for a task offered none.
CREATE TABLE run_cascade_decision (
    run_id       bigint NOT NULL REFERENCES assignment_run (run_id) ON DELETE CASCADE,
    decision_no  integer NOT NULL CHECK (decision_no >= 1),
    task         text NOT NULL,                 -- '*' when no task could be looked at (no history)
    option_id    text,                          -- 'A=B?:C': call A and B, keep the answer if they agree, else C
    offered      boolean NOT NULL,
    reason       text NOT NULL,                 -- the held-out figures behind the decision
    PRIMARY KEY (run_id, decision_no)
);

-- The plan keeps expected cost + cost_reserve_usd <= budget, cost_reserve_usd = reserve-sd x
-- cost_sd_usd (the standard deviation of its realised cost: escalations are known only after the
-- calls). NULL for runs that planned without cascade options.
ALTER TABLE assignment_run
    ADD COLUMN cost_sd_usd double precision,
    ADD COLUMN cost_reserve_usd double precision;

-- ADD COLUMN and CREATE OR REPLACE VIEW keep V10's grants; restated so this file says who reads what.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON assignment_option_member TO allot_writer;
        GRANT SELECT ON current_assignment_member, run_option_share TO allot_writer;
        GRANT SELECT, INSERT, UPDATE, DELETE ON run_cascade_decision TO allot_writer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_reader') THEN
        GRANT SELECT ON current_assignment_member, run_option_share, run_cascade_decision TO allot_reader;
    END IF;
END
$$;
