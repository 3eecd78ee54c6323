package io.allot.spark.predict;

/** One model's predictor quality on a labelled set: before and after calibration. */
public record ModelMetrics(String modelId, CalibrationMetrics raw, CalibrationMetrics calibrated) {}
