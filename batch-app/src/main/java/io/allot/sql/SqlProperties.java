package io.allot.sql;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code allot.sql.*} settings of {@code ./allot sql}; conf/application.yml documents each default.
 *
 * @param user the read-only role the query runs as (its password: ALLOT_SQL_PASSWORD)
 * @param statementTimeout the server cancels the query after this long
 */
public record SqlProperties(@DefaultValue(SqlRole.NAME) String user, @DefaultValue("30s") Duration statementTimeout) {
  public static final String PREFIX = "allot.sql";
  public static final String PASSWORD_ENV = "ALLOT_SQL_PASSWORD";
}
