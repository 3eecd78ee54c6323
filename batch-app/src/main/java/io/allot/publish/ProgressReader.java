package io.allot.publish;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs how much of a file has been streamed, and the time left, every few seconds. */
final class ProgressReader extends FilterReader {
  private static final Logger log = LoggerFactory.getLogger(ProgressReader.class);
  private static final long EVERY_NANOS = 5_000_000_000L;
  private final long totalChars;
  private final String what;
  private final long start = System.nanoTime();
  private long read;
  private long lastLog = start;

  ProgressReader(Reader in, long totalBytes, String what) {
    super(in);
    this.totalChars = Math.max(1, totalBytes);
    this.what = what;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      read += n;
      long now = System.nanoTime();
      if (now - lastLog > EVERY_NANOS) {
        lastLog = now;
        double done = Math.min(1.0, (double) read / totalChars);
        double elapsed = (now - start) / 1e9;
        log.info("{}: {}% done, about {} s left", what, Math.round(done * 100),
            Math.round(elapsed / Math.max(done, 1e-6) - elapsed));
      }
    }
    return n;
  }
}
