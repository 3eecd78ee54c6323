package io.allot.generate;

import io.allot.spark.catalog.ModelCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a realistic, deterministic demo world: K nights of query logs and outcomes for a model
 * catalog, plus generator.json with the hidden truth. README-generator.md next to this class
 * states the same model with every parameter.
 *
 * <h2>The model</h2>
 * <ul>
 *   <li><b>Query.</b> Tenant by traffic share (acme 40%, globex 25%, initech 20%, umbrella 15%);
 *       task from the tenant's own mix; latent difficulty δ = tenant shift + N(0,1).
 *   <li><b>Size.</b> prompt_tokens = exp(ln median_task + σ_task·N(0,1) + 0.12·δ), clamped to
 *       16..32000; expected_output_tokens in the task's range, skewed short (min + (max-min)·u^1.5).
 *   <li><b>Correctness.</b> Gaussian copula: model m is right when sqrt(ρ)·δ + sqrt(1-ρ)·ε_m is
 *       below its probit skill θ[m][task], ρ = 0.5, ε_m iid N(0,1). Hard queries are hard for
 *       everyone, and Φ(θ) is the accuracy at δ's mean. Skills come from {@link SkillModel}.
 *   <li><b>Small model's first token.</b> margin (top-1 minus the first non-variant entry) is
 *       lognormal: ln margin ~ N(0.95, 0.75) when the small model is right, N(0.10, 0.75) when
 *       wrong, so its AUC for correctness is Φ(0.85 / (0.75·√2)) ≈ 0.79. 3-5 entries; in 30% of
 *       queries the second entry is a case/space/punctuation variant of top-1 placed between them,
 *       so top-1 minus top-2 is a worse signal. Logprobs are normalised with an unshown rest mass.
 *   <li><b>token_logprobs.</b> 3-8 entries (at most expected_output_tokens), the first is the top
 *       first-token logprob, the rest -s·Exp(1) with s = 0.28 (right) or 0.34 (wrong) times a
 *       per-query factor exp(0.6·N(0,1)), so their mean is a weak signal (AUC ≈ 0.65).
 *   <li><b>Text and embedding.</b> See {@link TextComposer}; the 8-dim embedding is
 *       0.6·task direction + 0.25·tenant direction + 0.35·δ·difficulty direction + N(0, 0.3²).
 *   <li><b>Outcomes.</b> For a labelled query every model gets a row: score 1/0 from the copula;
 *       actual output tokens = expected·exp(0.2·N(0,1)); cost from catalog prices and those
 *       tokens; latency = catalog latency_ms·exp(0.25·N(0,1))·(0.75 + output tokens/800).
 * </ul>
 *
 * <h2>Determinism and streaming</h2>
 * Every query draws from its own generator seeded by (seed, night's epoch day, index), and the
 * label and bad-record decisions are stateless hashes of the same key. Nothing iterates a hash
 * map and nothing reads the clock into a file. Records go straight to the output stream; the only
 * state is one reused {@link QueryDraft}, fixed-size tallies, and the index of the last valid
 * record (for duplicate ids). No collection grows with the number of queries.
 */
public final class DemoDataGenerator {
  /** Query-log lines between two progress calls. */
  public static final long PROGRESS_EVERY = 100_000;
  static final long STREAM_BAD = 2;
  static final long STREAM_BAD_KIND = 3;
  static final long STREAM_LABEL = 4;
  private static final BadRecordKind[] KINDS = BadRecordKind.values();

  private DemoDataGenerator() {
  }

  /** Relative path of a night's query log. */
  public static String queryLogPath(LocalDate night) {
    return "logs/date=" + night + "/queries.jsonl";
  }

  /** Relative path of a night's outcomes. */
  public static String outcomesPath(LocalDate night) {
    return "outcomes/date=" + night + "/outcomes.jsonl";
  }

  /**
   * Generates every night and generator.json under {@code s.outDir()}, replacing files of the same
   * names. Throws {@link UncheckedIOException} when the folder cannot be written and
   * {@link IllegalArgumentException} when the catalog has no small-tier model.
   */
  public static GeneratedSummary generate(GeneratorSettings s, ModelCatalog catalog,
      ProgressListener listener) {
    return generate(s, catalog, listener, PROGRESS_EVERY);
  }

  /** With a custom progress interval, so tests need not write 100k lines to see progress. */
  static GeneratedSummary generate(GeneratorSettings s, ModelCatalog catalog,
      ProgressListener listener, long progressEvery) {
    ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
    SkillModel skills = new SkillModel(catalog);
    QuerySampler sampler = new QuerySampler(s.seed(), skills);
    QueryDraft draft = new QueryDraft(skills.models());
    Tally tally = new Tally(skills);
    long started = System.nanoTime();
    long total = s.totalQueries();
    long written = 0;
    long bad = 0;
    long labelled = 0;
    long outcomeRows = 0;
    List<GeneratedSummary.Night> nights = new ArrayList<>(s.nights());
    try {
      for (LocalDate date : s.nightDates()) {
        long count = s.queriesOn(date);
        long night = date.toEpochDay();
        Map<BadRecordKind, Long> badByKind = new EnumMap<>(BadRecordKind.class);
        for (BadRecordKind k : KINDS) {
          badByKind.put(k, 0L);
        }
        long nightLabelled = 0;
        long lastValid = -1;
        Path out = s.outDir();
        try (NightWriter w = new NightWriter(out.resolve(queryLogPath(date)),
            out.resolve(outcomesPath(date)), date, count, skills)) {
          for (long i = 0; i < count; i++) {
            BadRecordKind kind = badKind(s, night, i, lastValid);
            sampler.draw(night, i, count, draft);
            w.writeQuery(draft, kind, lastValid);
            if (kind != null) {
              badByKind.merge(kind, 1L, Long::sum);
            } else {
              lastValid = i;
              tally.add(draft);
              if (Rng.unit(s.seed(), STREAM_LABEL, night, i) < s.labelFraction()) {
                sampler.drawOutcomes(draft);
                w.writeOutcomes(draft);
                nightLabelled++;
              }
            }
            if (++written % progressEvery == 0) {
              progress.onProgress(written, total, Duration.ofNanos(System.nanoTime() - started));
            }
          }
          w.commit();
        }
        long nightBad = badByKind.values().stream().mapToLong(Long::longValue).sum();
        long rows = nightLabelled * skills.models();
        nights.add(new GeneratedSummary.Night(date, queryLogPath(date), outcomesPath(date), count,
            count - nightBad, nightLabelled, rows, Collections.unmodifiableMap(badByKind)));
        bad += nightBad;
        labelled += nightLabelled;
        outcomeRows += rows;
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      if (written % progressEvery != 0 || written == 0) {
        progress.onProgress(written, total, elapsed);
      }
      GeneratedSummary summary = tally.summarize(nights, written, bad, labelled, outcomeRows, elapsed);
      SummaryFile.write(s.outDir(), s, summary);
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write demo data under " + s.outDir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Null for a clean record. A duplicate needs an earlier valid id to copy, so at the start of a
   * night it falls back to malformed JSON.
   */
  private static BadRecordKind badKind(GeneratorSettings s, long night, long i, long lastValid) {
    if (s.badRecordFraction() <= 0 || Rng.unit(s.seed(), STREAM_BAD, night, i) >= s.badRecordFraction()) {
      return null;
    }
    BadRecordKind k = KINDS[(int) (Rng.unit(s.seed(), STREAM_BAD_KIND, night, i) * KINDS.length)];
    return k == BadRecordKind.DUPLICATE_QUERY_ID && lastValid < 0 ? BadRecordKind.MALFORMED_JSON : k;
  }
}
