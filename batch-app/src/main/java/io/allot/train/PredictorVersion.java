package io.allot.train;

import java.time.LocalDate;

/** A row of predictor_version: a trained predictor the score step can use. */
public record PredictorVersion(long versionId, String path, LocalDate dataFrom, LocalDate dataTo) {}
