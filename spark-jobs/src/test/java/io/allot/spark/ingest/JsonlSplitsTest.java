package io.allot.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allot.spark.ingest.InputFiles.InputFile;
import io.allot.spark.ingest.JsonlSplits.Line;
import io.allot.spark.ingest.JsonlSplits.Split;
import io.allot.spark.testing.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line numbers from counted line ends must be the lines' places in the file, for any split size. */
class JsonlSplitsTest {
  @TempDir Path tmp;

  @Test
  void numbersEveryLineAsAnEditorDoesForAnySplitSize() throws IOException {
    Random rnd = new Random(11);
    StringBuilder sb = new StringBuilder("\uFEFF");
    List<String> expected = new ArrayList<>();
    String[] ends = {"\n", "\r\n", "\r", "\n", "\n"};
    String end = "";
    for (int i = 0; i < 120; i++) {
      // After a lone CR an empty line would make its LF part of a CRLF: no empty line there.
      boolean empty = rnd.nextInt(8) == 0 && !end.equals("\r");
      String text = empty ? "" : "line " + i + " " + "x".repeat(rnd.nextInt(5) == 0 ? 90 : rnd.nextInt(9));
      expected.add((i + 1) + ":" + text);
      end = ends[rnd.nextInt(ends.length)];
      sb.append(text).append(end);
    }
    sb.append("last, no line end");
    expected.add("121:last, no line end");
    Path file = tmp.resolve("f.jsonl");
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    InputFile f = new InputFile(0, file.toString(), "f.jsonl", InputFormat.JSONL, "");
    for (long size : new long[] {0, 1, 2, 3, 7, 50, 97, 1000}) {
      List<String> got = new ArrayList<>();
      for (Split s : JsonlSplits.plan(sc, f, "line ", size)) {
        Iterator<Line> it = JsonlSplits.lines(s, sc.hadoopConfiguration());
        while (it.hasNext()) {
          Line l = it.next();
          got.add(l.number + ":" + l.text());
        }
      }
      assertEquals(expected, got, "split size " + size);
    }
  }
}
