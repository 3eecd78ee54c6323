package io.allot.spark.score;

import java.io.Serializable;

/**
 * Counts of one scoring run. historyQueriesUsed counts the valid (deduplicated) history queries;
 * historyRejected the history records skipped as invalid or duplicate.
 */
public record ScoringSummary(
    long rowsScored,
    long historyQueriesUsed,
    long historyRejected,
    long outcomesUsed,
    long outcomesRejected) implements Serializable {}
