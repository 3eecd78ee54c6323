package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.testing.JobFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** ./allot bandit-sim: its JSON, CSV and chart, and one-line errors for bad arguments. */
class BanditSimCliTest {

  private static String[] run(String... args) {
    CommandLine cli = AllotMain.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new String[] {String.valueOf(code), err.toString()};
  }

  @Test
  void writesTheJsonSummaryTheCsvAndTheChart() throws Exception {
    Path out = JobFixture.tempDir("bandit-sim");
    Path json = out.resolve("sim.json");
    String[] r = run("bandit-sim", "--scenario", "crossing", "--horizon", "2000", "--seeds", "3", "--json",
        json.toString(), "--out", out.toString(), "--slope-confidence", "0.7");
    assertThat(r[0]).as(r[1]).isEqualTo("0");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.path("scenario").asText()).isEqualTo("crossing");
    assertThat(root.path("horizon").asLong()).isEqualTo(2000);
    assertThat(root.path("seeds").asInt()).isEqualTo(3);
    for (String p : List.of("TI-UCB", "UCB1", "SW-UCB", "R-ed-UCB", "eps-greedy")) {
      JsonNode policy = root.path("policies").path(p);
      assertThat(policy.path("median_regret").isNumber()).as(p).isTrue();
      assertThat(policy.path("iqr").size()).as(p).isEqualTo(2);
      assertThat(policy.path("iqr").get(0).asDouble()).isLessThanOrEqualTo(policy.path("median_regret").asDouble());
      assertThat(policy.path("iqr").get(1).asDouble()).isGreaterThanOrEqualTo(policy.path("median_regret").asDouble());
    }
    assertThat(root.path("ti_ucb").path("slope_confidence").asDouble()).isEqualTo(0.7);
    assertThat(root.path("ti_ucb").path("c").asDouble()).isEqualTo(1.0);
    assertThat(root.path("ti_ucb").path("convergence_points").get(0).path("true_convergence_pull").asLong())
        .isEqualTo(100);
    List<String> csv = Files.readAllLines(out.resolve("crossing-T2000-K3.csv"));
    assertThat(csv.get(0)).startsWith("scenario,horizon,seeds,policy,round,median_regret");
    assertThat(csv).hasSize(1 + 5 * 100);
    assertThat(Files.readString(out.resolve("crossing-T2000-K3.html"))).contains("<svg").contains("TI-UCB");
  }

  @Test
  void badArgumentsGiveOneLine() {
    String[] unknown = run("bandit-sim", "--scenario", "sideways", "--horizon", "1000", "--seeds", "2");
    assertThat(unknown[0]).isEqualTo("2");  // bad input (README, "Exit codes")
    assertThat(unknown[1]).contains("unknown scenario 'sideways'; known: saturation").doesNotContain("\tat ");
    assertThat(unknown[1].lines().filter(l -> l.startsWith("allot: error:")).count()).isEqualTo(1);
    assertThat(run("bandit-sim", "--scenario", "crossing", "--horizon", "lots", "--seeds", "2")[1])
        .contains("--horizon is 'lots'; expected a whole number");
    assertThat(run("bandit-sim", "--scenario", "crossing", "--horizon", "1000", "--seeds", "0")[1])
        .contains("--seeds is 0; it must be at least 1");
    assertThat(run("bandit-sim", "--scenario", "crossing", "--horizon", "1000")[1]).contains("--seeds is required");
    assertThat(run("bandit-sim", "--scenario", "crossing", "--horizon", "1000", "--seeds", "2", "--window", "7")[1])
        .contains("TI-UCB window is 7; it must be an even number >= 4");
    assertThat(run("bandit-sim", "--scenario", "crossing", "--horizon", "1000", "--seeds", "2", "--slope-confidence",
        "-1")[1]).contains("TI-UCB slope confidence is -1.0; it must be a number >= 0");
    assertThat(run("bandit-sim", "--scenario", "crossing", "--horizon", "1000", "--seeds", "2", "--slope-confidence",
        "high")[1]).contains("--slope-confidence is 'high'; expected a number");
  }
}
