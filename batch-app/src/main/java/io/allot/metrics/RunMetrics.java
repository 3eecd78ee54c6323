package io.allot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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
 * The figures an operator alerts on, per finished run: rows read, rejected, scored and published;
 * solve gap; budget used; each step's duration; and when the last run succeeded.
 */
@Component
public class RunMetrics implements JobExecutionListener {
  private final JdbcTemplate jdbc;
  private final MeterRegistry registry;
  private final Counter read;
  private final Counter rejected;
  private final Counter scored;
  private final Counter published;
  private final Counter failedRuns;
  private final AtomicReference<Double> gap = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> budgetUsed = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> lastSuccess = new AtomicReference<>(Double.NaN);
  private final Map<String, AtomicReference<Double>> stepSeconds = new ConcurrentHashMap<>();

  public RunMetrics(JdbcTemplate jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.registry = registry;
    read = Counter.builder("allot.rows.read").description("query-log records read").register(registry);
    rejected = Counter.builder("allot.rows.rejected").description("query-log records rejected").register(registry);
    scored = Counter.builder("allot.rows.scored").description("queries scored").register(registry);
    published = Counter.builder("allot.rows.published").description("assignments published").register(registry);
    failedRuns = Counter.builder("allot.runs.failed").description("nightly runs that ended FAILED").register(registry);
    Gauge.builder("allot.solve.gap", gap, AtomicReference::get).description("gap to the LP bound of the last run")
        .register(registry);
    Gauge.builder("allot.budget.used.ratio", budgetUsed, AtomicReference::get)
        .description("assigned cost / budget of the last run").register(registry);
    Gauge.builder("allot.last.success.timestamp", lastSuccess, AtomicReference::get).baseUnit("seconds")
        .description("epoch seconds when the last run completed").register(registry);
  }

  @Override
  public void afterJob(JobExecution execution) {
    for (StepExecution step : execution.getStepExecutions()) {
      if (step.getStartTime() != null && step.getEndTime() != null) {
        stepSeconds.computeIfAbsent(step.getStepName(), name -> {
          AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
          Gauge.builder("allot.step.last.duration", ref, AtomicReference::get).baseUnit("seconds")
              .tag("step", name).description("duration of the step in the last run").register(registry);
          return ref;
        }).set(Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0);
      }
    }
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      failedRuns.increment();
      return;
    }
    long runId = execution.getJobInstance().getInstanceId();
    jdbc.query("""
        SELECT queries_total, queries_rejected, queries_valid, gap, total_cost_usd / NULLIF(budget_usd, 0)
        FROM assignment_run WHERE run_id = ?""", rs -> {
      read.increment(rs.getLong(1));
      rejected.increment(rs.getLong(2));
      scored.increment(rs.getLong(3));
      published.increment(rs.getLong(3));
      gap.set(rs.getDouble(4));
      budgetUsed.set(rs.getDouble(5));
    }, runId);
    lastSuccess.set(System.currentTimeMillis() / 1000.0);
  }
}
