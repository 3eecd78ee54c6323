package io.allot.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Round ticks, the largest dozen plus "other", and a legend that stays off the data. */
class ChartHelpersTest {

  @Test
  void ticksAreRoundAndCoverTheData() {
    NiceTicks t = NiceTicks.of(0.7937, 0.8312, 6);
    assertThat(t.step()).isEqualTo(0.01, within(1e-12));
    assertThat(t.lo()).isCloseTo(0.79, within(1e-12));
    assertThat(t.hi()).isCloseTo(0.84, within(1e-12));
    assertThat(t.values()).extracting(t::label).containsExactly("0.79", "0.80", "0.81", "0.82", "0.83", "0.84");

    NiceTicks dollars = NiceTicks.of(3.2, 187.4, 6);
    assertThat(dollars.step()).isEqualTo(50.0);
    assertThat(dollars.values()).extracting(dollars::label).containsExactly("0", "50", "100", "150", "200");

    NiceTicks quarter = NiceTicks.of(0, 1.1, 6);
    assertThat(quarter.step()).isEqualTo(0.25);
    assertThat(quarter.label(0.75)).isEqualTo("0.75");
    assertThat(NiceTicks.of(0, 100_000, 5).label(50_000)).isEqualTo("50,000");
  }

  @Test
  void aFlatSeriesStillGetsTwoDistinctTicks() {
    NiceTicks t = NiceTicks.of(0.8, 0.8, 6);
    assertThat(t.lo()).isLessThan(0.8);
    assertThat(t.hi()).isGreaterThan(0.8);
    assertThat(t.values().size()).isBetween(2, 12);
    assertThat(NiceTicks.of(0, 0, 6).values()).contains(0.0);
    NiceTicks oneNight = NiceTicks.of(0, 0, 6, 1);
    assertThat(oneNight.values()).as("no half nights").containsExactly(-1.0, 0.0, 1.0);
    assertThat(NiceTicks.of(0, 3, 6, 1).values()).containsExactly(0.0, 1.0, 2.0, 3.0);
  }

  @Test
  void theLargestDozenStayAndTheRestBecomeOther() {
    List<Integer> sizes = List.of(5, 40, 1, 30, 2, 3, 9, 8, 7, 6, 50, 4, 12, 11, 10);
    List<Integer> grouped = Grouping.largestAndOther(sizes, 12, x -> x,
        rest -> -rest.stream().mapToInt(Integer::intValue).sum());
    assertThat(grouped).hasSize(13);
    assertThat(grouped.subList(0, 12)).containsExactly(50, 40, 30, 12, 11, 10, 9, 8, 7, 6, 5, 4);
    assertThat(grouped.get(12)).as("3 + 2 + 1, merged").isEqualTo(-6);
    assertThat(Grouping.largestAndOther(List.of(1, 2, 3), 12, x -> x, rest -> 0)).containsExactly(3, 2, 1);
    assertThat(Grouping.largestAndOther(sizes.subList(0, 13), 12, x -> x, rest -> -1))
        .as("one leftover keeps its own name").hasSize(13).doesNotContain(-1);
  }

  @Test
  void legendEntriesWrapWithinTheChartWithoutOverlapping() {
    List<String> names = List.of("claude-3.5-sonnet reward", "claude-3.5-sonnet trend", "gpt-4o reward",
        "gpt-4o trend", "mistral-small reward", "mistral-small trend", "llama-3.1-70b reward");
    List<Legend.Place> places = Legend.layout(names, 70, 700, 364);
    assertThat(places).allSatisfy(p -> {
      assertThat(p.y()).isGreaterThanOrEqualTo(364);
      assertThat(p.x()).isGreaterThanOrEqualTo(70);
      assertThat(p.x() + p.width()).isLessThanOrEqualTo(700);
    });
    for (int i = 1; i < places.size(); i++) {
      Legend.Place a = places.get(i - 1);
      Legend.Place b = places.get(i);
      assertThat(b.y() > a.y() || b.x() >= a.x() + a.width()).as("entry %d after %d", i, i - 1).isTrue();
    }
    assertThat(Legend.height(places, 364)).isGreaterThan(Legend.ROW_HEIGHT);
  }

  @Test
  void aLineChartsLegendIsBelowItsPlotArea() {
    String svg = SvgCharts.lineChart("x", "y", List.of(
        new SvgCharts.Series("top right", new double[] {0, 1, 2}, new double[] {0.1, 0.5, 0.9}, false),
        new SvgCharts.Series("bound", new double[] {0, 1, 2}, new double[] {0.2, 0.6, 0.95}, true)), null);
    double lowestPoint = 0;
    Matcher c = Pattern.compile("<circle cx=\"[0-9.]+\" cy=\"([0-9.]+)\"").matcher(svg);
    while (c.find()) {
      lowestPoint = Math.max(lowestPoint, Double.parseDouble(c.group(1)));
    }
    Matcher legend = Pattern.compile("<text x=\"\\d+\" y=\"(\\d+)\" fill=\"#[0-9a-f]+\" font-size=\"13\">").matcher(svg);
    int entries = 0;
    while (legend.find()) {
      entries++;
      assertThat(Double.parseDouble(legend.group(1))).isGreaterThan(lowestPoint + 30);
    }
    assertThat(entries).isEqualTo(2);
    assertThat(svg).contains(">0.4<").doesNotContain(">0.4000<").doesNotContain(">-0.2<");
  }

  @Test
  void nightsWithoutAValueStillSpanTheAxisSoChartsOfTheSameNightsLineUp() {
    double nan = Double.NaN;
    String svg = SvgCharts.lineChart("night", "q", List.of(
        new SvgCharts.Series("realised", new double[] {0, 1, 2}, new double[] {0.8, 0.9, nan}, false)), null);
    assertThat(svg).as("the axis reaches the last night").contains(">2</text>");
    assertThat(svg.split("<circle ", -1)).as("no marker for the night without a value").hasSize(3);
    assertThat(SvgCharts.lineChart("night", "q", List.of(
        new SvgCharts.Series("none", new double[] {0, 1}, new double[] {nan, nan}, false)), null)).contains("no data");
  }

  @Test
  void columnsOfFiguresAlignRightAndColumnsOfWordsLeftHeaderIncluded() {
    String html = Html.table(List.of("tenant", "queries", "flag"),
        List.of(List.of("acme", "1,575", "ok"), List.of("globex", "-", "FLAGGED (margin 0.030)")));
    assertThat(html).contains("<th class=\"t\">tenant</th><th>queries</th><th class=\"t\">flag</th>")
        .contains("<td class=\"t\">acme</td><td>1,575</td><td class=\"t\">ok</td>")
        .contains("<td>-</td><td class=\"t flag\">FLAGGED (margin 0.030)</td>");
  }

  @Test
  void theIndexChartsEachNightOnceWithItsNewestPublishedRun() {
    java.util.function.BiFunction<Long, String, java.util.Map<String, Object>> run = (id, status) ->
        java.util.Map.of("run_id", id, "run_date", id < 3 ? "2026-12-04" : "2026-12-05", "status", status);
    assertThat(ReportIndex.onePerNight(List.of(run.apply(1L, "PUBLISHED"), run.apply(2L, "PUBLISHED"),
        run.apply(3L, "PUBLISHED"), run.apply(4L, "FAILED")))).extracting(r -> r.get("run_id")).containsExactly(2L, 3L);
    assertThat(ReportIndex.onePerNight(List.of(run.apply(3L, "FAILED"), run.apply(4L, "FAILED"))))
        .extracting(r -> r.get("run_id")).containsExactly(4L);
  }
}
