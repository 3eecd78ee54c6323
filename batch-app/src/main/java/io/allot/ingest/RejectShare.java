package io.allot.ingest;

import io.allot.spark.ingest.IngestSummary;
import io.allot.spark.ingest.InputFormatException;
import java.util.Locale;

/** The ingest step's gate: a night with no valid query, or too many rejected records, stops the run. */
public final class RejectShare {
  private RejectShare() {}

  /** @throws InputFormatException naming the log, the counts and the query that lists the rejects */
  /** Whether the night fails the gate, decided from the counts alone (before any reject is copied). */
  public static boolean fails(IngestSummary s, double maxRejectShare) {
    return s.totalRecords() == 0 || s.validRecords() == 0 || s.rejectedShare() > maxRejectShare;
  }

  /** @param sample how many rejects were stored, when not all ({@link RejectedRowsSample#stored}) */
  public static void check(IngestSummary s, String logPath, double maxRejectShare, long runId, String sample) {
    if (s.totalRecords() == 0 || s.validRecords() == 0) {
      throw new InputFormatException("the log " + logPath + " has no valid queries ("
          + s.totalRecords() + " records read); see rejected_query where run_id = " + runId + sample);
    }
    if (s.rejectedShare() > maxRejectShare) {
      throw new InputFormatException(String.format(Locale.ROOT,
          "%d of %d records (%.2f%%) in %s were rejected, above allot.ingest.max-reject-share=%s; "
              + "see: SELECT record_ref, field, reason FROM rejected_query WHERE run_id = %d%s",
          s.rejectedRecords(), s.totalRecords(), 100 * s.rejectedShare(), logPath, maxRejectShare, runId, sample));
    }
  }
}
