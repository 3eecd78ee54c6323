package io.allot.lab.bandit;

import io.allot.bandit.BanditPolicy;
import io.allot.bandit.TiUcbSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselinePoliciesTest {

  @Test
  void swUcbWindowFollowsTheDesignFormula() {
    assertEquals((int) Math.floor(4 * Math.sqrt(10_000 * Math.log(10_000))), SlidingWindowUcb.window(10_000));
    assertEquals(1213, SlidingWindowUcb.window(10_000));
  }

  @Test
  void swUcbForgetsRewardsOlderThanItsWindow() {
    int tau = SlidingWindowUcb.window(3); // 4 sqrt(3 ln 3) = 7
    SlidingWindowUcb p = new SlidingWindowUcb(2, 3, 1);
    // arm 0 was great long ago, then bad; arm 1 is fine. Within the window only arm 0's bad rewards count.
    for (int i = 0; i < 50; i++) {
      p.update(0, 1.0);
    }
    for (int i = 0; i < tau - 1; i++) {
      p.update(0, 0.0);
    }
    p.update(1, 0.5);
    assertEquals(1, p.select(100));
  }

  @Test
  void redUcbProjectsTheRecentSlopeForward() {
    RestedRisingUcb p = new RestedRisingUcb(1, 1e-9, 1);
    for (int n = 1; n <= 40; n++) {
      p.update(0, 0.01 * n); // slope 0.01 a pull
    }
    // h = 10: mean over pulls 31..40 of X_l + (t - l) * 0.01, which is exactly 0.01 * t
    assertEquals(0.01 * 60, p.index(0, 60), 1e-6);
  }

  @Test
  void ucb1AndGreedyPreferTheBetterMean() {
    Ucb1 u = new Ucb1(2, 1);
    EpsilonGreedy g = new EpsilonGreedy(2, 0.0, 1);
    for (int i = 0; i < 100; i++) {
      u.update(0, 0.2);
      u.update(1, 0.8);
      g.update(0, 0.2);
      g.update(1, 0.8);
    }
    assertEquals(1, u.select(201));
    assertEquals(1, g.select(201));
    assertThrows(IllegalArgumentException.class, () -> new EpsilonGreedy(2, 1.5, 1));
  }

  @Test
  void everyPolicyIsReproducibleWithItsSeed() {
    for (String name : Policies.NAMES) {
      assertArrayEquals(play(name, 9), play(name, 9), name + " is not deterministic");
    }
    assertThrows(IllegalArgumentException.class, () -> Policies.create("nope", 2, 10, 1,
        TiUcbSettings.forSimulation(500), Policies.BaselineSettings.DEFAULTS));
  }

  private static int[] play(String name, long seed) {
    BanditPolicy p = Policies.create(name, 3, 500, seed, TiUcbSettings.forSimulation(500),
        Policies.BaselineSettings.DEFAULTS);
    Random world = new Random(seed);
    int[] arms = new int[500];
    for (int t = 1; t <= 500; t++) {
      int a = p.select(t);
      arms[t - 1] = a;
      p.update(a, 0.3 + 0.1 * a + 0.1 * world.nextGaussian());
    }
    assertTrue(arms.length == 500);
    return arms;
  }
}
