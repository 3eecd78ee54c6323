package io.allot.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (zonky embedded binaries), with a fresh database per
 * caller so test classes cannot see each other's rows.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabase() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
          } catch (IOException ignored) {
            // the JVM is exiting
          }
        }));
      } catch (IOException e) {
        throw new IllegalStateException("cannot start embedded PostgreSQL for tests", e);
      }
    }
    return server;
  }

  /** Creates an empty database and returns its JDBC url (user postgres, no password). */
  public static String freshDatabase(String prefix) {
    String name = (prefix + "_" + COUNTER.incrementAndGet()).toLowerCase();
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  public static int port() {
    return server().getPort();
  }
}
