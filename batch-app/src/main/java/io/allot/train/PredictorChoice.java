package io.allot.train;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which trained predictor a run scores with: the version pinned to the run if its score step ran
 * before (so a restarted run scores exactly as an uninterrupted one), else the newest version
 * trained on nights before the run date (by default only one whose held-out Brier score beat the
 * smoothed per-task means: a challenger that loses to the baseline is recorded but not used), which is then
 * pinned. None when the predictor is turned off or none qualifies: the score step then uses the
 * smoothed per-task means.
 */
@Component
public class PredictorChoice {
  private static final Logger log = LoggerFactory.getLogger(PredictorChoice.class);
  private final PredictorProperties props;
  private final PredictorRepository versions;

  public PredictorChoice(PredictorProperties props, PredictorRepository versions) {
    this.props = props;
    this.versions = versions;
  }

  /** A version and the catalog models it scores (the others keep their smoothed means). */
  public record Choice(PredictorVersion version, List<String> models) {}

  public Optional<Choice> forRun(long runId, LocalDate runDate) {
    Optional<Long> pinned = versions.pinnedVersion(runId);
    if (pinned.isPresent()) {
      PredictorVersion v = versions.find(pinned.get()).orElseThrow(() -> new IllegalStateException(
          "run " + runId + " scored with predictor version " + pinned.get() + ", which is no longer in predictor_version"));
      return Optional.of(new Choice(v, versions.modelsToUse(v.versionId(), props.onlyIfBetter())));
    }
    if (!props.enabled()) {
      log.info("run {}: allot.predictor.enabled is false; quality from smoothed per-task means", runId);
      return Optional.empty();
    }
    Optional<PredictorVersion> newest = versions.newestBefore(runDate, props.onlyIfBetter());
    if (newest.isEmpty()) {
      boolean anyTrained = versions.newestBefore(runDate, false).isPresent();
      log.info("run {}: {}; quality from smoothed per-task means", runId, anyTrained
          ? "no predictor trained on nights before " + runDate + " beat the smoothed per-task means on held-out queries"
              + " (predictor_version.beats_smoothed; allot.predictor.promote=always takes the newest anyway)"
          : "no predictor trained on nights before " + runDate + " (run ./allot train-predictor to train one)");
      return Optional.empty();
    }
    versions.pin(runId, newest.get().versionId());
    List<String> models = versions.modelsToUse(newest.get().versionId(), props.onlyIfBetter());
    log.info("run {}: scoring with predictor version {} (trained on {} .. {}) for {}; smoothed per-task means for"
        + " the rest", runId, newest.get().versionId(), newest.get().dataFrom(), newest.get().dataTo(), models);
    return Optional.of(new Choice(newest.get(), models));
  }
}
