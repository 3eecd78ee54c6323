package io.allot.bandit;

/**
 * A multi-armed bandit policy: each round it picks one arm, then learns that arm's reward.
 * Implementations are deterministic given their seed, so a simulation or a nightly replay can be
 * reproduced exactly.
 */
public interface BanditPolicy {

  /** The name used in reports and on the command line, e.g. "TI-UCB". */
  String name();

  /**
   * The arm to play in round {@code t}.
   *
   * @param t the round, counted from 1
   */
  int select(long t);

  /** The reward observed for {@code arm} in the round just played. */
  void update(int arm, double reward);
}
