-- Allot's own tables. Spring Batch's job repository is V1 (a Java migration in batch-app).

-- The LLM catalog as of the latest run (conf/models.yml is the source of truth).
CREATE TABLE llm_model (
    model_id             text PRIMARY KEY,
    kind                 text NOT NULL CHECK (kind IN ('api', 'local')),
    price_per_1k_input   double precision NOT NULL CHECK (price_per_1k_input >= 0),
    price_per_1k_output  double precision NOT NULL CHECK (price_per_1k_output >= 0),
    capacity_queries     bigint CHECK (capacity_queries > 0),
    capacity_tokens      bigint CHECK (capacity_tokens > 0),
    latency_ms           integer NOT NULL,
    small_tier           boolean NOT NULL,
    active               boolean NOT NULL DEFAULT true,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- One row per nightly run. run_id is the Spring Batch job instance id, so a restarted run keeps
-- its id and rewrites exactly its own rows.
CREATE TABLE assignment_run (
    run_id            bigint PRIMARY KEY,
    run_date          date NOT NULL,
    status            text NOT NULL CHECK (status IN ('RUNNING', 'SOLVED', 'PUBLISHED', 'FAILED')),
    budget_usd        double precision CHECK (budget_usd >= 0),  -- resolved by the solve step
    total_cost_usd    double precision,
    expected_quality  double precision,
    lp_bound          double precision,
    gap               double precision,
    queries_total     bigint,
    queries_valid     bigint,
    queries_rejected  bigint,
    log_path          text NOT NULL,
    settings          jsonb NOT NULL,   -- what the run was started with; a restart reuses it
    report_path       text,
    started_at        timestamptz NOT NULL,
    solved_at         timestamptz,
    published_at      timestamptz,
    finished_at       timestamptz,
    pruned_at         timestamptz       -- when retention dropped its assignment partition
);
CREATE INDEX assignment_run_by_date ON assignment_run (run_date DESC, published_at DESC);

-- Assignments, one partition per run: a publish builds the partition aside and attaches it, and
-- retention drops whole partitions.
CREATE TABLE assignment (
    run_id             bigint NOT NULL,
    query_id           text NOT NULL,
    tenant             text NOT NULL,
    model_id           text NOT NULL,
    expected_quality   double precision NOT NULL,
    expected_cost_usd  double precision NOT NULL,
    PRIMARY KEY (run_id, query_id)
) PARTITION BY LIST (run_id);

-- Cost/quality trade-off of each run: one row per budget level; is_published marks the
-- configured budget's point.
CREATE TABLE pareto_point (
    run_id            bigint NOT NULL REFERENCES assignment_run (run_id) ON DELETE CASCADE,
    point_no          integer NOT NULL,
    budget_usd        double precision NOT NULL,
    total_cost_usd    double precision NOT NULL,
    expected_quality  double precision NOT NULL,
    lp_bound          double precision NOT NULL,
    gap               double precision NOT NULL,
    is_published      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (run_id, point_no)
);

-- Records that failed validation, with the reason. Nothing valid is ever dropped.
CREATE TABLE rejected_query (
    run_id      bigint NOT NULL,
    source      text NOT NULL CHECK (source IN ('query_log', 'outcomes')),
    record_ref  text NOT NULL,
    query_id    text,
    field       text,
    reason      text NOT NULL,
    raw         text,
    PRIMARY KEY (run_id, source, record_ref)
);

-- The run that serving reads. A single row, switched in one transaction at the end of publish.
CREATE TABLE current_run (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    run_id       bigint NOT NULL REFERENCES assignment_run (run_id),
    switched_at  timestamptz NOT NULL
);

CREATE VIEW current_assignment AS
SELECT a.query_id, a.model_id, a.expected_quality, a.expected_cost_usd, a.tenant, a.run_id
FROM assignment a
JOIN current_run c ON a.run_id = c.run_id;

CREATE VIEW run_model_share AS
SELECT a.run_id,
       a.model_id,
       count(*)                                                   AS queries,
       count(*)::double precision / sum(count(*)) OVER (PARTITION BY a.run_id) AS share,
       sum(a.expected_cost_usd)                                   AS cost_usd,
       avg(a.expected_quality)                                    AS mean_expected_quality
FROM assignment a
GROUP BY a.run_id, a.model_id;

-- What serving may know about runs (the reader role cannot read assignment_run itself).
CREATE VIEW run_summary AS
SELECT run_id, run_date, status, budget_usd, total_cost_usd, expected_quality, lp_bound, gap,
       queries_valid, queries_rejected, started_at, published_at, finished_at,
       run_id = (SELECT c.run_id FROM current_run c) AS is_current
FROM assignment_run;
