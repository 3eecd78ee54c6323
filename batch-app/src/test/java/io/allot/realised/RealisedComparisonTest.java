package io.allot.realised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.agreement.AnswerFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per option and tenant comparison of a plan with its outcomes, and the shortfall flag. */
class RealisedComparisonTest {
  private static final Map<String, List<String>> MEMBERS = Map.of(
      "a", List.of("a"), "b", List.of("b"), "a+b", List.of("a", "b"));

  @Test
  void countsPlannedQueriesAndComparesOnlyThoseWithOutcomes() {
    ServedOutcomes served = new ServedOutcomes();
    served.add("q1", "a", 1.0, 0.010);
    served.add("q2", "a", 0.0, 0.020);
    RealisedComparison c = RealisedComparison.ofMembers(MEMBERS);
    c.add(new RealisedComparison.Planned("q1", "acme", "a", "a", 0.9, 0.011), served.of("q1"));
    c.add(new RealisedComparison.Planned("q2", "acme", "a", "a", 0.7, 0.019), served.of("q2"));
    c.add(new RealisedComparison.Planned("q3", "acme", "a", "a", 0.5, 0.030), served.of("q3"));
    RealisedComparison.Cell cell = c.cells().get(0);
    assertThat(cell.queriesPlanned()).isEqualTo(3);
    assertThat(cell.plannedCostUsd()).isCloseTo(0.060, within(1e-12));
    assertThat(cell.predictedQuality()).isCloseTo(0.7, within(1e-12));
    assertThat(cell.queriesWithOutcomes()).isEqualTo(2);
    assertThat(cell.plannedCostObservedUsd()).isCloseTo(0.030, within(1e-12));
    assertThat(cell.realisedCostUsd()).isCloseTo(0.030, within(1e-12));
    assertThat(cell.predictedQualityObserved()).isCloseTo(0.8, within(1e-12));
    assertThat(cell.realisedQuality()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void aSubsetCountsEveryMembersCostAndTheLeadsScoreOnlyWhenAllMembersHaveOutcomes() {
    ServedOutcomes served = new ServedOutcomes();
    served.add("q1", "a", 0.0, 0.01);
    served.add("q1", "b", 1.0, 0.05);
    served.add("q2", "b", 1.0, 0.05); // a's outcome is missing: q2 is not compared
    served.add("q3", "a", 1.0, null); // no cost: not compared, never a silent zero
    served.add("q3", "b", 1.0, 0.05);
    RealisedComparison c = RealisedComparison.ofMembers(MEMBERS);
    for (String q : List.of("q1", "q2", "q3")) {
      c.add(new RealisedComparison.Planned(q, "globex", "a+b", "b", 0.95, 0.06), served.of(q));
    }
    RealisedComparison.Cell cell = c.cells().get(0);
    assertThat(cell.queriesPlanned()).isEqualTo(3);
    assertThat(cell.queriesWithOutcomes()).isEqualTo(1);
    assertThat(cell.realisedCostUsd()).isCloseTo(0.06, within(1e-12));
    assertThat(cell.realisedQuality()).as("the lead b's score").isEqualTo(1.0);
  }

  @Test
  void duplicateOutcomesAreAveragedAndCellsAreSortedByOptionThenTenant() {
    ServedOutcomes served = new ServedOutcomes();
    served.add("q1", "b", 1.0, 0.02);
    served.add("q1", "b", 0.0, 0.04);
    RealisedComparison c = RealisedComparison.ofMembers(MEMBERS);
    c.add(new RealisedComparison.Planned("q1", "umbrella", "b", "b", 0.6, 0.03), served.of("q1"));
    c.add(new RealisedComparison.Planned("q2", "acme", "b", "b", 0.6, 0.03), served.of("q2"));
    c.add(new RealisedComparison.Planned("q3", "acme", "a", "a", 0.6, 0.03), served.of("q3"));
    assertThat(c.cells()).extracting(x -> x.optionId() + "/" + x.tenant())
        .containsExactly("a/acme", "b/acme", "b/umbrella");
    RealisedComparison.Cell dup = c.cells().get(2);
    assertThat(dup.realisedQuality()).isCloseTo(0.5, within(1e-12));
    assertThat(dup.realisedCostUsd()).isCloseTo(0.03, within(1e-12));
    assertThat(c.cells().get(0).predictedQualityObserved()).as("no outcomes: no mean").isNaN();
  }

  @Test
  void aCascadeReplaysItsRuleOnTheAnswersAndAMissingAnswerIsNotCompared() {
    OptionRule cascade = new OptionRule("cascade", List.of("s", "m", "l"), AnswerFormat.CHOICE);
    ServedOutcomes served = new ServedOutcomes();
    served.add("agree", "s", 0.0, 0.001, "B");
    served.add("agree", "m", 1.0, 0.010, "(B) because");
    served.add("agree", "l", 1.0, 0.100, "C"); // logged, but the rule never called l
    served.add("differ", "s", 1.0, 0.001, "A");
    served.add("differ", "m", 1.0, 0.010, "D.");
    served.add("differ", "l", 0.0, 0.100, "A");
    served.add("silent", "s", 1.0, 0.001, null); // no answer: the rule cannot be replayed
    served.add("silent", "m", 1.0, 0.010, "B");
    served.add("silent", "l", 1.0, 0.100, "B");
    RealisedComparison c = new RealisedComparison(Map.of("s=m?:l", cascade));
    for (String q : List.of("agree", "differ", "silent")) {
      c.add(new RealisedComparison.Planned(q, "acme", "s=m?:l", "s", 0.8, 0.05), served.of(q));
    }
    RealisedComparison.Cell cell = c.cells().get(0);
    assertThat(cell.queriesPlanned()).isEqualTo(3);
    assertThat(cell.queriesWithOutcomes()).as("the query without s's answer is not compared").isEqualTo(2);
    assertThat(cell.realisedCostUsd()).as("agree: s+m; differ: s+m+l").isCloseTo(0.011 + 0.111, within(1e-12));
    assertThat(cell.realisedQuality()).as("agree keeps s's 0, differ keeps l's 0").isZero();
    RealisedComparison.Cell agreeOnly = single(cascade, "agree", served);
    assertThat(agreeOnly.realisedCostUsd()).isCloseTo(0.011, within(1e-12));
    assertThat(single(cascade, "differ", served).realisedCostUsd()).isCloseTo(0.111, within(1e-12));
  }

  @Test
  void aVoteScoresTheMajorityAnswerWhenEveryMemberAnsweredElseItsLead() {
    OptionRule vote = new OptionRule("vote", List.of("a", "b", "c"), AnswerFormat.CHOICE);
    ServedOutcomes served = new ServedOutcomes();
    served.add("majority", "a", 0.0, 0.01, "A");
    served.add("majority", "b", 1.0, 0.02, "C");
    served.add("majority", "c", 1.0, 0.03, "C)");
    served.add("unanswered", "a", 0.0, 0.01, "A");
    served.add("unanswered", "b", 1.0, 0.02, "C");
    served.add("unanswered", "c", 1.0, 0.03, null);
    served.add("tie", "a", 0.0, 0.01, "A");
    served.add("tie", "b", 1.0, 0.02, "B");
    served.add("tie", "c", 1.0, 0.03, "C");
    assertThat(single(vote, "majority", served).realisedQuality()).as("b and c say C").isEqualTo(1.0);
    assertThat(single(vote, "majority", served).realisedCostUsd()).isCloseTo(0.06, within(1e-12));
    assertThat(single(vote, "unanswered", served).realisedQuality()).as("c has no answer: the lead a").isZero();
    assertThat(single(vote, "tie", served).realisedQuality()).as("no majority: the lead's answer").isZero();
    assertThat(single(vote.withFormat(null), "majority", served).realisedQuality()).as("no format: the lead")
        .isZero();
  }

  @Test
  void differentAnswersOfOneModelOnOneQueryAreNoAnswer() {
    ServedOutcomes served = new ServedOutcomes();
    served.add("q", "s", 1.0, 0.01, "A");
    served.add("q", "s", 1.0, 0.01, "B");
    served.add("q", "m", 1.0, 0.01, null);
    served.add("q", "m", 1.0, 0.01, "A");
    assertThat(served.of("q").get("s").answer()).isNull();
    assertThat(served.of("q").get("m").answer()).isEqualTo("A");
  }

  private static RealisedComparison.Cell single(OptionRule rule, String query, ServedOutcomes served) {
    RealisedComparison c = new RealisedComparison(Map.of("o", rule));
    c.add(new RealisedComparison.Planned(query, "acme", "o", rule.members().get(0), 0.8, 0.05), served.of(query));
    return c.cells().get(0);
  }

  @Test
  void anUnknownOptionIsAnErrorNamingIt() {
    RealisedComparison c = RealisedComparison.ofMembers(MEMBERS);
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        c.add(new RealisedComparison.Planned("q9", "acme", "x+y", "x", 0.5, 0.01), Map.of()))
        .hasMessageContaining("x+y").hasMessageContaining("q9");
  }

  @Test
  void aRunIsFlaggedWhenRealisedQualityFallsShortByMoreThanTheMargin() {
    RealisedComparison.Cell a = cell("a", 100, 0.90, 0.85);
    RealisedComparison.Cell b = cell("b", 300, 0.80, 0.70);
    Shortfall s = Shortfall.of(List.of(a, b), 0.05);
    assertThat(s.predicted()).isCloseTo(0.825, within(1e-12));
    assertThat(s.realised()).isCloseTo(0.7375, within(1e-12));
    assertThat(s.amount()).isCloseTo(0.0875, within(1e-12));
    assertThat(s.flagged()).isTrue();
    assertThat(Shortfall.of(List.of(a, b), 0.09).flagged()).isFalse();
    assertThat(Shortfall.of(List.of(cell("a", 10, 0.5, 0.9)), 0.0).flagged()).as("better than promised").isFalse();
  }

  @Test
  void aRunWithoutOutcomesIsNeverFlagged() {
    Shortfall s = Shortfall.of(List.of(cell("a", 0, Double.NaN, Double.NaN)), 0.0);
    assertThat(s.queries()).isZero();
    assertThat(s.flagged()).isFalse();
  }

  @Test
  void aNightsFiguresCountComparedWithOutcomesAndFlaggedRunsAndKeepTheWorstShortfall() {
    Map<String, Object> none = new java.util.HashMap<>(Map.of("shortfall_flagged", false));
    none.put("shortfall", null); // no outcomes yet
    NightShortfall n = NightShortfall.from(List.of(none,
        Map.of("shortfall", -0.02, "shortfall_flagged", false),
        Map.of("shortfall", 0.07, "shortfall_flagged", true),
        Map.of("shortfall", 0.01, "shortfall_flagged", false)));
    assertThat(n).isEqualTo(new NightShortfall(4, 3, 1, 0.07));
    assertThat(NightShortfall.from(List.of(none)).worstShortfall()).as("nothing to alert on").isNaN();
    assertThat(NightShortfall.from(List.of()).comparedRuns()).isZero();
  }

  private static RealisedComparison.Cell cell(String option, long observed, double predicted, double realised) {
    return new RealisedComparison.Cell(option, "acme", Math.max(1, observed), 1, predicted, observed, 1, 1,
        predicted, realised);
  }
}
