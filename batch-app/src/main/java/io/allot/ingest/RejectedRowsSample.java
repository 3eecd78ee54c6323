package io.allot.ingest;

import io.allot.spark.ingest.IngestSummary;

/**
 * How many of a night's rejects reach rejected_query. A night that fails the reject-share check
 * (or has no valid record at all) is usually a broken export: copying millions of rejects into
 * PostgreSQL would only slow the failure down, so such a night keeps a sample, its first rows.
 */
public final class RejectedRowsSample {
  /** Rejects kept of a night that fails the reject-share check. */
  public static final long ROWS = 1_000;

  private RejectedRowsSample() {}

  static long limit(IngestSummary s, double maxRejectShare) {
    return RejectShare.fails(s, maxRejectShare) ? ROWS : Long.MAX_VALUE;
  }

  /** The part of a failure message that says how many rejects were kept; empty when all were. */
  static String stored(long stored, long rejected) {
    return stored < rejected ? " (the first " + stored + " of " + rejected + " rejects are stored)" : "";
  }
}
