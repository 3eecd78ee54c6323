package io.allot.report;

import static io.allot.report.SvgCharts.esc;

import java.util.List;
import java.util.Locale;

/** Small HTML helpers shared by the report's sections. */
final class Html {
  private Html() {}

  /** A cell that starts with this is shown as a flag (red, bold). */
  static final String FLAGGED = "FLAGGED";

  /**
   * A table whose columns of figures align right and the others (names, reasons) left, header
   * included; a cell of "-" (no value) does not decide.
   */
  static String table(List<String> headers, List<List<String>> rows) {
    boolean[] words = new boolean[headers.size()];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size() && i < words.length; i++) {
        words[i] |= !r.get(i).equals("-") && !r.get(i).matches("[-+$0-9.,%( )]+|[-+$]?[0-9].*");
      }
    }
    StringBuilder h = new StringBuilder("<table><tr>");
    for (int i = 0; i < headers.size(); i++) {
      h.append(words[i] ? "<th class=\"t\">" : "<th>").append(esc(headers.get(i))).append("</th>");
    }
    h.append("</tr>");
    for (List<String> r : rows) {
      h.append("<tr>");
      for (int i = 0; i < r.size(); i++) {
        String cls = (i < words.length && words[i] ? "t" : "") + (r.get(i).startsWith(FLAGGED) ? " flag" : "");
        h.append(cls.isEmpty() ? "<td>" : "<td class=\"" + cls.strip() + "\">").append(esc(r.get(i))).append("</td>");
      }
      h.append("</tr>");
    }
    return h.append("</table>\n").toString();
  }

  static String note(String text) {
    return "<p class=\"note\">" + text + "</p>\n";
  }

  static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }

  static String usd(double v) {
    return Double.isNaN(v) ? "-" : v >= 100 ? fmt("$%,.2f", v) : fmt("$%.4f", v);
  }

  static String num(Object v, String format) {
    return v == null ? "-" : fmt(format, ((Number) v).doubleValue());
  }

  static double dbl(Object v) {
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  static long lng(Object v) {
    return v == null ? 0 : ((Number) v).longValue();
  }

  static String str(Object v) {
    return v == null ? "-" : String.valueOf(v);
  }
}
