package io.allot.cli;

import io.allot.catalog.ModelCatalog;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.solve.AssignmentProblem;
import io.allot.solve.DualPriceRepository;
import io.allot.solve.DualPriceRow;
import io.allot.solve.ProblemSetup;
import io.allot.solve.QueryExplanation;
import io.allot.solve.ScoredProblemReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allot explain --run R --query Q}: why a query got its model in a run. */
@Command(name = "explain", description = "Why a query got its model: options, runner-up, dual prices, binding constraints.")
class ExplainCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "The run id (see run_summary).")
  long runId;

  @Option(names = "--query", required = true, description = "The query id.")
  String queryId;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    try (ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(),
        Map.of("spring.flyway.enabled", "true"), false)) {
      JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
      RunRecord run = ctx.getBean(RunRepository.class).find(runId).orElseThrow(() ->
          new IllegalArgumentException("run " + runId + " does not exist: list runs with ./allot sql \"SELECT run_id, "
              + "run_date, status FROM run_summary\""));
      List<String> chosen = jdbc.queryForList("SELECT model_id FROM assignment WHERE run_id = ? AND query_id = ?",
          String.class, runId, queryId);
      if (chosen.isEmpty()) {
        throw new IllegalArgumentException("query '" + queryId + "' has no assignment in run " + runId
            + " (unknown id, rejected at ingest, or the run was not published)");
      }
      List<DualPriceRow> duals = ctx.getBean(DualPriceRepository.class).load(runId);
      ModelCatalog catalog = ctx.getBean(ModelCatalog.class);
      AssignmentProblem scored = ScoredProblemReader.readQuery(ctx.getBean(SparkSessions.class).get(),
          run.scoreDir().resolve("scored"), catalog, queryId);
      AssignmentProblem ruled = ProblemSetup.apply(scored, catalog, ctx.getBean(AllotProperties.class));
      List<QueryExplanation.Option> options = new ArrayList<>();
      for (int j = 0; j < scored.optionCount(); j++) {
        String note = !scored.isAllowed(0, j) ? "no quality or cost scored" : "tenant rule (allot.tenants."
            + scored.tenant(0) + ")";
        options.add(new QueryExplanation.Option(scored.optionId(j), scored.quality(0, j), scored.costUsd(0, j),
            ruled.isAllowed(0, j), note));
      }
      System.out.print(QueryExplanation.render(runId, queryId, scored.tenant(0), scored.tokens(0), options,
          chosen.get(0), duals));
    }
    return 0;
  }
}
