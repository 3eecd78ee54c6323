package io.allot.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a real PostgreSQL 17 server (zonky binaries) whose data directory stays
 * on disk, so the demo's tables can still be queried after the run with {@code ./allot sql}.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  public static final String DATABASE = "allot";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  public static EmbeddedDatabase start(Path dataDir, int port) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (Files.exists(pidFile)) {
      String pid = firstLine(pidFile);
      if (pid != null && ProcessHandle.of(parsePid(pid)).map(ProcessHandle::isAlive).orElse(false)) {
        throw new IllegalStateException("the embedded PostgreSQL data directory " + dataDir
            + " is in use by a running server (pid " + pid + "); wait for the other Allot command"
            + " to finish, or set allot.db.embedded.data-dir to another folder");
      }
    }
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setServerConfig("max_connections", "200")
          .setServerConfig("max_wal_size", "2GB")
          .setOutputRedirector(java.lang.ProcessBuilder.Redirect.DISCARD)
          .setErrorRedirector(java.lang.ProcessBuilder.Redirect.DISCARD);
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres pg = builder.start();
      EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDir);
      db.createDatabaseIfMissing();
      log.info("embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDir);
      return db;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private void createDatabaseIfMissing() {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
      if (!rs.next()) {
        st.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", DATABASE);
  }

  public String user() {
    return "postgres";
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private static String firstLine(Path p) {
    try {
      return Files.readAllLines(p).stream().findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static long parsePid(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
