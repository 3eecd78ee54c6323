package io.allot.spark.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
  private static final String GOOD = """
      models:
        - {id: small, kind: local, price_per_1k_input: 0.0001, price_per_1k_output: 0.0002, latency_ms: 100,
           small_tier: true, capacity: {queries: 10}}
        - {id: big, kind: api, price_per_1k_input: 0.003, price_per_1k_output: 0.015, latency_ms: 900}
      """;

  private static ModelCatalog parse(String yaml) throws Exception {
    return ModelCatalog.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml), "models.yml");
  }

  private static String error(String yaml) {
    return assertThrows(CatalogException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void readsModelsInFileOrderWithCostAndCapacity() throws Exception {
    ModelCatalog c = parse(GOOD);
    assertEquals(2, c.size());
    assertEquals(0, c.indexOf("small"));
    assertEquals(1, c.indexOf("big"));
    assertEquals(-1, c.indexOf("nope"));
    assertEquals("small", c.smallTierModel().orElseThrow().id());
    assertEquals(10L, c.get(0).queryCapacity().getAsLong());
    assertTrue(c.get(1).queryCapacity().isEmpty());
    // 812 prompt tokens and 12 output tokens at $0.003 / $0.015 per 1k
    assertEquals(812 / 1000.0 * 0.003 + 12 / 1000.0 * 0.015, c.get(1).costUsd(812, 12), 1e-15);
  }

  @Test
  void loadsTheShippedCatalog() {
    ModelCatalog c = ModelCatalog.load(Path.of("../conf/models.yml"));
    assertTrue(c.size() >= 6);
    assertTrue(c.smallTierModel().isPresent());
  }

  @Test
  void namesTheModelAndFieldThatIsWrong() {
    assertTrue(error(GOOD.replace("kind: api", "kind: cloud")).contains("model 'big': kind must be 'api' or 'local'"));
    assertTrue(error(GOOD.replace("price_per_1k_input: 0.003", "price_per_1k_input: -1"))
        .contains("model 'big': field 'price_per_1k_input' must be >= 0"));
    assertTrue(error(GOOD.replace("capacity: {queries: 10}", "capacity: {queries: 0}"))
        .contains("capacity.queries must be a positive integer"));
    assertTrue(error(GOOD.replace("capacity: {queries: 10}", "capacity: {gpus: 3}")).contains("capacity.gpus is unknown"));
    assertTrue(error(GOOD.replace("latency_ms: 900", "latency_ms: 900, colour: red")).contains("unknown field 'colour'"));
    assertTrue(error(GOOD.replace("id: big", "id: small")).contains("'small' appears twice"));
    assertTrue(error(GOOD.replace("latency_ms: 900}", "latency_ms: 900, small_tier: true}"))
        .contains("more than one model has small_tier"));
    assertTrue(error(GOOD.replace("{id: big,", "{")).contains("model #2: field 'id' is missing"));
    assertTrue(error("models: 3").contains("expected a top-level 'models:' list"));
  }

  @Test
  void aMissingFileIsNamed() {
    String msg = assertThrows(CatalogException.class, () -> ModelCatalog.load(Path.of("no/such/models.yml"))).getMessage();
    assertTrue(msg.contains("no/such/models.yml"), msg);
  }

  @Test
  void priorQualityMustBeAProbability() throws Exception {
    assertTrue(error(GOOD.replace("latency_ms: 900}", "latency_ms: 900, prior_quality: 1.5}"))
        .contains("prior_quality must be a number in [0,1]"));
    Path tmp = Files.createTempFile(Path.of("target"), "models", ".yml");
    Files.writeString(tmp, GOOD.replace("latency_ms: 900}", "latency_ms: 900, prior_quality: 0.8}"));
    assertEquals(0.8, ModelCatalog.load(tmp).get(1).prior().getAsDouble(), 0);
  }
}
