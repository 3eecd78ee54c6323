package io.allot.train;

import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which trained predictor a run scores with: the version pinned to the run if its score step ran
 * before (so a restarted run scores exactly as an uninterrupted one), else the newest version
 * trained on nights before the run date, which is then pinned. None when the predictor is turned
 * off or was never trained: the score step then uses the smoothed per-task means.
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

  public Optional<PredictorVersion> forRun(long runId, LocalDate runDate) {
    Optional<Long> pinned = versions.pinnedVersion(runId);
    if (pinned.isPresent()) {
      return Optional.of(versions.find(pinned.get()).orElseThrow(() -> new IllegalStateException(
          "run " + runId + " scored with predictor version " + pinned.get() + ", which is no longer in predictor_version")));
    }
    if (!props.enabled()) {
      log.info("run {}: allot.predictor.enabled is false; quality from smoothed per-task means", runId);
      return Optional.empty();
    }
    Optional<PredictorVersion> newest = versions.newestBefore(runDate);
    if (newest.isEmpty()) {
      log.info("run {}: no predictor trained on nights before {}; quality from smoothed per-task means"
          + " (run ./allot train-predictor to train one)", runId, runDate);
      return Optional.empty();
    }
    versions.pin(runId, newest.get().versionId());
    log.info("run {}: scoring with predictor version {} (trained on {} .. {})", runId, newest.get().versionId(),
        newest.get().dataFrom(), newest.get().dataTo());
    return newest;
  }
}
