package io.allot.run;

import org.springframework.batch.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Transaction manager for the nightly steps. Each step manages its own short transactions
 * (COPY, attach, switch) on its own connections, so the chunk transaction Spring Batch wraps
 * around a tasklet must not hold a connection and row locks for the whole step; the job
 * repository keeps its own transactions.
 */
public final class StepTransactions {
  private static final PlatformTransactionManager NONE = new ResourcelessTransactionManager();

  private StepTransactions() {}

  public static PlatformTransactionManager none() {
    return NONE;
  }
}
