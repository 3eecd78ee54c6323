package io.allot.publish;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Streams rows into a table with COPY ... FROM STDIN (CSV), without building the whole load in memory. */
public final class PgCopy {
  private static final int FLUSH_CHARS = 1 << 20;

  private PgCopy() {}

  public static long copy(Connection c, String table, String columns, Iterator<Object[]> rows) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)");
    try {
      StringBuilder buf = new StringBuilder(FLUSH_CHARS + 4096);
      while (rows.hasNext()) {
        appendCsv(buf, rows.next());
        if (buf.length() >= FLUSH_CHARS) {
          write(in, buf);
        }
      }
      write(in, buf);
      return in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private static void write(CopyIn in, StringBuilder buf) throws SQLException {
    if (buf.length() > 0) {
      byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      buf.setLength(0);
    }
  }

  /** A null becomes an unquoted empty field, which COPY CSV reads as NULL. */
  static void appendCsv(StringBuilder sb, Object[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object v = row[i];
      if (v == null) {
        continue;
      }
      if (v instanceof Number || v instanceof Boolean) {
        sb.append(v);
      } else {
        String s = v.toString();
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
          char ch = s.charAt(k);
          if (ch == '"') {
            sb.append('"');
          }
          if (ch != 0) {  // PostgreSQL text cannot hold NUL
            sb.append(ch);
          }
        }
        sb.append('"');
      }
    }
    sb.append('\n');
  }
}
