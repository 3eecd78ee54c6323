package io.allot.solve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.allot.agreement.EscalationSlopes;
import io.allot.agreement.OfferedCascade;
import io.allot.agreement.QueryDisagreement;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per query and offered cascade the P(disagree) the plan charges: the query's own figure from its
 * first two models' estimated qualities and all models' (with the slopes fitted on the history,
 * {@link EscalationSlopes}), moved per task, cascade and margin bin so that the mean over the
 * night's queries of the bin equals the bin's history rate ({@link QueryDisagreement}).
 *
 * <p>The shifts depend on the whole night, so the solve pins them in the run folder
 * ({@link #FILE}); {@code ./allot explain}, which builds one query's problem, reads them back and
 * sees the rates the solve charged.
 */
public final class EscalationRates {
  static final String FILE = "cascade-escalation.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Per "task / option / bin" (bin -1: queries without a margin) the logit shift. */
  public record Shifts(Map<String, Double> shift) {
    static String key(String task, String optionId, int bin) {
      return task + " / " + optionId + " / " + bin;
    }

    void write(Path runFolder) throws IOException {
      Files.createDirectories(runFolder);
      Path tmp = runFolder.resolve(FILE + ".tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, runFolder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The pinned shifts, or null when the run has none (an older run, or no cascades). */
    static Shifts read(Path runFolder) throws IOException {
      Path f = runFolder.resolve(FILE);
      return Files.isRegularFile(f) ? JSON.readValue(f.toFile(), Shifts.class) : null;
    }
  }

  private final float[] rate;
  private final float[] sensitivity;
  /** Per query and slot, two entries: how far the rate moves per unit of each fitted slope. */
  private final float[] slopeMove;
  private final int slots;
  private final Shifts shifts;

  private EscalationRates(float[] rate, float[] sensitivity, float[] slopeMove, int slots, Shifts shifts) {
    this.rate = rate;
    this.sensitivity = sensitivity;
    this.slopeMove = slopeMove;
    this.slots = slots;
    this.shifts = shifts;
  }

  /** Query i's P(disagree) under the cascade in slot s of its task. */
  double rate(int i, int s) {
    return rate[i * slots + s];
  }

  /**
   * How far query i's rate moves per unit change of its bin's history rate: p (1 - p) over the
   * group's mean p (1 - p) (the shift moves every query of the group on the logit scale).
   */
  double sensitivity(int i, int s) {
    return sensitivity[i * slots + s];
  }

  /**
   * How far query i's rate moves per unit change of the cascade's fitted slope k (0: on the first
   * two models' estimates, 1: on all models'), its bin levelled again to the bin's rate: p (1 - p)
   * (x_k - the bin's p (1 - p)-weighted mean of x_k).
   */
  double slopeMove(int i, int s, int k) {
    return slopeMove[(i * slots + s) * 2 + k];
  }

  Shifts shifts() {
    return shifts;
  }

  /**
   * One group's queries of a problem (a task's cascade in slot {@code slot}, one margin bin), in the
   * problem's order, with their logits before the shift and the terms the slopes move.
   */
  record Group(String key, OfferedCascade cascade, int bin, int slot, int[] queries, double[] logit, double[] shape,
      double[] index) {
    double target() {
      return cascade.binDisagreeRate(bin);
    }
  }

  /**
   * A group's night-wide figures: its shift, the mean p (1 - p) of its queries ({@code spread}) and
   * the p (1 - p)-weighted means of the slopes' terms. A slice of the night cannot see them alone.
   */
  record Level(double shift, double spread, double shapeMean, double indexMean) implements Serializable {
    /** The figures of a group whose queries are all in {@code g}. */
    static Level of(Group g, double shift) {
      int count = g.queries().length;
      double spread = 0;
      for (int q = 0; q < count; q++) {
        double p = QueryDisagreement.sigmoid(g.logit()[q] + shift);
        spread += p * (1 - p) / count;
      }
      double shapeMean = 0;
      double indexMean = 0;
      for (int q = 0; q < count; q++) {
        double p = (float) QueryDisagreement.sigmoid(g.logit()[q] + shift); // the rate as kept
        double w = spread > 0 ? p * (1 - p) / (spread * count) : 1.0 / count;
        shapeMean += w * g.shape()[q];
        indexMean += w * g.index()[q];
      }
      return new Level(shift, spread, shapeMean, indexMean);
    }

    /** The figures from the night's sums ({@link #sums}). */
    static Level of(double shift, double[] sums) {
      double count = sums[0];
      double spread = sums[1] / count;
      return spread > 0 ? new Level(shift, spread, sums[2] / (spread * count), sums[3] / (spread * count))
          : new Level(shift, spread, sums[4] / count, sums[5] / count);
    }

    /**
     * The sums behind {@link #of(double, double[])} over g's queries at the group's shift: count,
     * p (1 - p), and p (1 - p) x shape, p (1 - p) x index, shape, index (p as kept, a float, in the
     * weights). Slices' sums add.
     */
    static double[] sums(Group g, double shift) {
      double[] out = new double[6];
      out[0] = g.queries().length;
      for (int q = 0; q < g.queries().length; q++) {
        double p = QueryDisagreement.sigmoid(g.logit()[q] + shift);
        out[1] += p * (1 - p);
        double kept = (float) p;
        out[2] += kept * (1 - kept) * g.shape()[q];
        out[3] += kept * (1 - kept) * g.index()[q];
        out[4] += g.shape()[q];
        out[5] += g.index()[q];
      }
      return out;
    }
  }

  /**
   * The rates of a problem of n queries whose groups are {@code groups} ({@link #groups}).
   *
   * @param slots the most cascades a task offers (a query's rates are kept per slot)
   * @param pinned shifts to use where they name the group (explain); null: fit them on these groups
   * @param night per group key its night-wide figures (a slice of a distributed night); null: the
   *     groups are whole, their figures fitted here (or their shifts pinned)
   */
  static EscalationRates of(List<Group> groups, int n, int slots, Shifts pinned, Map<String, Level> night) {
    float[] rate = new float[n * slots];
    float[] sensitivity = new float[n * slots];
    float[] slopeMove = new float[n * slots * 2];
    Map<String, Double> fitted = new TreeMap<>();
    for (Group g : groups) {
      Level level = night == null ? null : night.get(g.key());
      if (night != null && level == null) {
        throw new IllegalStateException("no night-wide escalation figures for " + g.key());
      }
      Double shift = level != null ? Double.valueOf(level.shift())
          : pinned == null ? null : pinned.shift().get(g.key());
      if (shift == null) {
        shift = QueryDisagreement.shift(g.logit(), g.queries().length, g.target());
      }
      fitted.put(g.key(), shift);
      if (level == null) {
        level = Level.of(g, shift);
      }
      double spread = level.spread();
      for (int q = 0; q < g.queries().length; q++) {
        int at = g.queries()[q] * slots + g.slot();
        rate[at] = (float) QueryDisagreement.sigmoid(g.logit()[q] + shift);
        double p = rate[at];
        sensitivity[at] = (float) (spread > 0 ? p * (1 - p) / spread : 1);
        slopeMove[at * 2] = (float) (p * (1 - p) * (g.shape()[q] - level.shapeMean()));
        slopeMove[at * 2 + 1] = (float) (p * (1 - p) * (g.index()[q] - level.indexMean()));
      }
    }
    return new EscalationRates(rate, sensitivity, slopeMove, slots, new Shifts(fitted));
  }

  /**
   * The problem's queries by group (task row, slot, margin bin: the order the rates are fitted in).
   *
   * @param estimates the night's per-model quality estimates (the score step's, before any
   *     exploration bonus), catalog models first, in the problem's query order
   * @param taskOf per query its task's row of {@code byTask}, -1 for a task without cascades
   * @param byTask per task row the cascades by column (null: not offered); slot = rank among a row's cascades
   */
  static List<Group> groups(AssignmentProblem estimates, int[] taskOf, OfferedCascade[][] byTask, double[] margins) {
    List<Group> out = new ArrayList<>();
    int[][] queriesOf = queriesByTask(taskOf, byTask.length);
    for (int t = 0; t < byTask.length; t++) {
      int[] queries = queriesOf[t];
      int s = 0;
      for (OfferedCascade c : byTask[t]) {
        if (c == null) {
          continue;
        }
        double[] logit = new double[queries.length];
        double[] shape = new double[queries.length];
        double[] index = new double[queries.length];
        int[] bin = new int[queries.length];
        int maxBin = -1;
        EscalationSlopes slopes = c.escalationSlopes();
        for (int q = 0; q < queries.length; q++) {
          int i = queries[q];
          shape[q] = QueryDisagreement.baseLogit(estimates.quality(i, c.first()), estimates.quality(i, c.second()),
              c.wrongAgree());
          index[q] = EscalationSlopes.difficultyIndex(j -> estimates.quality(i, j), estimates.optionCount());
          logit[q] = slopes.shape() * shape[q] + slopes.difficulty() * index[q];
          bin[q] = c.bin(margins[i]);
          maxBin = Math.max(maxBin, bin[q]);
        }
        for (int b = -1; b <= maxBin; b++) {
          int count = 0;
          for (int q = 0; q < queries.length; q++) {
            count += bin[q] == b ? 1 : 0;
          }
          if (count == 0) {
            continue;
          }
          int[] members = new int[count];
          double[] l = new double[count];
          double[] sh = new double[count];
          double[] ix = new double[count];
          int k = 0;
          for (int q = 0; q < queries.length; q++) {
            if (bin[q] == b) {
              members[k] = queries[q];
              l[k] = logit[q];
              sh[k] = shape[q];
              ix[k++] = index[q];
            }
          }
          out.add(new Group(Shifts.key(c.task(), c.optionId(), b), c, b, s, members, l, sh, ix));
        }
        s++;
      }
    }
    return out;
  }

  private static int[][] queriesByTask(int[] taskOf, int tasks) {
    int[] count = new int[tasks];
    for (int t : taskOf) {
      if (t >= 0) {
        count[t]++;
      }
    }
    int[][] out = new int[tasks][];
    for (int t = 0; t < tasks; t++) {
      out[t] = new int[count[t]];
    }
    int[] next = new int[tasks];
    for (int i = 0; i < taskOf.length; i++) {
      if (taskOf[i] >= 0) {
        out[taskOf[i]][next[taskOf[i]]++] = i;
      }
    }
    return out;
  }
}
