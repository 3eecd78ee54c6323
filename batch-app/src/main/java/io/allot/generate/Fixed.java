package io.allot.generate;

/**
 * Fixed-point decimal text for the hot path. Double.toString costs more than the rest of a query
 * record, and the logs only need 4 (logprobs, embeddings) or 9 (dollars) decimals anyway. Output is
 * plain JSON numbers with trailing zeros trimmed ("-0.05", "0.00001624", "3").
 */
final class Fixed {
  private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
      10_000_000L, 100_000_000L, 1_000_000_000L};

  private Fixed() {
  }

  /** Rounds half away from zero to {@code decimals} places; returns the number of chars written. */
  static int format(double value, int decimals, char[] buf) {
    long scale = POW10[decimals];
    if (!Double.isFinite(value) || Math.abs(value) * scale >= 9e15) {
      String s = Double.toString(value);
      s.getChars(0, s.length(), buf, 0);
      return s.length();
    }
    return formatScaled(Math.round(value * scale), decimals, buf);
  }

  /** Writes {@code scaled / 10^decimals}; the caller has already rounded. */
  static int formatScaled(long scaled, int decimals, char[] buf) {
    int pos = 0;
    if (scaled < 0) {
      buf[pos++] = '-';
      scaled = -scaled;
    }
    long scale = POW10[decimals];
    long whole = scaled / scale;
    long frac = scaled % scale;
    pos = writeDigits(whole, buf, pos);
    if (frac != 0) {
      buf[pos++] = '.';
      int digits = decimals;
      while (frac % 10 == 0) {
        frac /= 10;
        digits--;
      }
      for (int i = digits - 1; i >= 0; i--) {
        buf[pos + i] = (char) ('0' + frac % 10);
        frac /= 10;
      }
      pos += digits;
    }
    return pos;
  }

  static int writeDigits(long v, char[] buf, int pos) {
    int len = 1;
    for (long t = v; t >= 10; t /= 10) {
      len++;
    }
    for (int i = pos + len - 1; i >= pos; i--) {
      buf[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    return pos + len;
  }

  /** Zero-padded to at least {@code width} digits, for query ids and timestamps. */
  static int writePadded(long v, int width, char[] buf, int pos) {
    int len = 1;
    for (long t = v; t >= 10; t /= 10) {
      len++;
    }
    for (int i = len; i < width; i++) {
      buf[pos++] = '0';
    }
    return writeDigits(v, buf, pos);
  }
}
