package io.allot.spark.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The LLM catalog. Model order is the file's order and is the option index used everywhere
 * (scored Parquet arrays, solver options), so it must not be re-sorted.
 */
public final class ModelCatalog implements Serializable {
  private static final Set<String> KNOWN_FIELDS = Set.of("id", "kind", "price_per_1k_input",
      "price_per_1k_output", "capacity", "latency_ms", "small_tier", "prior_quality");

  private final List<ModelSpec> models;
  private final Map<String, Integer> indexById;

  public ModelCatalog(List<ModelSpec> models) {
    if (models.isEmpty()) {
      throw new CatalogException("the model catalog is empty: add at least one model");
    }
    this.models = List.copyOf(models);
    Map<String, Integer> idx = new LinkedHashMap<>();
    for (int i = 0; i < models.size(); i++) {
      if (idx.put(models.get(i).id(), i) != null) {
        throw new CatalogException("model '" + models.get(i).id() + "' appears twice in the catalog");
      }
    }
    this.indexById = idx;
    long small = models.stream().filter(ModelSpec::smallTier).count();
    if (small > 1) {
      throw new CatalogException("more than one model has small_tier: true; exactly one small first-tier model is allowed");
    }
  }

  public static ModelCatalog load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new CatalogException("cannot read model catalog " + file + ": " + e.getMessage());
    }
    return parse(root, file.toString());
  }

  public static ModelCatalog parse(JsonNode root, String source) {
    if (root == null || !root.path("models").isArray()) {
      throw new CatalogException(source + ": expected a top-level 'models:' list");
    }
    List<ModelSpec> specs = new ArrayList<>();
    int position = 0;
    for (JsonNode m : root.path("models")) {
      position++;
      String where = source + ": model #" + position;
      String id = text(m, "id", where);
      where = source + ": model '" + id + "'";
      for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!KNOWN_FIELDS.contains(f)) {
          throw new CatalogException(where + ": unknown field '" + f + "' (known: " + KNOWN_FIELDS + ")");
        }
      }
      ModelSpec.Kind kind = switch (text(m, "kind", where)) {
        case "api" -> ModelSpec.Kind.API;
        case "local" -> ModelSpec.Kind.LOCAL;
        default -> throw new CatalogException(where + ": kind must be 'api' or 'local', got '" + m.path("kind").asText() + "'");
      };
      double in = nonNegative(m, "price_per_1k_input", where);
      double out = nonNegative(m, "price_per_1k_output", where);
      Long capQ = null;
      Long capT = null;
      JsonNode cap = m.get("capacity");
      if (cap != null && !cap.isNull()) {
        if (!cap.isObject()) {
          throw new CatalogException(where + ": capacity must be a map like {queries: 100000} or {tokens: 5000000}");
        }
        for (Iterator<String> it = cap.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          if (!f.equals("queries") && !f.equals("tokens")) {
            throw new CatalogException(where + ": capacity." + f + " is unknown; use queries or tokens");
          }
        }
        capQ = positiveLong(cap, "queries", where + ": capacity");
        capT = positiveLong(cap, "tokens", where + ": capacity");
      }
      int latency = (int) nonNegative(m, "latency_ms", where);
      JsonNode small = m.get("small_tier");
      if (small != null && !small.isBoolean()) {
        throw new CatalogException(where + ": small_tier must be true or false");
      }
      Double prior = null;
      JsonNode p = m.get("prior_quality");
      if (p != null && !p.isNull()) {
        if (!p.isNumber() || p.asDouble() < 0 || p.asDouble() > 1) {
          throw new CatalogException(where + ": prior_quality must be a number in [0,1], got '" + p.asText() + "'");
        }
        prior = p.asDouble();
      }
      specs.add(new ModelSpec(id, kind, in, out, capQ, capT, latency, small != null && small.asBoolean(), prior));
    }
    return new ModelCatalog(specs);
  }

  private static String text(JsonNode m, String field, String where) {
    JsonNode v = m.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new CatalogException(where + ": field '" + field + "' is missing or not a non-empty string");
    }
    return v.asText();
  }

  private static double nonNegative(JsonNode m, String field, String where) {
    JsonNode v = m.get(field);
    if (v == null || !v.isNumber()) {
      throw new CatalogException(where + ": field '" + field + "' is missing or not a number");
    }
    double d = v.asDouble();
    if (!Double.isFinite(d) || d < 0) {
      throw new CatalogException(where + ": field '" + field + "' must be >= 0, got " + v.asText());
    }
    return d;
  }

  private static Long positiveLong(JsonNode m, String field, String where) {
    JsonNode v = m.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() <= 0) {
      throw new CatalogException(where + "." + field + " must be a positive integer, got '" + v.asText() + "'");
    }
    return v.asLong();
  }

  public List<ModelSpec> models() {
    return models;
  }

  public int size() {
    return models.size();
  }

  public ModelSpec get(int index) {
    return models.get(index);
  }

  /** Position of the model in the catalog, or -1 when unknown. */
  public int indexOf(String modelId) {
    Integer i = indexById.get(modelId);
    return i == null ? -1 : i;
  }

  public boolean contains(String modelId) {
    return indexById.containsKey(modelId);
  }

  public Optional<ModelSpec> smallTierModel() {
    return models.stream().filter(ModelSpec::smallTier).findFirst();
  }

  public List<String> ids() {
    return models.stream().map(ModelSpec::id).toList();
  }
}
