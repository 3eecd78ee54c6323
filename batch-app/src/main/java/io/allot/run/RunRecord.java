package io.allot.run;

import java.nio.file.Path;

/** A run as the steps see it: its id (the job instance id), its settings and its folder. */
public record RunRecord(long runId, String status, RunSettings settings, Path folder) {

  public Path ingestDir() {
    return folder.resolve("ingest");
  }

  public Path scoreDir() {
    return folder.resolve("score");
  }

  public Path solveDir() {
    return folder.resolve("solve");
  }

  public Path reportDir() {
    return folder.resolve("report");
  }
}
