package io.allot.spark.ingest;

import io.allot.spark.ingest.InputFiles.InputFile;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A JSONL file as byte-range splits (one Spark partition each, Hadoop's own splits: one per block),
 * read with Hadoop's {@link LineRecordReader} straight into the line's bytes, each line with its
 * 1-based number in the file.
 *
 * <p>Line numbers without a pass that decodes the lines: a split's first line number is 1 plus the
 * line terminators before it, and those are counted in a cheap first job over the raw bytes of the
 * splits before it (LF, CRLF and a lone CR each end a line, as {@link LineRecordReader} reads them).
 * A split that does not start the file begins with the rest of a line the split before reads, which
 * holds exactly one terminator; after that every line read is the next number. A compressed file
 * is one split, numbered from 1, and needs no count.
 */
final class JsonlSplits {
  private static final int BUFFER = 1 << 20;
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

  /** One partition's byte range of a file, with the number of line ends in the file before it. */
  record Split(InputFile file, String refPrefix, long start, long length, boolean compressed, long endsBefore)
      implements Serializable {
    Split withEndsBefore(long n) {
      return new Split(file, refPrefix, start, length, compressed, n);
    }
  }

  /** One line read (the holder is reused for the next line: read it before moving on). */
  static final class Line {
    InputFile file;
    String refPrefix;
    long number;
    byte[] bytes;
    int offset;
    int length;

    /** The line as text, as Hadoop decodes it (a malformed UTF-8 sequence becomes U+FFFD). */
    String text() {
      String s = decode(bytes, offset, length);
      return number == 1 && s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
  }

  private JsonlSplits() {}

  /**
   * The splits of a JSONL file, each with its first line number (a Spark job counts the line ends
   * when the file has more than one split).
   *
   * @param maxSplitBytes 0 for Hadoop's split size (the file system's block size); tests set less
   */
  static List<Split> plan(JavaSparkContext sc, InputFile f, String refPrefix, long maxSplitBytes) {
    Configuration conf = new Configuration(sc.hadoopConfiguration());
    if (maxSplitBytes > 0) {
      conf.setLong(FileInputFormat.SPLIT_MAXSIZE, maxSplitBytes);
    }
    Path path = new Path(f.path());
    List<Split> splits = new ArrayList<>();
    try {
      if (new CompressionCodecFactory(conf).getCodec(path) != null) {
        long length = path.getFileSystem(conf).getFileStatus(path).getLen();
        return List.of(new Split(f, refPrefix, 0, length, true, 0));
      }
      Job job = Job.getInstance(conf);
      FileInputFormat.setInputPaths(job, path);
      for (InputSplit s : new TextInputFormat().getSplits(job)) {
        FileSplit fs = (FileSplit) s;
        splits.add(new Split(f, refPrefix, fs.getStart(), fs.getLength(), false, 0));
      }
    } catch (IOException e) {
      throw new InputFormatException("cannot split input file " + f.path() + ": " + e.getMessage());
    }
    splits.sort(java.util.Comparator.comparingLong(Split::start));
    if (splits.size() == 1) {
      return splits;
    }
    // The last split's own count is never needed.
    org.apache.spark.broadcast.Broadcast<org.apache.spark.util.SerializableConfiguration> c =
        sc.broadcast(new org.apache.spark.util.SerializableConfiguration(conf));
    List<Long> ends = sc.parallelize(splits.subList(0, splits.size() - 1), splits.size() - 1)
        .map(s -> lineEnds(s, c.value().value())).collect();
    c.destroy();
    List<Split> out = new ArrayList<>(splits.size());
    long before = 0;
    for (int i = 0; i < splits.size(); i++) {
      out.add(splits.get(i).withEndsBefore(before));
      if (i < ends.size()) {
        before += ends.get(i);
      }
    }
    return out;
  }

  /** Line terminators whose last byte lies in the split's range (a CRLF counts at its LF). */
  static long lineEnds(Split s, Configuration conf) throws IOException {
    Path path = new Path(s.file().path());
    FileSystem fs = path.getFileSystem(conf);
    long n = 0;
    try (FSDataInputStream in = fs.open(path)) {
      in.seek(s.start());
      byte[] buf = new byte[BUFFER];
      java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(buf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      long left = s.length();
      boolean crPending = false;
      while (left > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          break;
        }
        int i = 0;
        while (i < r) {
          // Eight bytes at a time when none is a CR: their LFs are counted with bit tricks.
          if (!crPending && i + 8 <= r) {
            long w = words.getLong(i);
            if (zeroBytes(w ^ CRS) == 0) {
              n += Long.bitCount(zeroBytes(w ^ LFS));
              i += 8;
              continue;
            }
          }
          byte b = buf[i++];
          if (b == '\n') {
            n++;
            crPending = false;
          } else {
            if (crPending) {
              n++; // the CR before ended a line on its own
            }
            crPending = b == '\r';
          }
        }
        left -= r;
      }
      if (crPending) {
        int next = in.read(); // a CR at the end of the range: a line end unless an LF follows
        if (next != '\n') {
          n++;
        }
      }
    }
    return n;
  }

  /** The high bit of each byte of {@code x} that is zero, and nothing else. */
  private static long zeroBytes(long x) {
    return ~(((x & LOW7) + LOW7) | x | LOW7);
  }

  /** The split's lines in order, blank ones included (the caller skips them; they keep their numbers). */
  static Iterator<Line> lines(Split s, Configuration conf) {
    try {
      return s.compressed() ? hadoopLines(s, conf) : new RangeLines(s, conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + s.file().path(), e);
    }
  }

  /** A compressed file's lines, through Hadoop's reader and codec, numbered from 1. */
  private static Iterator<Line> hadoopLines(Split s, Configuration conf) throws IOException {
    LineRecordReader reader = new LineRecordReader();
    reader.initialize(new FileSplit(new Path(s.file().path()), s.start(), s.length(), new String[0]),
        new TaskAttemptContextImpl(conf, new TaskAttemptID()));
    return new LineIterator(s) {
      @Override
      boolean advance() throws IOException {
        if (!reader.nextKeyValue()) {
          return false;
        }
        Text t = reader.getCurrentValue();
        set(t.getBytes(), 0, t.getLength());
        return true;
      }

      @Override
      void close() throws IOException {
        reader.close();
      }
    };
  }

  /** Lines read one ahead; the one {@link Line} holder is filled again for each. */
  private abstract static class LineIterator implements Iterator<Line> {
    final Line line = new Line();
    private boolean ahead;
    private boolean done;

    LineIterator(Split s) {
      line.file = s.file();
      line.refPrefix = s.refPrefix();
      line.number = s.endsBefore();
    }

    /** Reads the next line into {@link #line}; false when there is none. */
    abstract boolean advance() throws IOException;

    abstract void close() throws IOException;

    final void set(byte[] bytes, int offset, int length) {
      line.bytes = bytes;
      line.offset = offset;
      line.length = length;
    }

    @Override
    public final boolean hasNext() {
      if (!ahead && !done) {
        try {
          ahead = advance();
          if (!ahead) {
            done = true;
            close();
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + line.file.path(), e);
        }
      }
      return ahead;
    }

    @Override
    public final Line next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ahead = false;
      line.number++;
      return line;
    }
  }

  /**
   * The lines that start in an uncompressed split's byte range, read from the file's bytes with
   * no copy unless a line crosses the read buffer. A line starts at 0 (after a UTF-8 byte-order
   * mark, as Hadoop's reader skips it) or right after a line end; the split reads each line that
   * starts in it to its end, past the range if need be.
   */
  private static final class RangeLines extends LineIterator {
    private final FSDataInputStream in;
    private final long end;
    private final byte[] buf = new byte[BUFFER];
    private byte[] carry = new byte[1 << 16];
    private long bufStart;
    private int pos;
    private int lim;
    /** Before the file's first line, which starts at 0 even when a byte-order mark precedes it. */
    private boolean fileStart;

    RangeLines(Split s, Configuration conf) throws IOException {
      super(s);
      Path path = new Path(s.file().path());
      in = path.getFileSystem(conf).open(path);
      end = s.start() + s.length();
      if (s.start() == 0) {
        fileStart = true;
        fill();
        if (lim >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
          pos = 3;
        }
        return;
      }
      in.seek(s.start() - 1);
      bufStart = s.start() - 1;
      fill();
      if (lim == 0) {
        return;
      }
      int before = buf[pos++];
      boolean midLine = before != '\n' && before != '\r';
      if (before == '\r' && (pos < lim || fill())) {
        midLine = buf[pos] == '\n'; // the LF of a CRLF that the split before reads
      }
      if (midLine && read(false)) {
        line.number++; // the rest of a line the split before reads, and its line end
      }
    }

    /** Reads more of the file into the (used-up) buffer; false at its end. */
    private boolean fill() throws IOException {
      bufStart += lim;
      pos = 0;
      lim = 0;
      int n;
      while ((n = in.read(buf, 0, buf.length)) == 0) {
        // a stream may return 0 bytes; read again
      }
      lim = Math.max(n, 0);
      return lim > 0;
    }

    /** The next line into {@link #line}; false at the end of the file or, if {@code inRange}, of the range. */
    private boolean read(boolean inRange) throws IOException {
      if (pos == lim && !fill()) {
        return false;
      }
      if (inRange && bufStart + pos >= end && !fileStart) {
        return false;
      }
      fileStart = false;
      int carried = 0;
      while (true) {
        for (int i = pos; i < lim; i++) {
          byte b = buf[i];
          if (b != '\n' && b != '\r') {
            continue;
          }
          if (carried == 0) {
            set(buf, pos, i - pos);
          } else {
            carry = append(carry, carried, buf, pos, i - pos);
            set(carry, 0, carried + i - pos);
          }
          pos = i + 1;
          if (b == '\r') {
            if (pos == lim) {
              if (line.bytes == buf) { // the buffer is about to be refilled: keep the line
                carry = append(carry, 0, buf, line.offset, line.length);
                set(carry, 0, line.length);
              }
              if (fill() && buf[pos] == '\n') {
                pos++;
              }
            } else if (buf[pos] == '\n') {
              pos++;
            }
          }
          return true;
        }
        carry = append(carry, carried, buf, pos, lim - pos);
        carried += lim - pos;
        pos = lim;
        if (!fill()) {
          set(carry, 0, carried); // the last line, with no line end
          return true;
        }
      }
    }

    @Override
    boolean advance() throws IOException {
      return read(true);
    }

    @Override
    void close() throws IOException {
      in.close();
    }
  }

  private static byte[] append(byte[] carry, int carried, byte[] src, int off, int len) {
    byte[] out = carry.length >= carried + len ? carry
        : java.util.Arrays.copyOf(carry, Math.max(2 * carry.length, carried + len));
    System.arraycopy(src, off, out, carried, len);
    return out;
  }

  /**
   * Whether the line holds no record: blank as {@link String#isBlank} decides on the decoded text
   * (ASCII whitespace is read from the bytes; anything non-ASCII is decoded).
   */
  static boolean isBlank(Line l) {
    for (int i = l.offset; i < l.offset + l.length; i++) {
      int b = l.bytes[i] & 0xFF;
      if (b >= 0x80) {
        return decode(l.bytes, l.offset, l.length).isBlank();
      }
      if (!(b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F))) {
        return false;
      }
    }
    return true;
  }

  private static String decode(byte[] b, int offset, int length) {
    try {
      return Text.decode(b, offset, length, true);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException(e); // cannot happen: malformed input is replaced
    }
  }
}
