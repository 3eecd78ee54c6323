-- The predictor's cross-model calibration stage (allot.predictor.cross-model), per version and
-- model: p' = sigmoid(cross_intercept + cross_own * logit(p) + cross_mean_logit * mean logit of all
-- models' estimates), fitted on the test share after the isotonic map. brier_cross_model is the
-- stage's Brier score on the same test rows, out of fold (two folds, each scored by the stage fitted
-- on the other), beside brier (the isotonic estimate's). Null when the stage was turned off; the
-- identity (0, 1, 0) for a model with too few test rows.
ALTER TABLE predictor_metric
    ADD COLUMN cross_intercept   double precision,
    ADD COLUMN cross_own         double precision,
    ADD COLUMN cross_mean_logit  double precision,
    ADD COLUMN brier_cross_model double precision;
