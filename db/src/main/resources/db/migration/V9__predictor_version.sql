-- Trained quality predictors (SelectLLM's calibrated per-model classifier). The trainPredictor job
-- writes one version per training, after the model files are saved; the score step uses the newest.
CREATE TABLE predictor_version (
    version_id       bigint PRIMARY KEY,      -- the trainPredictor job instance id
    path             text NOT NULL,           -- the saved predictor folder (shared storage on a cluster)
    trained_at       timestamptz NOT NULL,
    data_from        date NOT NULL,           -- first night of labelled history used
    data_to          date NOT NULL,           -- last night of labelled history used
    labelled_queries bigint NOT NULL,
    train_rows       bigint NOT NULL,
    test_rows        bigint NOT NULL,
    missing_cells    bigint NOT NULL,         -- (query, model) pairs without an outcome: left out, never 0
    -- mean held-out Brier score over the trained models: the predictor's, and that of each model's
    -- per-task correctness rate on the training rows (what the score step does without a predictor)
    brier            double precision NOT NULL,
    brier_smoothed  double precision NOT NULL,
    beats_smoothed  boolean NOT NULL,        -- some model's predictor beats its smoothed mean (below)
    settings         jsonb NOT NULL
);
CREATE INDEX predictor_version_newest ON predictor_version (trained_at DESC, version_id DESC);

-- Per model and version: quality of the predictor on the held-out test queries, before (raw) and
-- after isotonic calibration. A model with too few labels is listed with trained = false.
CREATE TABLE predictor_metric (
    version_id    bigint NOT NULL REFERENCES predictor_version (version_id) ON DELETE CASCADE,
    model_id      text NOT NULL,
    trained       boolean NOT NULL,
    train_rows    bigint NOT NULL,
    test_rows     bigint,
    auc           double precision,
    brier_raw     double precision,
    brier         double precision,
    ece_raw       double precision,
    ece           double precision,
    auc_smoothed   double precision,         -- the smoothed means' AUC and Brier on the same test rows
    brier_smoothed double precision,
    -- brier < brier_smoothed: with allot.predictor.promote=if-better the score step uses the
    -- predictor for this model only when true, and the smoothed mean otherwise
    beats_smoothed boolean NOT NULL DEFAULT false,
    PRIMARY KEY (version_id, model_id)
);

-- Which predictor scored a run (null: smoothed per-task means). Pinned at the run's first score
-- attempt, so a restarted run scores with the same version an uninterrupted one did.
ALTER TABLE assignment_run ADD COLUMN predictor_version bigint REFERENCES predictor_version (version_id);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'allot_writer') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON predictor_version, predictor_metric TO allot_writer;
    END IF;
END $$;
