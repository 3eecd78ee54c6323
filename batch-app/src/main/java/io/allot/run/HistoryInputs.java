package io.allot.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The labelled history of a run: the date partitions ({@code date=YYYY-MM-DD}) of the log and
 * outcome roots that fall in the window before the run date. The run's own night is never part
 * of it, so tonight's labels cannot leak into tonight's predictions.
 */
public record HistoryInputs(List<String> logs, List<String> outcomes) {

  public static HistoryInputs find(Path logRoot, Path outcomesRoot, LocalDate runDate, int days) {
    return new HistoryInputs(partitions(logRoot, runDate, days), partitions(outcomesRoot, runDate, days));
  }

  static List<String> partitions(Path root, LocalDate runDate, int days) {
    List<String> out = new ArrayList<>();
    if (root == null || !Files.isDirectory(root)) {
      return out;
    }
    LocalDate from = runDate.minusDays(days);
    try (Stream<Path> children = Files.list(root)) {
      children.filter(Files::isDirectory).sorted().forEach(dir -> {
        String name = dir.getFileName().toString();
        if (!name.startsWith("date=")) {
          return;
        }
        try {
          LocalDate d = LocalDate.parse(name.substring(5));
          if (!d.isBefore(from) && d.isBefore(runDate)) {
            out.add(dir.toString());
          }
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("partition folder " + dir + " is not named date=YYYY-MM-DD");
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return out;
  }
}
