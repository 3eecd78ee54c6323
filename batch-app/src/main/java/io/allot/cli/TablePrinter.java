package io.allot.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a result set as an aligned text table, like psql. */
final class TablePrinter {
  private TablePrinter() {}

  static int print(ResultSet rs, PrintStream out, int maxRows) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int cols = md.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    boolean[] numeric = new boolean[cols];
    String[] head = new String[cols];
    for (int c = 0; c < cols; c++) {
      head[c] = md.getColumnLabel(c + 1);
      numeric[c] = isNumeric(md.getColumnType(c + 1));
    }
    int total = 0;
    while (rs.next()) {
      total++;
      if (rows.size() < maxRows) {
        String[] r = new String[cols];
        for (int c = 0; c < cols; c++) {
          Object v = rs.getObject(c + 1);
          r[c] = v == null ? "" : v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v.toString();
        }
        rows.add(r);
      }
    }
    int[] w = new int[cols];
    for (int c = 0; c < cols; c++) {
      w[c] = head[c].length();
      for (String[] r : rows) {
        w[c] = Math.min(60, Math.max(w[c], r[c].length()));
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, head, w, new boolean[cols]);
    for (int c = 0; c < cols; c++) {
      sb.append(c == 0 ? "" : "-+-").append("-".repeat(w[c]));
    }
    sb.append('\n');
    for (String[] r : rows) {
      line(sb, r, w, numeric);
    }
    sb.append('(').append(total).append(total == 1 ? " row" : " rows");
    if (total > rows.size()) {
      sb.append(", first ").append(rows.size()).append(" shown");
    }
    sb.append(")\n");
    out.print(sb);
    return total;
  }

  private static void line(StringBuilder sb, String[] cells, int[] w, boolean[] right) {
    for (int c = 0; c < cells.length; c++) {
      String v = cells[c].length() > w[c] ? cells[c].substring(0, w[c] - 1) + "…" : cells[c];
      sb.append(c == 0 ? "" : " | ");
      String pad = " ".repeat(w[c] - v.length());
      sb.append(right[c] ? pad + v : v + pad);
    }
    sb.append('\n');
  }

  private static boolean isNumeric(int type) {
    return switch (type) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC,
          Types.DECIMAL -> true;
      default -> false;
    };
  }
}
