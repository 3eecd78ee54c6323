package io.allot.lab.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes small RouterBench-format CSVs with a known truth. "cheap" ($0.001) is right on poems
 * only, "mid" ($0.01) on maths only, "big" ($0.10) on every row but each seventh. Prompts hold
 * quoted newlines and commas, as the real files do. Chosen cells can be left empty.
 */
final class RoutingFixture {
  static final String[] MODELS = {"cheap", "mid", "big"};
  static final double[] COST = {0.001, 0.01, 0.1};

  private RoutingFixture() {}

  static boolean isMaths(int row) {
    return row % 2 == 0;
  }

  static double score(int row, int model) {
    return switch (model) {
      case 0 -> isMaths(row) ? 0 : 1;
      case 1 -> isMaths(row) ? 1 : 0;
      default -> row % 7 == 3 ? 0 : 1;
    };
  }

  /** @param emptyCells "row:column" cells left empty, e.g. "4:mid|total_cost" */
  static Path write(Path file, int rows, int firstIndex, List<String> emptyCells) throws IOException {
    List<String> header = new ArrayList<>(List.of("", "sample_id", "prompt", "eval_name"));
    for (String m : MODELS) {
      header.add(m);
    }
    for (String m : MODELS) {
      header.add(m + "|total_cost");
    }
    header.add("oracle_model_to_route_to");
    StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
    for (int r = 0; r < rows; r++) {
      String text = isMaths(r)
          ? "['Compute the integral of x squared,\\nthen solve equation number " + r + "']"
          : "['Write a short poem about autumn leaves, rhyme and rhythm " + r + "']";
      List<String> cells = new ArrayList<>(List.of(String.valueOf(firstIndex + r),
          "fixture." + (r % 5), "\"" + text.replace("\"", "\"\"") + "\"", "fixture"));
      for (int j = 0; j < MODELS.length; j++) {
        cells.add(cell(emptyCells, r, MODELS[j], String.valueOf(score(r, j))));
      }
      for (int j = 0; j < MODELS.length; j++) {
        cells.add(cell(emptyCells, r, MODELS[j] + "|total_cost",
            String.format(Locale.ROOT, "%.4f", COST[j])));
      }
      cells.add("cheap");
      csv.append(String.join(",", cells)).append('\n');
    }
    Files.writeString(file, csv.toString());
    return file;
  }

  private static String cell(List<String> empty, int row, String column, String value) {
    return empty.contains(row + ":" + column) ? "" : value;
  }
}
