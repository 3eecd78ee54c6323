package io.allot.report;

import io.allot.bandit.nightly.BanditRepository;
import static io.allot.report.Html.num;
import static io.allot.report.SvgCharts.esc;

import io.allot.report.SvgCharts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run report's TI-UCB section: arms, convergence events and each model's reward curve with its trend. */
public final class BanditReport {
  private BanditReport() {}

  /** Inserts the section before the end of the report's body (unchanged when TI-UCB has no arms yet). */
  public static String addTo(String html, BanditRepository repo, LocalDate runDate) {
    List<Map<String, Object>> arms = repo.arms();
    if (arms.isEmpty()) {
      return html;
    }
    String section = section(arms, repo.events(runDate.minusDays(1)), repo.history(runDate.minusDays(1)), runDate);
    int end = html.lastIndexOf("</body>");
    return end < 0 ? html + section : html.substring(0, end) + section + html.substring(end);
  }

  static String section(List<Map<String, Object>> arms, List<Map<String, Object>> events,
      List<BanditRepository.ReportRow> history, LocalDate runDate) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<h2>Model selection (TI-UCB)</h2>\n<p class=\"note\">Each model's reward is its mean outcome score on "
        + "a night's evaluated queries. The trend predicts tomorrow's quality; the solver shifts the model's predicted "
        + "quality by the difference to its recent mean, and gives the exploration share to models worth learning "
        + "about.</p>\n");
    h.append("<table><tr><th>model</th><th>nights</th><th>in segment</th><th>last reward</th><th>trend quality</th>"
        + "<th>quality shift</th><th>exploration share</th><th class=\"t\">why</th></tr>");
    for (Map<String, Object> a : arms) {
      h.append("<tr><td>").append(esc(String.valueOf(a.get("model_id"))))
          .append(a.get("retired_on") != null ? " (retired " + a.get("retired_on") + ")" : "").append("</td><td>")
          .append(a.get("pulls")).append("</td><td>").append(a.get("segment_pulls")).append("</td><td>")
          .append(num(a.get("last_reward"), "%.4f")).append("</td><td>").append(num(a.get("trend_quality"), "%.4f"))
          .append("</td><td>").append(num(a.get("quality_shift"), "%+.4f")).append("</td><td>")
          .append(num(a.get("exploration_share"), "%.3f")).append("</td><td class=\"t\">").append(esc(String.valueOf(a.get("reason"))))
          .append("</td></tr>");
    }
    h.append("</table>\n<h3>Convergence events</h3>\n");
    if (events.isEmpty()) {
      h.append("<p>None detected yet.</p>\n");
    } else {
      h.append("<ul>");
      for (Map<String, Object> e : events) {
        boolean tonight = runDate.minusDays(1).toString().equals(String.valueOf(e.get("detected_night")));
        h.append("<li>").append(tonight ? "<b>new:</b> " : "").append(esc(String.valueOf(e.get("message"))))
            .append(" (detected with the rewards of ").append(e.get("detected_night")).append(")</li>");
      }
      h.append("</ul>\n");
    }
    h.append("<h3>Reward history and trend</h3>\n").append(chart(history));
    h.append("<p class=\"note\">Query them: <code>./allot sql \"SELECT * FROM model_convergence ORDER BY detected_night"
        + " DESC\"</code>.</p>\n");
    return h.toString();
  }

  /** Per model: observed rewards (points) and the trend's prediction after each night (dashed). */
  private static String chart(List<BanditRepository.ReportRow> history) {
    if (history.isEmpty()) {
      return "<p>(no rewards observed yet)</p>";
    }
    LocalDate first = history.stream().map(BanditRepository.ReportRow::night).min(LocalDate::compareTo).orElseThrow();
    Map<String, List<BanditRepository.ReportRow>> byModel = new LinkedHashMap<>();
    history.forEach(r -> byModel.computeIfAbsent(r.modelId(), k -> new ArrayList<>()).add(r));
    List<SvgCharts.Series> series = new ArrayList<>();
    byModel.forEach((model, rows) -> {
      double[] x = rows.stream().mapToDouble(r -> first.until(r.night()).getDays()).toArray();
      int colour = series.size() / 2; // a model's reward and trend share its colour
      series.add(new SvgCharts.Series(model + " reward", x,
          rows.stream().mapToDouble(BanditRepository.ReportRow::reward).toArray(), false, colour));
      series.add(new SvgCharts.Series(model + " trend", x,
          rows.stream().mapToDouble(BanditRepository.ReportRow::trendQuality).toArray(), true, colour));
    });
    return SvgCharts.lineChart("night", "mean outcome score", series, null,
        v -> first.plusDays(Math.round(v)).toString().substring(5));
  }
}
