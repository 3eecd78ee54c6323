package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.testing.JobFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad command lines and settings end in one line that names what is wrong, never a stack trace. */
class CliErrorsTest {

  private record Outcome(int code, String err) {}

  private static Outcome run(String... args) {
    CommandLine cli = AllotMain.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int code = cli.execute(args);
    return new Outcome(code, err.toString());
  }

  @Test
  void aMalformedDateNamesTheOption() {
    Outcome o = run("run", "--date", "last-night");
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains("--date").contains("last-night").contains("expected YYYY-MM-DD or yesterday").doesNotContain("\tat ");
  }

  @Test
  void aBadBudgetIsRejectedBeforeAnythingStarts() {
    Outcome o = run("run", "--date", "2026-11-20", "--budget", "lots");
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains("budget 'lots' is neither a dollar amount").doesNotContain("\tat ");
  }

  @Test
  void aShareAbove100PercentIsRejected() {
    assertThat(run("run", "--date", "2026-11-20", "--budget", "140%").err()).contains("between 0% and 100%");
  }

  @Test
  void benchIngestRefusesBadRepeatsAndThreadsNamingTheValue() {
    Outcome repeats = run("bench-ingest", "--log", "work/none", "--repeats", "0");
    assertThat(repeats.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(repeats.err()).contains("--repeats is 0; it must be at least 1").doesNotContain("\tat ");
    Outcome threads = run("bench-ingest", "--log", "work/none", "--threads", "-2");
    assertThat(threads.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(threads.err()).contains("--threads is -2").doesNotContain("\tat ");
  }

  @Test
  void aSetWithoutValueIsExplained() {
    Outcome o = run("sql", "SELECT 1", "--set", "allot.db.url");
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
    assertThat(o.err()).contains("--set allot.db.url: expected KEY=VALUE");
  }

  @Test
  void anUnreachableDatabaseNamesTheSetting() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Outcome o = run("sql", "SELECT 1", "--set", "allot.db.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/allot",
        "--set", "allot.work-dir=" + JobFixture.tempDir("cli-unreachable"));
    assertThat(o.code()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(o.err()).contains("cannot connect to PostgreSQL").contains("allot.db.url").doesNotContain("\tat ");
  }

  @Test
  void sqlRunsOneStatement() {
    Outcome o = run("sql", "COMMIT; DELETE FROM llm_model", "--set", "allot.work-dir=" + JobFixture.tempDir("cli-work"));
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains("the query has 2 statements").doesNotContain("\tat ");
  }

  @Test
  void aPasswordOnTheCommandLineIsRefusedWithoutEchoingIt() {
    for (String key : new String[] {"allot.db.password", "allot.db.PASSWORD", "ALLOT_DB_PASSWORD", "allot.db.pass-word"}) {
      Outcome o = run("sql", "SELECT 1", "--set", key + "=hunter2-secret");
      assertThat(o.code()).as(key).isEqualTo(ExitCodes.BAD_CONFIGURATION);
      assertThat(o.err()).as(key).contains("--set " + key + " is refused").contains("ALLOT_DB_PASSWORD")
          .doesNotContain("hunter2-secret").doesNotContain("\tat ");
    }
  }

  @Test
  void aDateAfterTodayIsRefusedUnlessAllowed() {
    String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    Outcome o = run("run", "--date", tomorrow);
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains("--date " + tomorrow + " is after today").contains("--allow-future-date")
        .doesNotContain("\tat ");
    // With the flag the date passes and the next check (the budget) speaks.
    Outcome allowed = run("run", "--date", tomorrow, "--allow-future-date", "--budget", "lots");
    assertThat(allowed.err()).contains("budget 'lots'").doesNotContain("is after today");
  }

  @Test
  void generatorSettingsAreChecked() {
    Outcome o = run("generate", "--queries", "0", "--out", JobFixture.tempDir("gen").toString());
    assertThat(o.err()).contains("queries must be at least 1");
  }

  @Test
  void aSettingOfTheWrongTypeIsNamedWithItsValue() {
    Outcome o = run("sql", "SELECT 1", "--set", "allot.predictor.cross-model=maybe",
        "--set", "allot.work-dir=" + JobFixture.tempDir("cli-bad-type"));
    assertThat(o.code()).isNotZero();
    assertThat(o.err()).contains("allot: error: setting allot.predictor.cross-model is 'maybe': "
        + "Invalid boolean value 'maybe'").doesNotContain("\tat ");
  }
}
