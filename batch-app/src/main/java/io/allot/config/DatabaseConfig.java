package io.allot.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * One DataSource for the job repository and Allot's tables: the configured PostgreSQL
 * (allot.db.url, credentials from the environment) or, when none is set, the embedded one.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

  @Bean(destroyMethod = "close")
  EmbeddedDatabaseHolder embeddedDatabase(AllotProperties props) {
    if (!props.db().isEmbedded()) {
      return new EmbeddedDatabaseHolder(null);
    }
    return new EmbeddedDatabaseHolder(EmbeddedDatabase.start(
        AllotHome.path(props.db().embedded().dataDir()), props.db().embedded().port()));
  }

  @Bean(destroyMethod = "close")
  @Primary
  HikariDataSource dataSource(AllotProperties props, EmbeddedDatabaseHolder embedded, ConfigurableEnvironment env) {
    HikariConfig cfg = new HikariConfig();
    if (embedded.database() != null) {
      cfg.setJdbcUrl(embedded.database().jdbcUrl());
      cfg.setUsername(embedded.database().user());
    } else {
      cfg.setJdbcUrl(props.db().url());
      cfg.setUsername(props.db().user());
      cfg.setPassword(DatabaseSecrets.password(props.db(), env));
    }
    cfg.setPoolName("allot");
    cfg.setMaximumPoolSize(8);
    cfg.setConnectionTimeout(30_000);
    cfg.addDataSourceProperty("ApplicationName", "allot");
    cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(cfg);
  }

  /** Lets the DataSource depend on the embedded server, which may be absent. */
  public record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {
    @Override
    public void close() {
      if (database != null) {
        database.close();
      }
    }
  }

}
