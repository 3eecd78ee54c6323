package io.allot.solve;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The solve step's output and the publish step's input: one CSV line per query,
 * {@code query_id,tenant,model_id,expected_quality,expected_cost_usd,option_id}, in PostgreSQL's CSV
 * dialect so it can be streamed into COPY unchanged. Written to a temporary file and renamed, so
 * a crash never leaves a half file behind.
 */
public final class AssignmentFile {
  public static final String COLUMNS = "query_id, tenant, model_id, expected_quality, expected_cost_usd, option_id";
  /** The columns of a file written before SelectLLM subsets (no option_id; a restarted old run's). */
  public static final String LEGACY_COLUMNS = "query_id, tenant, model_id, expected_quality, expected_cost_usd";
  private static final int FIELDS = 6;

  private AssignmentFile() {}

  /**
   * One row of the file. optionId is the chosen option (a model id, or a SelectLLM subset such as
   * {@code gpt-4o+claude-3}); modelId is the option's model, for a subset its lead member.
   */
  public record Row(String queryId, String tenant, String modelId, double expectedQuality, double expectedCostUsd,
      String optionId) {

    /** A single-model row: the option is the model. */
    public Row(String queryId, String tenant, String modelId, double expectedQuality, double expectedCostUsd) {
      this(queryId, tenant, modelId, expectedQuality, expectedCostUsd, modelId);
    }
  }

  /** Supplies row i of n. */
  public interface RowSource {
    Row row(int i);
  }

  public static void write(Path file, int rows, RowSource source) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(128);
      for (int i = 0; i < rows; i++) {
        Row r = source.row(i);
        line.setLength(0);
        quote(line, r.queryId()).append(',');
        quote(line, r.tenant()).append(',');
        quote(line, r.modelId()).append(',');
        line.append(r.expectedQuality()).append(',').append(r.expectedCostUsd()).append(',');
        quote(line, r.optionId()).append('\n');
        w.append(line);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The COPY column list for a file: {@link #COLUMNS}, or {@link #LEGACY_COLUMNS} for a file an
   * older version wrote, whose lines end with the (unquoted) cost instead of the quoted option id.
   */
  public static String columnsOf(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      return first == null || first.endsWith("\"") ? COLUMNS : LEGACY_COLUMNS;
    }
  }

  /** Parses one line written by {@link #write}. */
  public static Row parse(String line) {
    String[] f = new String[FIELDS];
    int field = 0;
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',' && field < FIELDS - 1) {
        f[field++] = cur.toString();
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    f[field] = cur.toString();
    if (field != FIELDS - 1) {
      throw new IllegalArgumentException("assignment line has " + (field + 1) + " fields, expected " + FIELDS + ": "
          + line);
    }
    return new Row(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]), f[5]);
  }

  private static StringBuilder quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') {
        sb.append('"');
      }
      sb.append(ch);
    }
    return sb.append('"');
  }
}
