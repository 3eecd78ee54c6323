package io.allot.spark.testing;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import io.allot.spark.catalog.ModelSpec.Kind;
import java.util.List;

/** A three-model catalog with round prices so expected costs can be computed by hand. */
public final class TestCatalog {
  public static final String SMALL = "small-8b";
  public static final String MID = "mid";
  public static final String BIG = "big";

  private TestCatalog() {}

  public static ModelCatalog threeModels() {
    return new ModelCatalog(List.of(
        new ModelSpec(SMALL, Kind.LOCAL, 0.01, 0.02, null, null, 100, true, null),
        new ModelSpec(MID, Kind.API, 0.1, 0.2, null, null, 500, false, null),
        new ModelSpec(BIG, Kind.API, 1.0, 4.0, null, null, 900, false, 0.9)));
  }
}
