package io.allot.solve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Why one query got its option: every option's quality, cost and value at the run's dual prices
 * (quality less the priced use of budget, capacities, tenant cap, plus quota rewards), the
 * runner-up, the prices, and which constraints bind. Text for {@code allot explain}.
 */
public final class QueryExplanation {

  /**
   * One option of the query as scored: quality and cost NaN when it was not allowed. A SelectLLM
   * subset lists its member models with their own predicted quality; its quality is P(vote right).
   */
  public record Option(String id, double quality, double costUsd, boolean allowed, String note, List<Member> members) {

    /** A single-model option. */
    public Option(String id, double quality, double costUsd, boolean allowed, String note) {
      this(id, quality, costUsd, allowed, note, List.of(new Member(id, quality, costUsd)));
    }

    boolean isSubset() {
      return members.size() > 1;
    }
  }

  /** A model an option calls, with its predicted quality and cost for this query. */
  public record Member(String modelId, double quality, double costUsd) {}

  private QueryExplanation() {}

  /**
   * @param options the query's options: single models in catalog order, then SelectLLM subsets
   * @param chosen id of the option the run assigned
   * @param duals the run's rows of run_dual_price
   */
  public static String render(long runId, String queryId, String tenant, long tokens, List<Option> options,
      String chosen, List<DualPriceRow> duals) {
    double lambda = price(duals, "budget", "") + price(duals, "tenant_budget", tenant);
    List<double[]> values = new ArrayList<>();
    for (int j = 0; j < options.size(); j++) {
      Option o = options.get(j);
      double value = Double.NEGATIVE_INFINITY;
      if (o.allowed()) {
        // A subset uses a query's worth of capacity, tokens and quota on each member.
        value = o.quality() - lambda * o.costUsd();
        for (Member m : o.members()) {
          value += -price(duals, "capacity", m.modelId()) - price(duals, "tokens", m.modelId()) * tokens
              + price(duals, "quota", m.modelId());
        }
      }
      values.add(new double[] {j, value});
    }
    values.sort(Comparator.comparingDouble((double[] v) -> v[1]).reversed());
    int chosenIndex = -1;
    for (int j = 0; j < options.size(); j++) {
      if (options.get(j).id().equals(chosen)) {
        chosenIndex = j;
      }
    }
    if (chosenIndex < 0) {
      throw new IllegalStateException("run " + runId + " assigned query '" + queryId + "' to '" + chosen
          + "', which is not among its scored options");
    }
    int runnerUp = -1;
    for (double[] v : values) {
      if ((int) v[0] != chosenIndex && v[1] > Double.NEGATIVE_INFINITY) {
        runnerUp = (int) v[0];
        break;
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "run %d, query %s (tenant %s, %,d tokens)%n", runId, queryId, tenant, tokens));
    out.append(line("chosen", options.get(chosenIndex), value(values, chosenIndex)));
    if (runnerUp >= 0) {
      out.append(line("runner-up", options.get(runnerUp), value(values, runnerUp)));
    }
    if (runnerUp >= 0 && value(values, runnerUp) > value(values, chosenIndex)) {
      out.append("  (the prices alone favour the runner-up; the repair or the local search moved this query to meet "
          + "a constraint or to use budget the prices left)\n");
    }
    out.append("\noptions (value = quality - price of cost and capacity used + quota reward):\n");
    // SelectLLM subset ids (a+b+c) are long: the id column is as wide as the longest.
    String id = "  %-" + Math.max(22, options.stream().mapToInt(o -> o.id().length()).max().orElse(0)) + "s";
    out.append(String.format(Locale.ROOT, id + " %9s %12s %10s%n", "option", "quality", "cost USD", "value"));
    for (double[] v : values) {
      Option o = options.get((int) v[0]);
      out.append(o.allowed()
          ? String.format(Locale.ROOT, id + " %9.4f %12.6f %10.4f%n", o.id(), o.quality(), o.costUsd(), v[1])
          : String.format(Locale.ROOT, id + " %s%n", o.id(), "not allowed: " + o.note()));
    }
    out.append("\nprices of the run's duals and the constraints:\n");
    for (DualPriceRow d : duals) {
      out.append(String.format(Locale.ROOT, "  %-13s %-20s price %-12s used %s of %s%s%n", d.kind(),
          d.subject().isEmpty() ? "-" : d.subject(), g(d.price()) + unit(d.kind()), g(d.used()), g(d.limit()),
          d.binds() ? "  BINDS" : ""));
    }
    return out.toString();
  }

  private static String line(String label, Option o, double value) {
    String out = String.format(Locale.ROOT, "%-10s %-22s quality %.4f, cost $%.6f, value at the run's prices %.4f%n",
        label + ":", o.id(), o.quality(), o.costUsd(), value);
    if (o.isSubset()) {
      StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
          "%11s SelectLLM subset: a confidence-weighted vote of %d models, P(vote right) %.4f; members:",
          "", o.members().size(), o.quality()));
      for (Member member : o.members()) {
        m.append(String.format(Locale.ROOT, " %s (quality %.4f, $%.6f)", member.modelId(), member.quality(),
            member.costUsd()));
      }
      out += m.append('\n');
    }
    return out;
  }

  private static double value(List<double[]> values, int index) {
    for (double[] v : values) {
      if ((int) v[0] == index) {
        return v[1];
      }
    }
    return Double.NaN;
  }

  private static double price(List<DualPriceRow> duals, String kind, String subject) {
    for (DualPriceRow d : duals) {
      if (d.kind().equals(kind) && d.subject().equals(subject == null ? "" : subject)) {
        return d.price();
      }
    }
    return 0;
  }

  private static String unit(String kind) {
    return switch (kind) {
      case "budget", "tenant_budget" -> "/USD";
      case "tokens" -> "/token";
      default -> "/query";
    };
  }

  private static String g(double v) {
    return v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e7) ? String.format(Locale.ROOT, "%.3e", v)
        : String.format(Locale.ROOT, "%.4f", v).replaceAll("\\.?0+$", "");
  }
}
