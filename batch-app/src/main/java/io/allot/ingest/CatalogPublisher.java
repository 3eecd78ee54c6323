package io.allot.ingest;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Mirrors conf/models.yml into llm_model; models that left the catalog stay, marked inactive. */
@Component
public class CatalogPublisher {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public CatalogPublisher(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  public void publish(ModelCatalog catalog) {
    tx.executeWithoutResult(status -> {
      jdbc.update("UPDATE llm_model SET active = false, updated_at = now() WHERE active");
      for (ModelSpec m : catalog.models()) {
        jdbc.update("""
            INSERT INTO llm_model (model_id, kind, price_per_1k_input, price_per_1k_output, capacity_queries,
                                   capacity_tokens, latency_ms, small_tier, active, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, true, now())
            ON CONFLICT (model_id) DO UPDATE SET kind = EXCLUDED.kind,
                price_per_1k_input = EXCLUDED.price_per_1k_input, price_per_1k_output = EXCLUDED.price_per_1k_output,
                capacity_queries = EXCLUDED.capacity_queries, capacity_tokens = EXCLUDED.capacity_tokens,
                latency_ms = EXCLUDED.latency_ms, small_tier = EXCLUDED.small_tier, active = true,
                updated_at = now()""",
            m.id(), m.kind().name().toLowerCase(), m.pricePer1kInput(), m.pricePer1kOutput(), m.capacityQueries(),
            m.capacityTokens(), m.latencyMs(), m.smallTier());
      }
    });
  }
}
