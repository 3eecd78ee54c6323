-- The two-tier cascade as a product output (Ramirez, Birch, Titov 2024): each run publishes, per
-- tenant and task, the margin threshold below which online serving escalates a query from the
-- small first-tier model to the escalation model. Written by the routingPolicy step after solve
-- (delete-then-insert for the run, so a restarted step leaves the same rows).
CREATE TABLE routing_policy (
    run_id                    bigint NOT NULL REFERENCES assignment_run (run_id) ON DELETE CASCADE,
    tenant                    text NOT NULL,
    task                      text NOT NULL,
    small_model_id            text NOT NULL,
    escalation_model_id       text NOT NULL,
    -- escalate when margin < margin_threshold; 'Infinity' escalates every query of the group
    margin_threshold          double precision NOT NULL,
    -- what serving does with a query that has no first-token logprobs (so no margin)
    escalate_without_margin   boolean NOT NULL,
    queries                   bigint NOT NULL,
    queries_without_margin    bigint NOT NULL,
    escalated_queries         bigint NOT NULL,
    expected_escalation_share double precision NOT NULL,
    -- the group's share of the night's budget and what the threshold spends on tonight's queries
    budget_share_usd          double precision NOT NULL,
    expected_cost_usd         double precision NOT NULL,
    -- mean expected quality per query: calibrated small-model correctness where kept, the
    -- escalation model's predicted quality where escalated
    expected_quality          double precision NOT NULL,
    PRIMARY KEY (run_id, tenant, task)
);

-- How well the small model's correctness is calibrated, measured on held-out history outcomes.
CREATE TABLE small_model_calibration (
    run_id              bigint PRIMARY KEY REFERENCES assignment_run (run_id) ON DELETE CASCADE,
    small_model_id      text NOT NULL,
    method              text NOT NULL,
    fit_rows            bigint NOT NULL,
    held_out_rows       bigint NOT NULL,
    rows_without_margin bigint NOT NULL,
    ece_raw             double precision NOT NULL,
    ece_isotonic        double precision NOT NULL,
    ece_platt           double precision NOT NULL,
    brier_raw           double precision NOT NULL,
    brier_isotonic      double precision NOT NULL,
    brier_platt         double precision NOT NULL
);

-- What serving reads: the policy of the run that is current (switched at the end of publish).
CREATE VIEW current_routing_policy AS
SELECT p.tenant, p.task, p.small_model_id, p.escalation_model_id, p.margin_threshold,
       p.escalate_without_margin, p.expected_escalation_share, p.expected_cost_usd, p.expected_quality,
       p.queries, p.run_id
FROM routing_policy p
JOIN current_run c ON p.run_id = c.run_id;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON routing_policy, small_model_calibration TO allot_writer;
        GRANT SELECT ON current_routing_policy TO allot_writer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_reader') THEN
        GRANT SELECT ON current_routing_policy TO allot_reader;
    END IF;
END
$$;
