package io.allot.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A run for a date after today would become the current run (the latest date wins) and retention
 * would then prune every run more than allot.retention.days before it: a typo in --date would
 * wipe the history. Such dates need an explicit flag.
 */
final class RunDateCheck {
  static final String FLAG = "--allow-future-date";

  private RunDateCheck() {}

  static void refuseFuture(LocalDate date, boolean allowed) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    if (date.isAfter(today) && !allowed) {
      throw new IllegalArgumentException("--date " + date + " is after today (" + today + ", UTC); a future run would "
          + "become the current run and retention would prune the runs before it. Add " + FLAG + " if you mean it");
    }
  }
}
