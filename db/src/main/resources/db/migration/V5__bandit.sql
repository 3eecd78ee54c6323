-- TI-UCB model selection (the select-models step). Every row here is recomputed from
-- bandit_observation, so re-running the step for a run rewrites the same rows.

-- One arm per model that has been in the catalog. retired_on is set when the model leaves
-- conf/models.yml (and cleared if it comes back). The state columns are as of updated_on.
CREATE TABLE bandit_arm (
    model_id           text PRIMARY KEY,
    added_run_id       bigint NOT NULL,
    added_on           date NOT NULL,
    retired_run_id     bigint,
    retired_on         date,
    pulls              integer NOT NULL,          -- nights with a reward
    segment_pulls      integer NOT NULL,          -- of those, nights in the current trend segment
    last_reward        double precision,
    trend_quality      double precision,          -- predicted reward of the next night, in [0,1]
    baseline_quality   double precision,          -- mean reward over the scorer's history window
    quality_shift      double precision NOT NULL, -- trend_quality - baseline_quality, added by the solver
    ucb_index          double precision,          -- NULL while the arm has no reward yet
    exploration_share  double precision NOT NULL CHECK (exploration_share BETWEEN 0 AND 1),
    reason             text NOT NULL,
    updated_run_id     bigint NOT NULL,
    updated_on         date NOT NULL
);

-- One reward per model and night: the mean outcome score of the night's evaluated queries,
-- with what TI-UCB predicted once it had folded it in.
CREATE TABLE bandit_observation (
    model_id       text NOT NULL,
    night          date NOT NULL,
    run_id         bigint NOT NULL,   -- the run that read it (the run of night + 1)
    reward         double precision NOT NULL CHECK (reward BETWEEN 0 AND 1),
    outcomes       bigint NOT NULL CHECK (outcomes > 0),
    pull           integer NOT NULL,
    segment_pull   integer NOT NULL,
    trend_quality  double precision NOT NULL,
    PRIMARY KEY (model_id, night)
);

-- Changes TI-UCB detected in a model's rewards. kind 'converged': the rise stopped (stop paying
-- for more fine-tuning); 'trend_change': it started rising faster.
CREATE TABLE convergence_event (
    model_id          text NOT NULL,
    detected_night    date NOT NULL,
    change_night      date NOT NULL,   -- where the new segment starts
    run_id            bigint NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('converged', 'trend_change')),
    change_pull       integer NOT NULL,
    detected_at_pull  integer NOT NULL,
    older_increase    double precision NOT NULL,
    newer_increase    double precision NOT NULL,
    message           text NOT NULL,
    PRIMARY KEY (model_id, detected_night)
);

-- Serving-safe view of the convergence events (no internals).
CREATE VIEW model_convergence AS
SELECT model_id, kind, change_night, detected_night, run_id, message
FROM convergence_event;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON bandit_arm, bandit_observation, convergence_event TO allot_writer;
        GRANT SELECT ON model_convergence TO allot_writer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_reader') THEN
        GRANT SELECT ON model_convergence TO allot_reader;
    END IF;
END
$$;
