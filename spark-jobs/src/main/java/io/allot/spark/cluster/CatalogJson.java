package io.allot.spark.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allot.spark.catalog.CatalogException;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The catalog as an argument of a submitted job: the models.yml fields as JSON, Base64 so that
 * no shell or cluster manager re-quotes it. The driver may run on a node that has no conf/, so
 * the catalog travels with the submission and is validated again by {@link ModelCatalog#parse}.
 */
public final class CatalogJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CatalogJson() {}

  public static String encode(ModelCatalog catalog) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode models = root.putArray("models");
    for (ModelSpec m : catalog.models()) {
      ObjectNode n = models.addObject();
      n.put("id", m.id());
      n.put("kind", m.kind() == ModelSpec.Kind.API ? "api" : "local");
      n.put("price_per_1k_input", m.pricePer1kInput());
      n.put("price_per_1k_output", m.pricePer1kOutput());
      if (m.capacityQueries() != null || m.capacityTokens() != null) {
        ObjectNode cap = n.putObject("capacity");
        if (m.capacityQueries() != null) {
          cap.put("queries", m.capacityQueries());
        }
        if (m.capacityTokens() != null) {
          cap.put("tokens", m.capacityTokens());
        }
      }
      n.put("latency_ms", m.latencyMs());
      n.put("small_tier", m.smallTier());
      if (m.priorQuality() != null) {
        n.put("prior_quality", m.priorQuality());
      }
    }
    return Base64.getEncoder().encodeToString(root.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #encode}'s form, or {@code @/path/models.yml} for a catalog file the driver can read (hand submits). */
  public static ModelCatalog decode(String encoded) {
    if (encoded.startsWith("@")) {
      return ModelCatalog.load(Path.of(encoded.substring(1)));
    }
    try {
      String json = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      return ModelCatalog.parse(JSON.readTree(json), "submitted catalog");
    } catch (IllegalArgumentException | IOException e) {
      throw new CatalogException("the submitted catalog argument is not Base64 JSON: " + e.getMessage());
    }
  }
}
