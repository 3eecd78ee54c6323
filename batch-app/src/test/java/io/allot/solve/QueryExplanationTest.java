package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryExplanationTest {
  private static final List<QueryExplanation.Option> OPTIONS = List.of(
      new QueryExplanation.Option("small", 0.60, 0.001, true, ""),
      new QueryExplanation.Option("mid", 0.75, 0.010, true, ""),
      new QueryExplanation.Option("large", 0.90, 0.050, true, ""),
      new QueryExplanation.Option("banned", 0.95, 0.020, false, "tenant rule (allot.tenants.acme)"));
  // Cost priced at 5 quality/USD; "mid" at capacity with 0.02 per query.
  private static final List<DualPriceRow> DUALS = List.of(
      new DualPriceRow("budget", "", 5.0, 100, 99.995, true),
      new DualPriceRow("capacity", "mid", 0.02, 1000, 1000, true),
      new DualPriceRow("capacity", "large", 0.0, 500, 200, false));

  @Test
  void theChosenOptionAndTheRunnerUpAreRankedByValueAtTheRunsPrices() {
    // values: small 0.60-0.005=0.595, mid 0.75-0.05-0.02=0.68, large 0.90-0.25=0.65
    String text = QueryExplanation.render(7, "q-1", "acme", 900, OPTIONS, "mid", DUALS);

    assertThat(text).contains("chosen:    mid").contains("value at the run's prices 0.6800");
    assertThat(text).contains("runner-up: large").contains("value at the run's prices 0.6500");
    assertThat(text).contains("banned                 not allowed: tenant rule (allot.tenants.acme)");
    assertThat(text).containsPattern("capacity\\s+mid\\s+price 0.02/query\\s+used 1000 of 1000  BINDS");
    assertThat(text).doesNotContain("the prices alone favour the runner-up");
  }

  @Test
  void aChoiceThePricesAloneWouldNotMakeIsSaidToComeFromRepairOrPolish() {
    String text = QueryExplanation.render(7, "q-1", "acme", 900, OPTIONS, "small", DUALS);

    assertThat(text).contains("runner-up: mid").contains("the prices alone favour the runner-up");
  }

  @Test
  void aSubsetShowsItsMembersAndPaysTheCapacityPriceOfEach() {
    QueryExplanation.Option vote = new QueryExplanation.Option("small+mid+large", 0.93, 0.061, true, "", List.of(
        new QueryExplanation.Member("small", 0.60, 0.001), new QueryExplanation.Member("mid", 0.75, 0.010),
        new QueryExplanation.Member("large", 0.90, 0.050)));
    List<QueryExplanation.Option> options = new java.util.ArrayList<>(OPTIONS);
    options.add(vote);
    // value: 0.93 - 5 * 0.061 - 0.02 (mid's capacity) = 0.605
    String text = QueryExplanation.render(7, "q-1", "acme", 900, options, "small+mid+large", DUALS);

    assertThat(text).contains("chosen:    small+mid+large").contains("value at the run's prices 0.6050");
    assertThat(text).contains("a confidence-weighted vote of 3 models, P(vote right) 0.9300")
        .contains("mid (quality 0.7500, $0.010000)");
    assertThat(text).containsPattern("\\n  small\\+mid\\+large\\s+0.9300\\s+0.061000\\s+0.6050\\n");
  }

  @Test
  void anAssignedOptionMissingFromTheScoresIsAnError() {
    assertThatThrownBy(() -> QueryExplanation.render(7, "q-1", "acme", 900, OPTIONS, "gpt-9", DUALS))
        .hasMessageContaining("assigned query 'q-1' to 'gpt-9', which is not among its scored options");
  }
}
