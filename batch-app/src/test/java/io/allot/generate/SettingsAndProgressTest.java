package io.allot.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsAndProgressTest {
  @TempDir(factory = TargetTempDirs.class)
  Path tmp;

  @Test
  void defaultsFollowTheBrief() {
    GeneratorSettings s = GeneratorSettings.defaults(tmp, 80_000, 1, TestData.DATE);
    assertThat(s.nights()).isEqualTo(2);
    assertThat(s.historyQueriesPerNight()).isEqualTo(50_000);
    assertThat(s.labelFraction()).isEqualTo(0.25);
    assertThat(s.badRecordFraction()).isZero();
    assertThat(GeneratorSettings.defaults(tmp, 300, 1, TestData.DATE).historyQueriesPerNight()).isEqualTo(300);
    assertThat(s.withNights(3).nightDates())
        .containsExactly(TestData.DATE.minusDays(2), TestData.DATE.minusDays(1), TestData.DATE);
    assertThat(s.totalQueries()).isEqualTo(130_000);
  }

  @Test
  void rejectsNonsenseWithAClearMessage() {
    GeneratorSettings s = GeneratorSettings.defaults(tmp, 10, 1, TestData.DATE);
    assertThatThrownBy(() -> s.withLabelFraction(1.5)).hasMessageContaining("label fraction");
    assertThatThrownBy(() -> s.withBadRecordFraction(Double.NaN)).hasMessageContaining("bad-record");
    assertThatThrownBy(() -> s.withNights(0)).hasMessageContaining("nights");
    assertThatThrownBy(() -> GeneratorSettings.defaults(tmp, 0, 1, TestData.DATE)).hasMessageContaining("queries");
  }

  @Test
  void catalogWithoutSmallModelIsRefused() {
    ModelCatalog big = new ModelCatalog(List.of(
        new ModelSpec("big", ModelSpec.Kind.API, 0.001, 0.002, null, null, 500, false, null)));
    assertThatThrownBy(() -> DemoDataGenerator.generate(GeneratorSettings.defaults(tmp, 10, 1, TestData.DATE),
        big, ProgressListener.NONE)).hasMessageContaining("small_tier");
  }

  @Test
  void reportsProgressAtTheIntervalAndAtTheEnd() {
    List<long[]> calls = new ArrayList<>();
    GeneratorSettings s = GeneratorSettings.defaults(tmp, 1500, 1, TestData.DATE).withHistoryQueriesPerNight(1000);
    DemoDataGenerator.generate(s, TestData.catalog(), (w, t, e) -> {
      assertThat(e.isNegative()).isFalse();
      calls.add(new long[] {w, t});
    }, 1000);
    assertThat(calls).extracting(c -> c[0]).containsExactly(1000L, 2000L, 2500L);
    assertThat(calls).extracting(c -> c[1]).containsOnly(2500L);
    assertThat(ProgressListener.remaining(1000, 3000, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void twoModelCatalogStillWorks() {
    ModelCatalog tiny = new ModelCatalog(List.of(
        new ModelSpec("small", ModelSpec.Kind.LOCAL, 0.00002, 0.00006, null, null, 100, true, null),
        new ModelSpec("big", ModelSpec.Kind.API, 0.003, 0.015, null, null, 900, false, null)));
    GeneratedSummary sum = DemoDataGenerator.generate(
        GeneratorSettings.defaults(tmp, 2000, 1, TestData.DATE).withNights(1), tiny, ProgressListener.NONE);
    assertThat(sum.model("big").accuracy()).isGreaterThan(sum.model("small").accuracy());
  }
}
