package io.allot.cli;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.solve.AssignmentProblem;
import io.allot.solve.DualPriceRepository;
import io.allot.solve.DualPriceRow;
import io.allot.solve.NightProblem;
import io.allot.solve.NightRules;
import io.allot.solve.QueryExplanation;
import io.allot.solve.SelectLlmProperties;
import io.allot.solve.SolveOutputs;
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
      List<String> chosen = jdbc.queryForList(
          "SELECT coalesce(option_id, model_id) FROM assignment WHERE run_id = ? AND query_id = ?",
          String.class, runId, queryId);
      if (chosen.isEmpty()) {
        throw new IllegalArgumentException("query '" + queryId + "' has no assignment in run " + runId
            + " (unknown id, rejected at ingest, or the run was not published)");
      }
      List<DualPriceRow> duals = ctx.getBean(DualPriceRepository.class).load(runId);
      ModelCatalog catalog = ctx.getBean(ModelCatalog.class);
      // The problem as the solve step built it for this query, with the run's own subset sizes and rules.
      List<Integer> sizes = SolveOutputs.read(run.solveDir()).subsetSizes();
      NightRules rules = NightRules.read(run.folder()).orElseGet(() -> {
        System.err.println("run " + runId + " was solved before its rules were pinned (" + NightRules.FILE
            + "): showing today's allot.tenants and allot.solver.quotas");
        return NightRules.of(ctx.getBean(AllotProperties.class));
      });
      NightProblem.Built built = new NightProblem(catalog).forQuery(ctx.getBean(SparkSessions.class).get(), run,
          queryId, SelectLlmProperties.validate(sizes, catalog.size()), rules);
      AssignmentProblem scored = built.beforeRules();
      AssignmentProblem ruled = built.problem();
      List<QueryExplanation.Option> options = new ArrayList<>();
      for (int j = 0; j < scored.optionCount(); j++) {
        String note = !scored.isAllowed(0, j) ? (scored.members(j).length > 1 ? "not this query's top-"
            + scored.members(j).length + " models" : "no quality or cost scored")
            : "tenant rule (allot.tenants." + scored.tenant(0) + ")";
        List<QueryExplanation.Member> members = new ArrayList<>();
        for (int member : scored.members(j)) {
          members.add(new QueryExplanation.Member(scored.optionId(member), scored.quality(0, member),
              scored.costUsd(0, member)));
        }
        options.add(new QueryExplanation.Option(scored.optionId(j), scored.quality(0, j), scored.costUsd(0, j),
            ruled.isAllowed(0, j), note, members));
      }
      System.out.print(QueryExplanation.render(runId, queryId, scored.tenant(0), scored.tokens(0), options,
          chosen.get(0), duals));
    }
    return 0;
  }
}
