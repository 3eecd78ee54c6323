-- The plan against what was served. Each night the realised step compares the published runs of
-- the nights before it with their outcome files (<outcomes-root>/date=<run_date>/): per run,
-- option (a model or a SelectLLM subset) and tenant, the planned queries, spend and predicted
-- quality against the realised spend and quality of the queries that have outcomes.
-- A run's rows are replaced whole in one transaction, so a restarted night leaves exactly the rows
-- an uninterrupted one writes. Only runs whose assignment partition still exists are compared;
-- rows written before retention dropped a partition stay.
CREATE TABLE run_realised (
    run_id                      bigint NOT NULL REFERENCES assignment_run (run_id) ON DELETE CASCADE,
    option_id                   text NOT NULL,
    tenant                      text NOT NULL,
    queries_planned             bigint NOT NULL CHECK (queries_planned >= 1),
    planned_cost_usd            double precision NOT NULL,   -- sum of expected_cost_usd
    predicted_quality           double precision NOT NULL,   -- mean expected_quality
    -- queries whose every option member has an outcome with a score and a cost_usd
    queries_with_outcomes       bigint NOT NULL CHECK (queries_with_outcomes >= 0 AND queries_with_outcomes <= queries_planned),
    planned_cost_observed_usd   double precision NOT NULL,   -- expected cost of those queries
    realised_cost_usd           double precision NOT NULL,   -- their outcomes' cost_usd, every member's
    predicted_quality_observed  double precision,            -- mean expected_quality of those queries
    -- mean outcome score of those queries; for a subset the lead member's score (outcome files
    -- carry scores, not answers, so the vote cannot be replayed)
    realised_quality            double precision,
    shortfall_margin            double precision NOT NULL,   -- allot.realised.shortfall-margin when compared
    compared_in_run             bigint NOT NULL,             -- the nightly run that wrote the rows
    PRIMARY KEY (run_id, option_id, tenant)
);

-- Per run: the totals, the quality shortfall (predicted minus realised, on the queries with
-- outcomes) and whether it exceeds the margin.
CREATE VIEW run_realised_summary AS
SELECT r.run_id,
       a.run_date,
       max(r.compared_in_run)                                                          AS compared_in_run,
       sum(r.queries_planned)::bigint                                                  AS queries_planned,
       sum(r.queries_with_outcomes)::bigint                                            AS queries_with_outcomes,
       sum(r.planned_cost_usd)                                                         AS planned_cost_usd,
       sum(r.planned_cost_observed_usd)                                                AS planned_cost_observed_usd,
       sum(r.realised_cost_usd)                                                        AS realised_cost_usd,
       sum(r.predicted_quality * r.queries_planned) / sum(r.queries_planned)           AS predicted_quality,
       sum(r.predicted_quality_observed * r.queries_with_outcomes)
           / nullif(sum(r.queries_with_outcomes), 0)                                   AS predicted_quality_observed,
       sum(r.realised_quality * r.queries_with_outcomes)
           / nullif(sum(r.queries_with_outcomes), 0)                                   AS realised_quality,
       (sum(r.predicted_quality_observed * r.queries_with_outcomes)
           - sum(r.realised_quality * r.queries_with_outcomes))
           / nullif(sum(r.queries_with_outcomes), 0)                                   AS shortfall,
       max(r.shortfall_margin)                                                         AS shortfall_margin,
       coalesce((sum(r.predicted_quality_observed * r.queries_with_outcomes)
           - sum(r.realised_quality * r.queries_with_outcomes))
           / nullif(sum(r.queries_with_outcomes), 0) > max(r.shortfall_margin), false) AS shortfall_flagged
FROM run_realised r
JOIN assignment_run a ON a.run_id = r.run_id
GROUP BY r.run_id, a.run_date;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON run_realised TO allot_writer;
        GRANT SELECT ON run_realised_summary TO allot_writer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_reader') THEN
        GRANT SELECT ON run_realised, run_realised_summary TO allot_reader;
    END IF;
END
$$;
