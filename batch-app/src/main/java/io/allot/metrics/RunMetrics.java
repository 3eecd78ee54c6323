package io.allot.metrics;

import io.allot.realised.NightShortfall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures an operator alerts on, per finished run: its status and date, rows read, rejected,
 * scored and published; solve gap; budget and budget used; planned spend by model and by tenant;
 * each step's duration; and when the last run succeeded. serve exposes them at /metrics; every
 * run also hands them to {@link MetricsExport} (textfile / Pushgateway) as it ends.
 */
@Component
public class RunMetrics implements JobExecutionListener {
  private final JdbcTemplate jdbc;
  private final MeterRegistry registry;
  private final MetricsExport export;
  private final Counter read;
  private final Counter rejected;
  private final Counter scored;
  private final Counter published;
  private final Counter failedRuns;
  private final AtomicReference<Double> gap;
  private final AtomicReference<Double> budgetUsed;
  private final AtomicReference<Double> budgetUsd;
  private final AtomicReference<Double> lastSuccess;
  private final AtomicReference<Double> lastRunSucceeded;
  private final AtomicReference<Double> lastRunDate;
  private final AtomicReference<Double> lastRunValid;
  private final AtomicReference<Double> lastRunRejected;
  private final AtomicReference<Double> realisedCompared;
  private final AtomicReference<Double> realisedFlagged;
  private final AtomicReference<Double> realisedShortfall;
  private final Map<String, AtomicReference<Double>> labelled = new ConcurrentHashMap<>();

  public RunMetrics(JdbcTemplate jdbc, MeterRegistry registry, MetricsExport export) {
    this.jdbc = jdbc;
    this.registry = registry;
    this.export = export;
    read = Counter.builder("allot.rows.read").description("query-log records read").register(registry);
    rejected = Counter.builder("allot.rows.rejected").description("query-log records rejected").register(registry);
    scored = Counter.builder("allot.rows.scored").description("queries scored").register(registry);
    published = Counter.builder("allot.rows.published").description("assignments published").register(registry);
    failedRuns = Counter.builder("allot.runs.failed").description("nightly runs that ended FAILED").register(registry);
    gap = gauge("allot.solve.gap", "gap to the LP bound of the last run");
    budgetUsed = gauge("allot.budget.used.ratio", "assigned cost / budget of the last run");
    budgetUsd = gauge("allot.budget.usd", "budget of the last run in USD");
    lastSuccess = gauge("allot.last.success.timestamp.seconds", "epoch seconds when the last run completed");
    lastRunSucceeded = gauge("allot.last.run.succeeded", "1 when the last run completed, 0 when it failed");
    lastRunDate = gauge("allot.last.run.date.seconds", "the last run's date (its night), as epoch seconds at 00:00 UTC");
    lastRunValid = gauge("allot.last.run.rows.valid", "valid queries of the last completed run");
    lastRunRejected = gauge("allot.last.run.rows.rejected", "rejected query-log records of the last completed run");
    realisedCompared = gauge("allot.realised.runs.compared", "earlier runs the last run compared with their outcomes");
    realisedFlagged = gauge("allot.realised.runs.flagged",
        "compared runs whose realised quality fell short by more than allot.realised.shortfall-margin");
    realisedShortfall = gauge("allot.realised.shortfall",
        "largest predicted minus realised quality among the compared runs; NaN when none had outcomes");
  }

  private AtomicReference<Double> gauge(String name, String description) {
    AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
    Gauge.builder(name, ref, AtomicReference::get).description(description).register(registry);
    return ref;
  }

  /** One gauge per (name, tag value), registered the first time the value shows up. */
  private AtomicReference<Double> labelled(String name, String tag, String value, String description) {
    return labelled.computeIfAbsent(name + '\0' + tag + '\0' + value, k -> {
      AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
      Gauge.builder(name, ref, AtomicReference::get).tag(tag, value).description(description).register(registry);
      return ref;
    });
  }

  @Override
  public void afterJob(JobExecution execution) {
    try {
      record(execution);
    } finally {
      export.afterRun();
    }
  }

  private void record(JobExecution execution) {
    for (StepExecution step : execution.getStepExecutions()) {
      if (step.getStartTime() != null && step.getEndTime() != null) {
        labelled("allot.step.last.duration.seconds", "step", step.getStepName(), "duration of the step in the last run")
            .set(Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0);
      }
    }
    // NightlyJobLauncher.PARAM_DATE (the job package depends on this one, not the other way round)
    LocalDate date = execution.getJobParameters().getLocalDate("run.date");
    lastRunDate.set(date == null ? Double.NaN : (double) date.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
    lastRunSucceeded.set(completed ? 1.0 : 0.0);
    if (!completed) {
      failedRuns.increment();
      return;
    }
    long runId = execution.getJobInstance().getInstanceId();
    jdbc.query("""
        SELECT queries_total, queries_rejected, queries_valid, gap, total_cost_usd / NULLIF(budget_usd, 0), budget_usd
        FROM assignment_run WHERE run_id = ?""", rs -> {
      read.increment(rs.getLong(1));
      rejected.increment(rs.getLong(2));
      scored.increment(rs.getLong(3));
      published.increment(rs.getLong(3));
      lastRunValid.set((double) rs.getLong(3));
      lastRunRejected.set((double) rs.getLong(2));
      gap.set(rs.getDouble(4));
      budgetUsed.set(rs.getDouble(5));
      budgetUsd.set(rs.getDouble(6));
    }, runId);
    spend("allot.planned.spend.usd", "model", "planned cost of the last run's assignments by model (USD)",
        "SELECT model_id, cost_usd FROM run_model_share WHERE run_id = ?", runId);
    spend("allot.tenant.planned.spend.usd", "tenant", "planned cost of the last run's assignments by tenant (USD)",
        "SELECT tenant, sum(expected_cost_usd) FROM assignment WHERE run_id = ? GROUP BY tenant", runId);
    NightShortfall realised = NightShortfall.of(jdbc, runId);
    realisedCompared.set((double) realised.comparedRuns());
    realisedFlagged.set((double) realised.flaggedRuns());
    realisedShortfall.set(realised.worstShortfall());
    lastSuccess.set(System.currentTimeMillis() / 1000.0);
  }

  /** A model or tenant missing from this run reads 0, not the spend of an older run. */
  private void spend(String name, String tag, String description, String sql, long runId) {
    labelled.forEach((k, ref) -> {
      if (k.startsWith(name + '\0')) {
        ref.set(0.0);
      }
    });
    jdbc.query(sql, rs -> {
      labelled(name, tag, rs.getString(1), description).set(rs.getDouble(2));
    }, runId);
  }
}
