package io.allot.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirstTokenMarginTest {
  private static final double EPS = 1e-12;

  @Test
  void plainCaseIsTheLogRatioOfTheTopTwo() {
    assertEquals(-0.1 - -2.4, FirstTokenMargin.margin(List.of("Yes", "No"), List.of(-0.1, -2.4)), EPS);
  }

  @Test
  void variantsOfTheTopTokenAreSkipped() {
    // " yes" is the same answer as "Yes"; the competitor is "No".
    double m = FirstTokenMargin.margin(List.of("Yes", " yes", "No"), List.of(-0.05, -2.9, -3.1));
    assertEquals(3.05, m, EPS);
  }

  @Test
  void normalisationLowercasesAndStripsPunctuationArticlesAndSpaces() {
    assertEquals("yes", FirstTokenMargin.normalise(" Yes."));
    assertEquals("yes", FirstTokenMargin.normalise("YES!"));
    assertEquals("answer", FirstTokenMargin.normalise("The answer"));
    assertEquals("theory", FirstTokenMargin.normalise("theory"), "articles only as whole words");
    assertEquals("newyork", FirstTokenMargin.normalise("new  york"));
  }

  @Test
  void allVariantsGivesTheLowerBoundFromTheUnlistedMass() {
    // p = e^-0.2 + e^-2.5 = 0.8187 + 0.0821 = 0.9008; unlisted <= min(0.0821, 0.0992) = 0.0821
    double m = FirstTokenMargin.margin(List.of("Yes", "yes."), List.of(-0.2, -2.5));
    assertEquals(-0.2 - -2.5, m, EPS);
    // Here the unlisted mass is smaller than the smallest listed probability and decides.
    double p1 = Math.exp(-0.01);
    double p2 = Math.exp(-5.0);
    double expected = -0.01 - Math.log(1 - p1 - p2);
    assertEquals(expected, FirstTokenMargin.margin(List.of("No", " no"), List.of(-0.01, -5.0)), 1e-9);
  }

  @Test
  void listThatSumsToOneUsesTheFloor() {
    double m = FirstTokenMargin.margin(List.of("A"), List.of(0.0));
    assertEquals(0.0 - Math.log(FirstTokenMargin.MIN_UNLISTED_PROB), m, 1e-9);
  }

  @Test
  void singleTokenList() {
    // p1 = e^-0.05 = 0.951229; bound = min(p1, 1 - p1) = 0.048771; -0.05 - ln(0.048771) = 2.97063
    double m = FirstTokenMargin.margin(List.of("Yes"), List.of(-0.05));
    assertEquals(-0.05 - Math.log(1 - Math.exp(-0.05)), m, EPS);
    assertEquals(2.97063, m, 1e-5);
  }

  @Test
  void unsortedInputIsOrderedByLogprob() {
    double m = FirstTokenMargin.margin(List.of("No", " yes", "Maybe", "Yes"), List.of(-3.1, -2.9, -4.0, -0.05));
    assertEquals(3.05, m, EPS);
  }

  @Test
  void handComputedNumber() {
    // top-1 "Paris" -0.22, variant "paris" skipped, k-th is "Lyon" at -1.93: 1.71
    double m = FirstTokenMargin.margin(List.of("Lyon", "paris", "Paris", "Rome"), List.of(-1.93, -1.6, -0.22, -2.5));
    assertEquals(1.71, m, 1e-12);
  }

  @Test
  void meanLogprob() {
    assertEquals(-0.18, FirstTokenMargin.meanLogprob(new double[] {-0.05, -0.31}), EPS);
    assertNull(FirstTokenMargin.meanLogprob(new double[0]));
    assertNull(FirstTokenMargin.meanLogprob(null));
  }

  @Test
  void plainAsciiTokensNormaliseAsThePatternsDo() {
    java.util.Random rnd = new java.util.Random(3);
    String alphabet = "aAnNtThHeE01 xyz";
    java.util.List<String> tokens = new java.util.ArrayList<>(List.of("", " ", "The", " the ", "A", "an", "An apple",
        "the the", "another", "theatre", "a1", "1a", " Yes", "yes ", "NO", "  a  b  "));
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = rnd.nextInt(9); k > 0; k--) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      tokens.add(sb.toString());
    }
    for (String t : tokens) {
      assertEquals(FirstTokenMargin.normaliseByPatterns(t), FirstTokenMargin.asciiWords(t), "'" + t + "'");
    }
    assertNull(FirstTokenMargin.asciiWords("Yes."));
    assertNull(FirstTokenMargin.asciiWords("caf\u00e9"));
    assertNull(FirstTokenMargin.asciiWords("a\tb"));
    assertEquals("yes", FirstTokenMargin.normalise("Yes."));
  }
}
