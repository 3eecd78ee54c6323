package io.allot.report;

import java.util.List;
import java.util.function.DoubleFunction;
import java.util.Locale;

/** Small self-contained SVG charts, so a report opens offline with no script or library. */
public final class SvgCharts {
  private static final String[] PALETTE = {"#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7",
      "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0"};
  private static final int W = 720;
  private static final int H = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 20;
  private static final int BOTTOM = 50;

  private SvgCharts() {}

  /**
   * A named series of (x, y) points; drawn as a line with markers, or dashed. {@code colour} is a
   * palette index (series that belong together share one), or -1 for the series' own position.
   */
  public record Series(String name, double[] x, double[] y, boolean dashed, int colour) {
    public Series(String name, double[] x, double[] y, boolean dashed) {
      this(name, x, y, dashed, -1);
    }
  }

  /** Bars are one colour (their order carries the meaning); the merged rest is grey. */
  static final String BAR = "#4269d0";
  static final String OTHER = "#9498a0";

  /** One bar of a bar chart. */
  public record Bar(String label, double value, String valueText) {}

  public static String color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  public static String lineChart(String xLabel, String yLabel, List<Series> series, double[] highlight) {
    return lineChart(xLabel, yLabel, series, highlight, null);
  }

  /**
   * Lines with markers on round ticks ({@link NiceTicks}); the legend sits below the plot
   * ({@link Legend}), never on the data.
   *
   * @param xTickLabel names an x tick (e.g. a date for a night number); null: the tick's number
   */
  public static String lineChart(String xLabel, String yLabel, List<Series> series, double[] highlight,
      DoubleFunction<String> xTickLabel) {
    double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
    // x spans every point, with a value or not: charts of the same nights then share their x axis.
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        minX = Math.min(minX, s.x()[i]);
        maxX = Math.max(maxX, s.x()[i]);
        if (Double.isFinite(s.y()[i])) {
          minY = Math.min(minY, s.y()[i]);
          maxY = Math.max(maxY, s.y()[i]);
        }
      }
    }
    if (minY == Double.MAX_VALUE) {
      return "<p>(no data)</p>";
    }
    double padY = (maxY - minY) * 0.03;
    NiceTicks tx = NiceTicks.of(minX, maxX, 6, integral(series) ? 1 : 0); // nights: no half nights
    // Scores and dollars are never negative: padding must not invent a negative tick.
    NiceTicks ty = NiceTicks.of(minY >= 0 ? Math.max(0, minY - padY) : minY - padY, maxY + padY, 6);
    Scale sx = new Scale(tx.lo(), tx.hi(), LEFT, W - RIGHT);
    Scale sy = new Scale(ty.lo(), ty.hi(), H - BOTTOM, TOP);
    List<Legend.Place> legend = Legend.layout(series.stream().map(s -> (s.dashed() ? "- - " : "— ") + s.name())
        .toList(), LEFT, W - RIGHT, H + 4);
    StringBuilder svg = open(H + 8 + Legend.height(legend, H + 4));
    axes(svg, sx, sy, tx, ty, xLabel, yLabel, xTickLabel);
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      String colour = color(s.colour() < 0 ? k : s.colour());
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < s.x().length; i++) {
        if (!Double.isFinite(s.y()[i])) {
          pen = false; // a gap: no outcome that night
          continue;
        }
        path.append(pen ? 'L' : 'M').append(f(sx.at(s.x()[i]))).append(',').append(f(sy.at(s.y()[i]))).append(' ');
        pen = true;
      }
      svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
          .append("\" stroke-width=\"2\"").append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
      if (!s.dashed()) {
        for (int i = 0; i < s.x().length; i++) {
          if (Double.isFinite(s.y()[i])) {
            svg.append("<circle cx=\"").append(f(sx.at(s.x()[i]))).append("\" cy=\"").append(f(sy.at(s.y()[i])))
                .append("\" r=\"3\" fill=\"").append(colour).append("\"><title>")
                .append(esc(s.name())).append(": ").append(g(s.x()[i])).append(", ").append(g(s.y()[i]))
                .append("</title></circle>\n");
          }
        }
      }
      Legend.Place p = legend.get(k);
      svg.append("<text x=\"").append(p.x()).append("\" y=\"").append(p.y() + 13).append("\" fill=\"")
          .append(colour).append("\" font-size=\"13\">").append(s.dashed() ? "- - " : "— ")
          .append(esc(s.name())).append("</text>\n");
    }
    if (highlight != null) {
      svg.append("<circle cx=\"").append(f(sx.at(highlight[0]))).append("\" cy=\"").append(f(sy.at(highlight[1])))
          .append("\" r=\"7\" fill=\"none\" stroke=\"#222\" stroke-width=\"2\"><title>published</title></circle>\n");
    }
    return svg.append("</svg>\n").toString();
  }

  public static String barChart(String title, List<Bar> bars) {
    int rowH = 26;
    int h = TOP + rowH * bars.size() + 10;
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
    max = max <= 0 ? 1 : max;
    // Long labels (SelectLLM subsets such as "a+b+c (vote of 3)") widen the chart, not the bars.
    int longest = bars.stream().mapToInt(b -> b.label().length()).max().orElse(0);
    int labelW = Math.max(170, 7 * longest + 16);
    int width = W - 170 + labelW;
    int barMax = width - labelW - 120;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(h)
        .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"").append(esc(title))
        .append("\">\n");
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = TOP + i * rowH;
      double w = barMax * Math.max(0, b.value()) / max;
      svg.append("<text x=\"").append(labelW - 8).append("\" y=\"").append(y + 15)
          .append("\" text-anchor=\"end\">").append(esc(b.label())).append("</text>\n");
      svg.append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 3).append("\" width=\"").append(f(w))
          .append("\" height=\"18\" fill=\"").append(b.label().startsWith("other (") ? OTHER : BAR).append("\"/>\n");
      svg.append("<text x=\"").append(f(labelW + w + 6)).append("\" y=\"").append(y + 16).append("\">")
          .append(esc(b.valueText())).append("</text>\n");
    }
    return svg.append("</svg>\n").toString();
  }

  private static boolean integral(List<Series> series) {
    return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x())).allMatch(v -> v == Math.rint(v));
  }

  private static StringBuilder open(int height) {
    return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W)
        .append("\" height=\"").append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
  }

  private static void axes(StringBuilder svg, Scale sx, Scale sy, NiceTicks tx, NiceTicks ty, String xLabel,
      String yLabel, DoubleFunction<String> xTickLabel) {
    for (double vy : ty.values()) {
      svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(f(sy.at(vy))).append("\" x2=\"")
          .append(W - RIGHT).append("\" y2=\"").append(f(sy.at(vy))).append("\" stroke=\"#eee\"/>\n");
      svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(sy.at(vy) + 4))
          .append("\" text-anchor=\"end\">").append(ty.label(vy)).append("</text>\n");
    }
    for (double vx : tx.values()) {
      svg.append("<line x1=\"").append(f(sx.at(vx))).append("\" y1=\"").append(H - BOTTOM).append("\" x2=\"")
          .append(f(sx.at(vx))).append("\" y2=\"").append(H - BOTTOM + 4).append("\" stroke=\"#444\"/>\n");
      svg.append("<text x=\"").append(f(sx.at(vx))).append("\" y=\"").append(H - BOTTOM + 17)
          .append("\" text-anchor=\"middle\">").append(esc(xTickLabel == null ? tx.label(vx) : xTickLabel.apply(vx)))
          .append("</text>\n");
    }
    svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(H - BOTTOM).append("\" x2=\"").append(W - RIGHT)
        .append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"#444\"/>\n");
    svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
        .append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"#444\"/>\n");
    svg.append("<text x=\"").append((LEFT + W - RIGHT) / 2).append("\" y=\"").append(H - 12)
        .append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>\n");
    svg.append("<text transform=\"translate(16,").append((TOP + H - BOTTOM) / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>\n");
  }

  private record Scale(double lo, double hi, double from, double to) {
    double at(double v) {
      return from + (v - lo) / (hi - lo) * (to - from);
    }
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String g(double v) {
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  public static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
