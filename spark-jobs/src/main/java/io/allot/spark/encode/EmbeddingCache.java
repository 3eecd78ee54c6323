package io.allot.spark.encode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used map from a text's SHA-256 (first 128 bits) to its vector. One per
 * encoder, shared by the tasks of a JVM: the same query text seen again (the feature pipeline's
 * fit and transform passes, history re-read each night in local mode, duplicate queries) is not
 * encoded twice. Keys are hashes, so the cache never holds query texts.
 */
final class EmbeddingCache {
  private final Map<Key, float[]> entries;

  EmbeddingCache(int capacity) {
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized float[] get(Key key) {
    return entries.get(key);
  }

  synchronized void put(Key key, float[] vector) {
    entries.put(key, vector);
  }

  synchronized int size() {
    return entries.size();
  }

  static Key key(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < 8; i++) {
        hi = (hi << 8) | (d[i] & 0xff);
        lo = (lo << 8) | (d[8 + i] & 0xff);
      }
      return new Key(hi, lo);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  record Key(long hi, long lo) {}
}
