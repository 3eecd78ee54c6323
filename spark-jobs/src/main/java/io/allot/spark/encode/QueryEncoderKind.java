package io.allot.spark.encode;

import java.util.Locale;

/** The {@code allot.predictor.encoder} setting: which sentence encoder gives the query embedding. */
public enum QueryEncoderKind {
  /** No encoder: the query log's own optional {@code embedding} field, if any. */
  NONE,
  /** all-MiniLM-L6-v2 ({@link MiniLmEncoder}), computed inside the Spark job. */
  MINILM;

  public static QueryEncoderKind parse(String setting) {
    for (QueryEncoderKind k : values()) {
      if (k.setting().equals(setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException("allot.predictor.encoder is '" + setting + "'; expected none or minilm");
  }

  /** The value as written in conf/application.yml. */
  public String setting() {
    return name().toLowerCase(Locale.ROOT);
  }
}
