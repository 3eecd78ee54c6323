package io.allot.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The role {@code ./allot sql} runs as: it may read every table (PostgreSQL's predefined
 * pg_read_all_data) and nothing else. No write privilege, no superuser, no server programs or
 * files (COPY TO PROGRAM needs pg_execute_server_program), and every transaction read-only.
 */
public final class SqlRole {
  public static final String NAME = "allot_sql";

  private SqlRole() {}

  /**
   * Creates the role when missing and gives it what it needs; run by a user with CREATEROLE and
   * the admin option on pg_read_all_data (the embedded server's superuser, or a DBA via db-roles).
   */
  public static void ensure(Connection admin, boolean login) throws SQLException {
    try (Statement st = admin.createStatement()) {
      st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + NAME + "') THEN "
          + "CREATE ROLE " + NAME + " NOLOGIN; END IF; END $$");
      // Attributes of a role that may have been created by hand: never more than reading.
      st.execute("ALTER ROLE " + NAME + " NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
          + (login ? " LOGIN" : ""));
      st.execute("ALTER ROLE " + NAME + " SET default_transaction_read_only = on");
      st.execute("GRANT pg_read_all_data TO " + NAME);
      // PUBLIC may not connect (V11 revokes it), so the role is granted CONNECT itself.
      st.execute("DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO " + NAME + "', current_database()); END $$");
    }
  }
}
