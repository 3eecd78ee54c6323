package io.allot.spark.ingest;

import java.io.Serializable;
import java.time.Instant;

/**
 * One observed outcome: how well a model answered a query. {@code score} is in [0,1] (0/1
 * correctness or a normalised judge score); cost and latency are optional observations, and so is
 * {@code answer}, the model's answer text (cascade options compare two models' parsed answers).
 */
public record OutcomeRecord(
    String queryId,
    String modelId,
    double score,
    Double costUsd,
    Long latencyMs,
    Instant observedAt,
    String answer) implements Serializable {}
