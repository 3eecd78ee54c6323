package io.allot.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code allot db-roles}: lets allot_writer and allot_reader log in, with passwords taken from
 * ALLOT_WRITER_PASSWORD and ALLOT_READER_PASSWORD, and creates allot_sql (the role of ./allot sql)
 * with ALLOT_SQL_PASSWORD. Run it once as a user with CREATEROLE.
 */
@Command(name = "db-roles", description = "Give allot_writer / allot_reader passwords from ALLOT_WRITER_PASSWORD / "
    + "ALLOT_READER_PASSWORD, and allot_sql one from ALLOT_SQL_PASSWORD (needs CREATEROLE).")
class DbRolesCommand implements Callable<Integer> {
  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    Map<String, String> passwords = new java.util.LinkedHashMap<>();
    putIfSet(passwords, "allot_writer", "ALLOT_WRITER_PASSWORD");
    putIfSet(passwords, "allot_reader", "ALLOT_READER_PASSWORD");
    putIfSet(passwords, io.allot.sql.SqlRole.NAME, io.allot.sql.SqlProperties.PASSWORD_ENV);
    if (passwords.isEmpty()) {
      throw new IllegalArgumentException("set ALLOT_WRITER_PASSWORD, ALLOT_READER_PASSWORD and/or "
          + io.allot.sql.SqlProperties.PASSWORD_ENV + " in the environment");
    }
    try (ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(), Map.of(), false)) {
      DataSource ds = ctx.getBean(DataSource.class);
      for (Map.Entry<String, String> e : passwords.entrySet()) {
        DatabaseRoles.enableLogin(ds, e.getKey(), e.getValue());
        System.out.println(e.getKey() + ": login enabled (password from the environment)");
      }
    }
    return 0;
  }

  private static void putIfSet(Map<String, String> into, String role, String env) {
    String v = System.getenv(env);
    if (v != null && !v.isBlank()) {
      into.put(role, v);
    }
  }
}
