-- SelectLLM subsets: a query may be assigned an option that calls several models, whose answers
-- are combined by a confidence-weighted vote. A chosen subset is still ONE assignment row:
--   assignment.option_id  the chosen option: a model id, or e.g. 'gpt-4o+claude-3' (members in catalog order)
--   assignment.model_id   unchanged for single-model rows; for a subset row its lead member (the one
--                         with the highest predicted quality for that query), so a reader that
--                         ignores option_id still calls the subset's best model.
-- Rows published before this migration have option_id NULL; the views read it as model_id.
ALTER TABLE assignment ADD COLUMN option_id text;

-- Every option a run offered (chosen or not), one row per member model, written by publish in the
-- transaction that attaches the run's partition (a rerun deletes and rewrites the same rows).
-- The option_* columns repeat on each member row of an option.
CREATE TABLE assignment_option_member (
    run_id               bigint NOT NULL REFERENCES assignment_run (run_id) ON DELETE CASCADE,
    option_id            text NOT NULL,
    member_no            integer NOT NULL CHECK (member_no >= 1),   -- 1.. in catalog order
    model_id             text NOT NULL,
    option_size          integer NOT NULL CHECK (option_size >= 1), -- 1 for a single model
    queries              bigint NOT NULL CHECK (queries >= 0),      -- queries assigned the option
    option_cost_usd      double precision NOT NULL,                 -- their total expected cost
    option_quality       double precision,                          -- their mean expected quality (vote); NULL with no query
    cost_usd             double precision NOT NULL,                 -- this member's part of option_cost_usd
    member_quality       double precision,                          -- this member's mean predicted P(correct) on them
    PRIMARY KEY (run_id, option_id, model_id),
    UNIQUE (run_id, option_id, member_no)
);

-- Runs published before this migration: their options were single models.
INSERT INTO assignment_option_member (run_id, option_id, member_no, model_id, option_size, queries,
                                      option_cost_usd, option_quality, cost_usd, member_quality)
SELECT a.run_id, a.model_id, 1, a.model_id, 1, count(*), sum(a.expected_cost_usd), avg(a.expected_quality),
       sum(a.expected_cost_usd), avg(a.expected_quality)
FROM assignment a JOIN assignment_run r ON r.run_id = a.run_id
GROUP BY a.run_id, a.model_id;

-- Columns can only be added at the end; the current-run predicate stays the scalar subquery of V8
-- so a point lookup by query_id uses the current partition's primary key.
CREATE OR REPLACE VIEW current_assignment AS
SELECT a.query_id, a.model_id, a.expected_quality, a.expected_cost_usd, a.tenant, a.run_id,
       coalesce(a.option_id, a.model_id) AS option_id
FROM assignment a
WHERE a.run_id = (SELECT c.run_id FROM current_run c);

-- The models to call for a query: one row per member of its option (one row for a single model).
--   SELECT model_id FROM current_assignment_member WHERE query_id = $1;
CREATE VIEW current_assignment_member AS
SELECT a.query_id, m.model_id, m.option_id, m.member_no, m.option_size, m.model_id = a.model_id AS is_lead,
       a.expected_quality, a.expected_cost_usd, a.tenant, a.run_id
FROM assignment a
JOIN assignment_option_member m ON m.run_id = a.run_id AND m.option_id = coalesce(a.option_id, a.model_id)
WHERE a.run_id = (SELECT c.run_id FROM current_run c);

-- Per model: the queries it is called on (alone or as a subset member), their share of the run's
-- queries (shares add up to more than 1 when subsets are chosen), the model's own expected cost and
-- its mean predicted quality on them. Read from the member rows, not from the assignments.
CREATE OR REPLACE VIEW run_model_share AS
SELECT m.run_id,
       m.model_id,
       sum(m.queries)::bigint                                            AS queries,
       sum(m.queries)::double precision / max(t.queries)                  AS share,
       sum(m.cost_usd)                                                   AS cost_usd,
       sum(m.member_quality * m.queries) / sum(m.queries)                 AS mean_expected_quality
FROM assignment_option_member m
JOIN (SELECT run_id, sum(queries)::double precision AS queries
      FROM assignment_option_member WHERE member_no = 1 GROUP BY run_id) t ON t.run_id = m.run_id
WHERE m.queries > 0
GROUP BY m.run_id, m.model_id;

-- Per option (single model or subset): queries, share (adds up to 1 per run), cost and mean expected quality.
CREATE VIEW run_option_share AS
SELECT m.run_id,
       m.option_id,
       max(m.option_size)                                                AS option_size,
       string_agg(m.model_id, '+' ORDER BY m.member_no)                  AS members,
       max(m.queries)                                                    AS queries,
       max(m.queries)::double precision / sum(max(m.queries)) OVER (PARTITION BY m.run_id) AS share,
       max(m.option_cost_usd)                                            AS cost_usd,
       max(m.option_quality)                                             AS mean_expected_quality
FROM assignment_option_member m
WHERE m.queries > 0
GROUP BY m.run_id, m.option_id;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON assignment_option_member TO allot_writer;
        GRANT SELECT ON current_assignment_member, run_option_share TO allot_writer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_reader') THEN
        GRANT SELECT ON current_assignment_member, run_option_share TO allot_reader;
    END IF;
END
$$;
