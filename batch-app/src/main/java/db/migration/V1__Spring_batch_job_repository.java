package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the Spring Batch 5.2 job repository from the DDL that ships inside spring-batch-core,
 * so the schema always matches the library version on the classpath instead of a hand copy.
 */
public class V1__Spring_batch_job_repository extends BaseJavaMigration {
  static final String SCRIPT = "org/springframework/batch/core/schema-postgresql.sql";

  @Override
  public void migrate(Context context) throws Exception {
    String ddl = readScript();
    try (Statement st = context.getConnection().createStatement()) {
      for (String sql : ddl.split(";")) {
        String stmt = stripComments(sql);
        if (!stmt.isBlank()) {
          st.execute(stmt);
        }
      }
    }
  }

  private static String readScript() throws IOException {
    try (InputStream in = V1__Spring_batch_job_repository.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is not on the classpath: is spring-batch-core missing?");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String stripComments(String sql) {
    StringBuilder out = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.trim().startsWith("--")) {
        out.append(line).append('\n');
      }
    }
    return out.toString().trim();
  }
}
