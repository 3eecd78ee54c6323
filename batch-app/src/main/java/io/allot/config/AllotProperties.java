package io.allot.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code allot.*} settings; conf/application.yml documents each default. */
@ConfigurationProperties(prefix = "allot")
public record AllotProperties(
    @DefaultValue("work") String workDir,
    @DefaultValue("conf/models.yml") String catalog,
    @DefaultValue("100.0") double budgetUsd,
    @DefaultValue Input input,
    @DefaultValue Ingest ingest,
    @DefaultValue Solver solver,
    @DefaultValue Db db,
    @DefaultValue Spark spark,
    @DefaultValue Schedule schedule,
    @DefaultValue Report report,
    @DefaultValue Retention retention,
    @DefaultValue Bandit bandit,
    java.util.Map<String, Tenant> tenants) {

  /** Tenant name -> its rules; empty when none are configured. */
  @Override
  public java.util.Map<String, Tenant> tenants() {
    return tenants == null ? java.util.Map.of() : tenants;
  }

  /**
   * One tenant's rules ({@code allot.tenants.<name>.*}).
   *
   * @param disallowedModels model ids its queries may not be sent to
   * @param budgetUsd cap on its share of the night's cost; null for none
   * @param maxLatencyMs largest allowed option latency (catalog latency_ms); null or 0 for none
   */
  public record Tenant(java.util.List<String> disallowedModels, Double budgetUsd, Long maxLatencyMs) {}

  public record Input(
      @DefaultValue("work/data/logs") String logRoot,
      @DefaultValue("work/data/outcomes") String outcomesRoot,
      @DefaultValue("30") int historyDays) {}

  public record Ingest(@DefaultValue("0.01") double maxRejectShare) {}

  public record Solver(
      @DefaultValue("true") boolean polish,
      @DefaultValue("60") long timeLimitSeconds,
      @DefaultValue("2000") long unimprovedStepLimit,
      @DefaultValue("20000") long stepLimit,
      @DefaultValue("42") long randomSeed,
      @DefaultValue("21") int paretoLevels,
      @DefaultValue("false") boolean paretoPolish,
      @DefaultValue("100000") int paretoSampleQueries,
      @DefaultValue("6") int dualRounds,
      java.util.Map<String, Long> quotas,
      @DefaultValue Distributed distributed) {

    public Solver {
      if (paretoLevels < 0) {
        throw new SettingException("allot.solver.pareto-levels is " + paretoLevels + "; must be >= 0");
      }
      if (paretoSampleQueries < 0) {
        throw new SettingException("allot.solver.pareto-sample-queries is " + paretoSampleQueries
            + "; must be >= 0 (0: every level on the whole night)");
      }
    }

    /** Model id -> minimum queries it must get per run; empty when none are configured. */
    @Override
    public java.util.Map<String, Long> quotas() {
      return quotas == null ? java.util.Map.of() : quotas;
    }
  }

  /** Where the solve runs (io.allot.solve.SolvePath): on the driver or on the Spark cluster. */
  public record Distributed(
      @DefaultValue("auto") String mode,
      @DefaultValue("20000000") long aboveQueries,
      @DefaultValue("8") int sliceBlocks) {}

  public record Db(
      @DefaultValue("") String url,
      @DefaultValue("") String user,
      @DefaultValue("") String password,
      @DefaultValue("") String secretsFile,
      @DefaultValue Embedded embedded) {
    public boolean isEmbedded() {
      return url == null || url.isBlank();
    }
  }

  public record Embedded(@DefaultValue("work/pg") String dataDir, @DefaultValue("0") int port) {}

  public record Spark(
      @DefaultValue("local[*]") String master,
      @DefaultValue("4g") String driverMemory,
      @DefaultValue("8") int shufflePartitions,
      @DefaultValue Submit submit) {}

  /** How the Spark work is submitted when the master is not local (io.allot.cluster). */
  public record Submit(
      @DefaultValue("client") String deployMode,
      @DefaultValue("spark-jobs/target/spark-home") String sparkHome,
      @DefaultValue("spark-jobs/target/allot-spark-jobs-0.1.0-SNAPSHOT-cluster.jar") String appJar,
      Map<String, String> conf,
      @DefaultValue("") String localIp,
      @DefaultValue("") String masterWebUi,
      @DefaultValue("local[2]") String readerMaster,
      @DefaultValue("conf/spark-log4j2.properties") String log4jConfig,
      @DefaultValue("2000") long pollMillis) {
    public Submit {
      conf = conf == null ? Map.of() : Map.copyOf(conf);
    }
  }

  public record Schedule(
      @DefaultValue("0 30 1 * * *") String cron,
      @DefaultValue("UTC") String zone,
      @DefaultValue("true") boolean catchUp,
      @DefaultValue("7") int catchUpDays) {}

  public record Report(@DefaultValue("") String dir) {}

  public record Retention(@DefaultValue("30") int days) {}

  /** TI-UCB model selection (the select-models step); see conf/application.yml. */
  public record Bandit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("16") int window,
      @DefaultValue("0.05") double gamma,
      @DefaultValue("1.0") double explorationC,
      @DefaultValue("0.6") double slopeConfidence,
      @DefaultValue("3") int minObservations,
      @DefaultValue("0.01") double explorationShare,
      @DefaultValue("0.05") double maxExplorationShare) {}
}
