package io.allot.report;

import static io.allot.report.SvgCharts.esc;

import java.util.List;
import java.util.Locale;

/** Small HTML helpers shared by the report's sections. */
final class Html {
  private Html() {}

  static String table(List<String> headers, List<List<String>> rows) {
    StringBuilder h = new StringBuilder("<table><tr>");
    headers.forEach(x -> h.append("<th>").append(esc(x)).append("</th>"));
    h.append("</tr>");
    for (List<String> r : rows) {
      h.append("<tr>");
      // Figures align right, words left.
      r.forEach(x -> h.append(x.matches("[-+$0-9.,%( )]+|[-+$]?[0-9].*") ? "<td>" : "<td class=\"t\">")
          .append(esc(x)).append("</td>"));
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
