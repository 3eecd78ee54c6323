package io.allot.generate;

/**
 * One query while it is being drawn and written. A single instance is reused for every query of a
 * run, so its arrays are sized by the catalog and the contract (at most 5 first-token entries, 8
 * token logprobs, 8 embedding dimensions), never by the number of queries.
 */
final class QueryDraft {
  static final int MAX_TOP = 5;
  static final int MAX_TOKENS = 8;
  static final int EMBEDDING_DIM = 8;

  long index;
  long night;
  long secondOfDay;
  Tenant tenant;
  Task task;
  double difficulty;
  int promptTokens;
  int expectedOutputTokens;

  final boolean[] correct;
  /** Margin by the rule in docs/architecture.md: top-1 minus the first entry that is not a variant of it. */
  double margin;
  /** Top-1 minus the second entry, whatever it is; kept to show what skipping variants buys. */
  double naiveMargin;
  boolean variantSecond;

  int topCount;
  final String[] topTokens = new String[MAX_TOP];
  final double[] topLogprobs = new double[MAX_TOP];
  int tokenCount;
  final double[] tokenLogprobs = new double[MAX_TOKENS];
  final double[] embedding = new double[EMBEDDING_DIM];
  final StringBuilder text = new StringBuilder(1024);
  final StringBuilder output = new StringBuilder(128);

  /** Per model, filled only for labelled queries. */
  final int[] actualOutputTokens;
  final double[] costUsd;
  final int[] latencyMs;
  final long[] observedSecond;
  final String[] answer;

  QueryDraft(int models) {
    correct = new boolean[models];
    actualOutputTokens = new int[models];
    costUsd = new double[models];
    latencyMs = new int[models];
    observedSecond = new long[models];
    answer = new String[models];
  }
}
