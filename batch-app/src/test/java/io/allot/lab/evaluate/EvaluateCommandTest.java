package io.allot.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.cli.AllotMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to ./allot evaluate ends in one line naming the problem, before anything is trained. */
class EvaluateCommandTest {
  @TempDir Path tmp;

  private static String run(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(AllotMain.execute(args)).isNotZero();
    } finally {
      System.setErr(old);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownFormat() throws Exception {
    Path f = Files.writeString(tmp.resolve("d.csv"), ",content,a,a_cost\n0,x,1,0.1\n");
    String err = run("evaluate", "--data", f.toString(), "--format", "csv");
    assertThat(err).contains("allot: error: unknown --format 'csv'").doesNotContain("\tat ");
  }

  @Test
  void missingColumn() throws Exception {
    Path f = Files.writeString(tmp.resolve("d.csv"), ",query,a,a_cost\n0,x,1,0.1\n");
    String err = run("evaluate", "--data", f.toString(), "--format", "optllm");
    assertThat(err).contains("has no column 'content'").doesNotContain("\tat ");
  }

  @Test
  void badPredictorSettingIsNamed() throws Exception {
    Path f = Files.writeString(tmp.resolve("d.csv"), ",content,a,a_cost\n0,x,1,0.1\n");
    String err = run("evaluate", "--data", f.toString(), "--format", "optllm",
        "--set", "allot.predictor.max-iter=abc");
    assertThat(err).contains("setting allot.predictor.max-iter = 'abc' is not valid")
        .doesNotContain("\tat ");
  }
}
