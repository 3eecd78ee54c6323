package io.allot.spark.ingest;

import java.io.Serializable;

/** Record counts of one ingest run; totalRecords == validRecords + rejectedRecords. */
public record IngestSummary(long totalRecords, long validRecords, long rejectedRecords) implements Serializable {

  /** Share of records rejected, 0 for an empty log; the nightly job fails above a limit. */
  public double rejectedShare() {
    return totalRecords == 0 ? 0 : (double) rejectedRecords / totalRecords;
  }
}
