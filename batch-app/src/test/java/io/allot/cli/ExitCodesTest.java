package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.config.SettingException;
import io.allot.run.RunLock;
import io.allot.spark.ingest.InputFormatException;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A scheduler tells failures apart by the exit code: 2 input, 3 settings, 4 infrastructure, 5 lock held. */
class ExitCodesTest {

  @Test
  void eachFailureClassHasItsCodeWhereverItSitsInTheCauseChain() {
    assertThat(ExitCodes.of(new IllegalArgumentException("budget 'lots' is neither"))).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(ExitCodes.of(new IllegalStateException("step ingest failed",
        new InputFormatException("12 of 100 records rejected")))).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(ExitCodes.of(new RuntimeException("context failed", new SettingException("allot.spark.master is 'x'"))))
        .isEqualTo(ExitCodes.BAD_CONFIGURATION);
    assertThat(ExitCodes.of(new IllegalStateException("cannot take the run lock",
        new SQLException("refused", "08001")))).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(ExitCodes.of(new RuntimeException(new ConnectException("Connection refused"))))
        .isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(ExitCodes.of(new RuntimeException(new SQLTransientConnectionException("pool", "08003"))))
        .isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(ExitCodes.of(new RunLock.RunAlreadyInProgressException("another Allot run")))
        .isEqualTo(ExitCodes.LOCK_HELD);
    assertThat(ExitCodes.of(new IllegalStateException("solver crashed"))).isEqualTo(ExitCodes.FAILED);
    // A job's second failure is attached as suppressed (JobRunner.failure): it still counts.
    RuntimeException job = new RuntimeException("run failed", new IllegalStateException("x"));
    job.addSuppressed(new SQLException("terminated", "57P01"));
    assertThat(ExitCodes.of(job)).isEqualTo(ExitCodes.INFRASTRUCTURE);
  }

  @Test
  void yesterdayIsTheNightThatEndedAndAnIsoDateIsUnchanged() {
    RunDateCheck.Converter c = new RunDateCheck.Converter();
    assertThat(c.convert("yesterday")).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(1));
    assertThat(c.convert("2026-11-20")).isEqualTo(LocalDate.parse("2026-11-20"));
    CommandLine cli = AllotMain.commandLine();
    RunCommand run = (RunCommand) cli.getSubcommands().get("run").getCommandSpec().userObject();
    cli.parseArgs("run", "--date", "yesterday");
    assertThat(run.date).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(1));
  }

  @Test
  void aDateWhoseRunLockIsHeldExitsWithTheLockCodeAndNamesTheHolder() throws Exception {
    LocalDate date = LocalDate.parse("2026-10-02");
    String url = TestDatabase.freshDatabase("exitlock");
    try (Connection holder = DriverManager.getConnection(url, "postgres", "");
         Statement st = holder.createStatement()) {
      st.execute("SELECT set_config('application_name', 'allot run " + date + " (pid 1)', false)");
      st.execute("SELECT pg_advisory_lock(" + 0x416C + ", " + date.toEpochDay() + ")");
      CommandLine cli = AllotMain.commandLine();
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err, true));
      cli.setOut(new PrintWriter(new StringWriter(), true));
      int code = cli.execute("run", "--date", date.toString(), "--set", "allot.db.url=" + url,
          "--set", "allot.db.user=postgres", "--set", "allot.work-dir=" + JobFixture.tempDir("exitlock-work"));
      assertThat(code).isEqualTo(ExitCodes.LOCK_HELD);
      assertThat(err.toString()).contains("another Allot run for " + date + " is in progress")
          .contains("allot run " + date + " (pid 1)").doesNotContain("\tat ");
    }
  }
}
