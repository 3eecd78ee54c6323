package io.allot.lab.bandit;

import io.allot.bandit.BanditPolicy;
import io.allot.bandit.TiUcb;
import io.allot.bandit.TiUcbSettings;
import java.util.List;

/** Builds the policies by name, so the simulator and the CLI share one list. */
public final class Policies {
  /** Reported order. */
  public static final List<String> NAMES = List.of(TiUcb.NAME, Ucb1.NAME, SlidingWindowUcb.NAME,
      RestedRisingUcb.NAME, EpsilonGreedy.NAME);

  /** The baselines' own settings; one set for every scenario. */
  public record BaselineSettings(double epsilon, double redUcbSigma) {
    public static final BaselineSettings DEFAULTS = new BaselineSettings(0.05, 0.1);
  }

  private Policies() {}

  public static BanditPolicy create(String name, int arms, long horizon, long seed, TiUcbSettings tiUcb,
      BaselineSettings baselines) {
    return switch (name) {
      case TiUcb.NAME -> new TiUcb(arms, tiUcb, seed);
      case Ucb1.NAME -> new Ucb1(arms, seed);
      case SlidingWindowUcb.NAME -> new SlidingWindowUcb(arms, horizon, seed);
      case RestedRisingUcb.NAME -> new RestedRisingUcb(arms, baselines.redUcbSigma(), seed);
      case EpsilonGreedy.NAME -> new EpsilonGreedy(arms, baselines.epsilon(), seed);
      default -> throw new IllegalArgumentException("unknown policy '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }
}
