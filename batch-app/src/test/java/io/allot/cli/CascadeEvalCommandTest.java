package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.testing.JobFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** cascade-eval's bad inputs end in one line naming the option, before Spark starts. */
class CascadeEvalCommandTest {

  private static String err(String... args) {
    CommandLine cli = AllotMain.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(cli.execute(args)).isNotZero();
    assertThat(err.toString()).doesNotContain("\tat ");
    return err.toString();
  }

  private static String[] args(Path root, String... extra) {
    String[] base = {"cascade-eval", "--log-root", root.resolve("logs").toString(), "--outcomes-root",
        root.resolve("outcomes").toString(), "--date", "2026-11-20"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void badSettingsAreNamed() throws Exception {
    Path root = JobFixture.tempDir("cascade-eval-cli");
    Files.createDirectories(root.resolve("logs/date=2026-11-20"));
    assertThat(err(args(root, "--calibration", "magic"))).contains("allot.cascade.calibration is 'magic'");
    assertThat(err(args(root, "--without-margin", "drop"))).contains("allot.cascade.without-margin is 'drop'");
    assertThat(err(args(root, "--budgets", "5%,lots"))).contains("--budgets entry 'lots'");
    assertThat(err(args(root, "--budgets", "150%"))).contains("between 0% and 100%");
    assertThat(err(args(root))).contains("--outcomes-root has no partition");
    assertThat(err(args(root.resolve("nowhere")))).contains("--log-root has no partition");
  }
}
