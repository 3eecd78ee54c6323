package io.allot.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
  @TempDir(factory = TargetTempDirs.class)
  Path tmp;

  private GeneratorSettings settings(String dir) {
    return GeneratorSettings.defaults(tmp.resolve(dir), 3000, 7, TestData.DATE)
        .withHistoryQueriesPerNight(1000).withBadRecordFraction(0.02);
  }

  @Test
  void sameSettingsGiveIdenticalBytes() throws IOException {
    DemoDataGenerator.generate(settings("a"), TestData.catalog(), ProgressListener.NONE);
    DemoDataGenerator.generate(settings("b"), TestData.catalog(), ProgressListener.NONE);

    List<Path> files = files(tmp.resolve("a"));
    assertThat(files).hasSize(5);
    assertThat(files(tmp.resolve("b"))).isEqualTo(files);
    for (Path f : files) {
      assertThat(Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f)))
          .as(f.toString()).isEqualTo(-1L);
    }
  }

  @Test
  void otherSeedGivesOtherData() throws IOException {
    DemoDataGenerator.generate(settings("a"), TestData.catalog(), ProgressListener.NONE);
    DemoDataGenerator.generate(settings("c").withSeed(8), TestData.catalog(), ProgressListener.NONE);
    Path log = Path.of(DemoDataGenerator.queryLogPath(TestData.DATE));
    assertThat(Files.mismatch(tmp.resolve("a").resolve(log), tmp.resolve("c").resolve(log)))
        .isNotEqualTo(-1L);
  }

  /** A night's content depends on its date and size only, so K and F can change without reshuffling it. */
  @Test
  void finalNightIgnoresHistoryAndLabelShare() throws IOException {
    DemoDataGenerator.generate(settings("a"), TestData.catalog(), ProgressListener.NONE);
    DemoDataGenerator.generate(settings("d").withNights(1).withLabelFraction(0.5),
        TestData.catalog(), ProgressListener.NONE);
    Path log = Path.of(DemoDataGenerator.queryLogPath(TestData.DATE));
    assertThat(Files.mismatch(tmp.resolve("a").resolve(log), tmp.resolve("d").resolve(log)))
        .isEqualTo(-1L);
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
