package io.allot.solve;

import io.allot.agreement.CascadeOffer;
import io.allot.agreement.OfferedCascade;
import io.allot.agreement.QueryDisagreement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;

/**
 * The cascades' escalation rates fitted on a whole distributed night ({@link EscalationRates}):
 * each group's (task, cascade, margin bin) shift is fitted by the driver path's search
 * ({@link QueryDisagreement.Search}), each step's means summed over the slices by one Spark job,
 * and then the group's spread and weighted means are summed the same way. The slices then build
 * their cascade columns with these night-wide figures, so a query's rate is the one the driver
 * path gives it.
 */
final class NightEscalation {
  private NightEscalation() {}

  /**
   * @param groups per slice its queries' groups ({@link CascadeColumns#escalationGroups}), cached
   * @return per group key its night-wide figures
   */
  static TreeMap<String, EscalationRates.Level> fit(JavaRDD<List<EscalationRates.Group>> groups, CascadeOffer offer) {
    Map<String, Double> target = new HashMap<>();
    for (OfferedCascade c : offer.offered()) {
      for (int b = -1; b <= c.marginEdges().length; b++) {
        target.put(EscalationRates.Shifts.key(c.task(), c.optionId(), b), c.binDisagreeRate(b));
      }
    }
    Map<String, double[]> sizes = sum(groups, g -> {
      double logits = 0;
      for (double l : g.logit()) {
        logits += l;
      }
      return new double[] {g.queries().length, logits};
    });
    Map<String, QueryDisagreement.Search> searches = new TreeMap<>();
    sizes.forEach((key, s) -> searches.put(key, new QueryDisagreement.Search(target.get(key), s[1] / s[0])));
    while (true) {
      HashMap<String, Double> at = new HashMap<>();
      searches.forEach((key, s) -> {
        if (!s.done()) {
          at.put(key, s.shift());
        }
      });
      if (at.isEmpty()) {
        break;
      }
      Map<String, double[]> means = sum(groups, g -> {
        Double shift = at.get(g.key());
        if (shift == null) {
          return null;
        }
        double[] out = new double[2];
        for (double l : g.logit()) {
          double p = QueryDisagreement.sigmoid(l + shift);
          out[0] += p;
          out[1] += p * (1 - p);
        }
        return out;
      });
      at.keySet().forEach(key -> {
        double count = sizes.get(key)[0];
        searches.get(key).step(means.get(key)[0] / count, means.get(key)[1] / count);
      });
    }
    HashMap<String, Double> shifts = new HashMap<>();
    searches.forEach((key, s) -> shifts.put(key, s.shift()));
    Map<String, double[]> sums = sum(groups, g -> EscalationRates.Level.sums(g, shifts.get(g.key())));
    TreeMap<String, EscalationRates.Level> out = new TreeMap<>();
    sums.forEach((key, s) -> out.put(key, EscalationRates.Level.of(shifts.get(key), s)));
    return out;
  }

  /** The shifts to pin in the run folder, as the driver path pins them. */
  static EscalationRates.Shifts shifts(Map<String, EscalationRates.Level> levels) {
    Map<String, Double> out = new TreeMap<>();
    levels.forEach((key, level) -> out.put(key, level.shift()));
    return new EscalationRates.Shifts(out);
  }

  /** Per group key the sum over the slices of {@code f} (null: the group takes no part). */
  private static Map<String, double[]> sum(JavaRDD<List<EscalationRates.Group>> groups,
      Function<EscalationRates.Group, double[]> f) {
    return ScoredSlices.sparkCall(() -> groups.map(list -> {
      HashMap<String, double[]> m = new HashMap<>();
      for (EscalationRates.Group g : list) {
        double[] v = f.call(g);
        if (v != null) {
          m.merge(g.key(), v, NightEscalation::add);
        }
      }
      return m;
    }).reduce(NightEscalation::merge));
  }

  private static HashMap<String, double[]> merge(HashMap<String, double[]> a, HashMap<String, double[]> b) {
    HashMap<String, double[]> out = new HashMap<>(a);
    b.forEach((key, v) -> out.merge(key, v, NightEscalation::add));
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = a.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] += b[k];
    }
    return out;
  }
}
