package io.allot.generate;

/**
 * The demo tenants. Each has a share of the traffic, its own task mix (weights in {@link Task}
 * order), a difficulty shift added to every query's latent difficulty, and domain words that
 * colour its query text.
 */
enum Tenant {
  ACME("acme", 0.40, -0.10,
      new double[] {0.30, 0.20, 0.20, 0.10, 0.12, 0.05, 0.01, 0.02},
      Task.words("order shipment refund cart checkout store warehouse parcel coupon return"
          + " catalog sku")),
  GLOBEX("globex", 0.25, 0.10,
      new double[] {0.10, 0.30, 0.05, 0.20, 0.10, 0.05, 0.05, 0.15},
      Task.words("ledger invoice quarterly revenue audit portfolio loan margin forecast"
          + " compliance tax statement")),
  INITECH("initech", 0.20, 0.20,
      new double[] {0.10, 0.05, 0.02, 0.10, 0.18, 0.03, 0.40, 0.12},
      Task.words("deployment server incident release repository pipeline latency cluster"
          + " migration backlog sprint outage")),
  UMBRELLA("umbrella", 0.15, 0.0,
      new double[] {0.15, 0.20, 0.03, 0.22, 0.15, 0.20, 0.02, 0.03},
      Task.words("patient trial dosage clinical protocol adverse label study pharmacy"
          + " prescription lab regulatory"));

  private static final Tenant[] ALL = values();
  private static final Task[] TASKS = Task.values();
  private static final double[] SHARE_CDF = cumulative(shares());

  private final String id;
  private final double share;
  private final double difficultyShift;
  private final double[] taskCdf;
  private final String[] vocabulary;

  Tenant(String id, double share, double difficultyShift, double[] taskMix, String[] vocabulary) {
    this.id = id;
    this.share = share;
    this.difficultyShift = difficultyShift;
    this.taskCdf = cumulative(taskMix);
    this.vocabulary = vocabulary;
  }

  private static double[] shares() {
    double[] s = new double[ALL.length];
    for (int i = 0; i < ALL.length; i++) {
      s[i] = ALL[i].share;
    }
    return s;
  }

  /** Normalised so the weights need not sum to exactly 1. */
  static double[] cumulative(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double[] cdf = new double[weights.length];
    double run = 0;
    for (int i = 0; i < weights.length; i++) {
      run += weights[i];
      cdf[i] = run / total;
    }
    cdf[weights.length - 1] = 1.0;
    return cdf;
  }

  static int pick(double[] cdf, double u) {
    for (int i = 0; i < cdf.length - 1; i++) {
      if (u < cdf[i]) {
        return i;
      }
    }
    return cdf.length - 1;
  }

  static Tenant draw(double u) {
    return ALL[pick(SHARE_CDF, u)];
  }

  Task drawTask(double u) {
    return TASKS[pick(taskCdf, u)];
  }

  String id() {
    return id;
  }

  double difficultyShift() {
    return difficultyShift;
  }

  String[] vocabulary() {
    return vocabulary;
  }
}
