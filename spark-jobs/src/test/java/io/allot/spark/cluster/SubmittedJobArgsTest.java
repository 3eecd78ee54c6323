package io.allot.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allot.spark.catalog.CatalogException;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import io.allot.spark.catalog.ModelSpec.Kind;
import io.allot.spark.testing.TestCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the app puts on the spark-submit command line is what the driver reads back. */
class SubmittedJobArgsTest {

  @Test
  void theCatalogSurvivesTheTripWithCapacitiesAndPriors() {
    ModelCatalog catalog = new ModelCatalog(List.of(
        new ModelSpec("small", Kind.LOCAL, 0.01, 0.02, 500L, null, 100, true, null),
        new ModelSpec("big", Kind.API, 1.25, 4.0, 10L, 999_999L, 900, false, 0.875)));
    assertEquals(catalog.models(), CatalogJson.decode(CatalogJson.encode(catalog)).models());
  }

  @Test
  void argumentsRoundTripIncludingRepeatedHistory() {
    SubmittedJobArgs a = new SubmittedJobArgs(SubmittedJob.SCORE, CatalogJson.encode(TestCatalog.threeModels()),
        "/runs/1/ingest/valid", "/runs/1/score", List.of("/logs/date=2026-11-18", "/logs/date=2026-11-19"),
        List.of("/outcomes/date=2026-11-19"), "1-abc");
    assertEquals(a, SubmittedJobArgs.parse(a.toArgs().toArray(String[]::new)));
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> SubmittedJobArgs.parse(new String[] {"--jobb", "ingest"}));
    assertTrue(unknown.getMessage().contains("--jobb"), unknown.getMessage());
    IllegalArgumentException job = assertThrows(IllegalArgumentException.class, () -> SubmittedJobArgs.parse(
        new String[] {"--job", "train", "--catalog", "x", "--input", "i", "--output", "o", "--token", "t"}));
    assertTrue(job.getMessage().contains("'train'"), job.getMessage());
    assertThrows(CatalogException.class, () -> CatalogJson.decode("not base64!"));
  }
}
