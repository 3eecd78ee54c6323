package io.allot.solve;

import io.allot.testing.DriverOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allot.cli.AllotMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@DriverOnly
class HeapEstimateTest {

  @Test
  void aNightLargerThanTheHeapStopsWithOneLineNamingTheSetting() {
    assertThatThrownBy(() -> HeapEstimate.check(1_000_000, 8, 64L << 20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1,000,000 queries x 8 options")
        .hasMessageContaining("ALLOT_JAVA_OPTS=-Xmx2g")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aNightThatFitsPasses() {
    HeapEstimate.check(1_000_000, 8, 8L << 30);
    assertThat(HeapEstimate.bytes(1_000_000, 8)).isBetween(800L << 20, 1200L << 20);
  }

  @Test
  void benchSolverUnderATinyMaxHeapNamesTheSettingInsteadOfRunningOutOfMemory() throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), AllotMain.class.getName(),
        "bench-solver", "--queries", "2000000", "--models", "8", "--repeats", "1", "--cold-seconds", "0");
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = read(child);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("allot: error: 2,000,000 queries x 8 options need about")
        .contains("set ALLOT_JAVA_OPTS=-Xmx").doesNotContain("OutOfMemoryError");
  }

  private static String read(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
