package io.allot.spark.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Expands input paths (files or directories, any Hadoop file system) into a sorted list of data
 * files with their format. Files are sorted by path so that "first occurrence" of a duplicate and
 * the record references are the same on every run.
 */
public final class InputFiles {
  private static final List<String> JSONL_EXT = List.of(".jsonl", ".json", ".ndjson");
  private static final List<String> COMPRESSED = List.of("", ".gz", ".bz2");
  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  /**
   * One data file; {@code name} is what record references show; {@code night} is the name of the
   * nearest {@code date=YYYY-MM-DD} folder holding it, or "" when it is not in one.
   */
  public record InputFile(int index, String path, String name, InputFormat format, String night)
      implements Serializable {}

  private InputFiles() {}

  public static List<InputFile> resolve(Configuration conf, List<String> paths, InputFormat format) {
    List<String[]> found = new ArrayList<>(); // {path, format}
    for (String p : paths) {
      try {
        Path path = new Path(p);
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
          throw new InputFormatException("input path " + p + " does not exist");
        }
        if (fs.getFileStatus(path).isFile()) {
          found.add(new String[] {path.toString(), formatOf(fs, path, format, true).name()});
          continue;
        }
        FileStatus[] children = fs.listStatus(path);
        Arrays.sort(children, Comparator.comparing(s -> s.getPath().toString()));
        int before = found.size();
        for (FileStatus c : children) {
          String n = c.getPath().getName();
          // Hidden and underscore files are Spark/Hadoop bookkeeping (_SUCCESS, .crc).
          if (c.isDirectory() || n.startsWith(".") || n.startsWith("_")) {
            continue;
          }
          found.add(new String[] {c.getPath().toString(), formatOf(fs, c.getPath(), format, false).name()});
        }
        if (found.size() == before) {
          throw new InputFormatException("input directory " + p + " holds no data files");
        }
      } catch (IOException e) {
        throw new InputFormatException("cannot list input path " + p + ": " + e.getMessage());
      }
    }
    Set<String> names = new HashSet<>();
    boolean namesUnique = found.stream().allMatch(f -> names.add(new Path(f[0]).getName()));
    List<InputFile> out = new ArrayList<>();
    for (String[] f : found) {
      String name = namesUnique ? new Path(f[0]).getName() : f[0];
      out.add(new InputFile(out.size(), f[0], name, InputFormat.valueOf(f[1]), nightOf(new Path(f[0]))));
    }
    return out;
  }

  /**
   * The night partition of a file: history query_ids are unique within a night only, so a history
   * query (and the outcome that labels it) is known by its night and its id.
   */
  /** The night of the files in a folder ({@link #nightOf}): the folder's own date= name or its nearest date= parent's. */
  public static String nightOfFolder(String folder) {
    return nightOf(new Path(folder, "_"));
  }

  static String nightOf(Path file) {
    for (Path p = file.getParent(); p != null; p = p.getParent()) {
      if (p.getName().startsWith("date=")) {
        return p.getName();
      }
    }
    return "";
  }

  private static InputFormat formatOf(FileSystem fs, Path p, InputFormat requested, boolean explicitFile)
      throws IOException {
    String n = p.getName().toLowerCase(Locale.ROOT);
    boolean jsonExt = JSONL_EXT.stream().anyMatch(e -> COMPRESSED.stream().anyMatch(c -> n.endsWith(e + c)));
    boolean parquetExt = n.endsWith(".parquet");
    if (requested != InputFormat.AUTO) {
      if (!explicitFile && !jsonExt && !parquetExt) {
        throw unrecognised(p);
      }
      return requested;
    }
    if (parquetExt) {
      return InputFormat.PARQUET;
    }
    if (jsonExt) {
      return InputFormat.JSONL;
    }
    if (explicitFile) {
      return hasParquetMagic(fs, p) ? InputFormat.PARQUET : InputFormat.JSONL;
    }
    throw unrecognised(p);
  }

  private static InputFormatException unrecognised(Path p) {
    // Refusing beats skipping: a skipped file would be silent loss of its records.
    return new InputFormatException("input file " + p + " is neither JSONL (.jsonl, .json, .ndjson, "
        + "optionally .gz/.bz2) nor Parquet (.parquet); move it out of the input directory");
  }

  private static boolean hasParquetMagic(FileSystem fs, Path p) throws IOException {
    byte[] head = new byte[PARQUET_MAGIC.length];
    try (FSDataInputStream in = fs.open(p)) {
      return in.read(head) == head.length && Arrays.equals(head, PARQUET_MAGIC);
    }
  }
}
