package io.allot.realised;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.agreement.AnswerFormat;
import io.allot.agreement.CascadeOffer;
import io.allot.agreement.OfferedCascade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which answer format the realised step parses each option's answers in. */
class PinnedFormatsTest {
  private static final Map<String, OptionRule> OPTIONS = Map.of(
      "a", OptionRule.plain(List.of("a")),
      "a+b+c", OptionRule.plain(List.of("a", "b", "c")),
      "a=b?:c", new OptionRule("cascade", List.of("a", "b", "c"), null),
      "b=a?:c", new OptionRule("cascade", List.of("b", "a", "c"), null));

  @Test
  void cascadesTakeTheirTasksFormatAndVotesTheNightsWhenItHasOne() {
    Map<String, OptionRule> r = PinnedFormats.apply(OPTIONS, offer(offered("mcq", "a=b?:c", "choice"),
        offered("mcq", "b=a?:c", "choice")));
    assertThat(r.get("a=b?:c").format()).isEqualTo(AnswerFormat.CHOICE);
    assertThat(r.get("a+b+c").format()).isEqualTo(AnswerFormat.CHOICE);
    assertThat(r.get("a").format()).isNull();
  }

  @Test
  void aCascadeOfferedUnderTwoFormatsAndVotesOfAMixedNightGetNone() {
    Map<String, OptionRule> r = PinnedFormats.apply(OPTIONS, offer(offered("mcq", "a=b?:c", "choice"),
        offered("boolq", "a=b?:c", "yes_no"), offered("boolq", "b=a?:c", "yes_no")));
    assertThat(r.get("a=b?:c").format()).isNull();
    assertThat(r.get("b=a?:c").format()).isEqualTo(AnswerFormat.YES_NO);
    assertThat(r.get("a+b+c").format()).isNull();
    assertThat(PinnedFormats.apply(OPTIONS, null)).as("no pinned offer").isSameAs(OPTIONS);
  }

  private static CascadeOffer offer(OfferedCascade... offered) {
    return new CascadeOffer(List.of(offered), List.of(), -1);
  }

  private static OfferedCascade offered(String task, String optionId, String format) {
    return new OfferedCascade(task, optionId, 0, 1, 2, format, new double[] {1, 1, 0.3}, 0.8, 100, 0.8, 0.01,
        new double[0], new double[] {0.3}, new double[] {0.8}, 0.2, new double[] {100}, null);
  }
}
