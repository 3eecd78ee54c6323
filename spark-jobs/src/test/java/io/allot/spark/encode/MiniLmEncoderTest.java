package io.allot.spark.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.allot.spark.predict.PredictorColumns;
import io.allot.spark.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The encoder is loaded once for the class ({@link MiniLmEncoder#shared()}), as on an executor. */
class MiniLmEncoderTest {
  private static final MiniLmEncoder ENCODER = MiniLmEncoder.shared();
  private static final String ASK = "How do I reset my password?";
  private static final String PARAPHRASE = "What are the steps to change a forgotten password?";
  private static final String UNRELATED = "The volcano erupted and covered the village in ash.";

  @Test
  void theSameTextGetsTheSameVectorAndAParaphraseIsNearerThanAnUnrelatedText() {
    float[][] v = ENCODER.encode(List.of(ASK, PARAPHRASE, UNRELATED));
    assertEquals(MiniLmEncoder.DIMENSION, v[0].length);
    assertEquals(1.0, dot(v[0], v[0]), 1e-4);
    float[] again = ENCODER.encode(List.of(UNRELATED, ASK))[1];
    assertArrayEquals(v[0], again, 1e-6f);
    assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.2,
        "paraphrase " + dot(v[0], v[1]) + ", unrelated " + dot(v[0], v[2]));
  }

  @Test
  void aBatchGivesTheVectorsOfOneTextAtATimeAndOfTheReferenceImplementation() {
    // Padding in a batch must not move a vector: encode alone (uncached texts) and in a batch.
    String a = "Which gas do plants take in for photosynthesis? " + System.nanoTime();
    String b = "Write a function that returns the n-th Fibonacci number, using memoisation. " + System.nanoTime();
    float[] alone = ENCODER.encode(List.of(a))[0];
    float[][] batch = ENCODER.encode(List.of(b, a));
    assertArrayEquals(alone, batch[1], 1e-4f);
    // langchain4j's own pipeline for the same model (a short text: one window, no truncation).
    float[] reference = new AllMiniLmL6V2EmbeddingModel().embed(b).content().vector();
    assertTrue(dot(batch[0], reference) > 0.999, "cosine to the reference " + dot(batch[0], reference));
  }

  @Test
  void aLongPromptIsEncodedByItsTailWhereTheQueryIs() {
    String prefix = "Answer the question with one letter. Example: what is 2+2? A) 3 B) 4. Answer: B. ".repeat(40);
    long[] ids = ENCODER.tokens(prefix + PARAPHRASE);
    assertEquals(MiniLmEncoder.WINDOW, ids.length);
    float[][] v = ENCODER.encode(List.of(prefix + ASK, prefix + PARAPHRASE, prefix + UNRELATED, ASK));
    // The shared prefix fills most of the window, yet the question still decides the vector.
    assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]), "paraphrase " + dot(v[0], v[1]) + ", unrelated " + dot(v[0], v[2]));
    assertTrue(dot(v[0], v[3]) > dot(v[2], v[3]));
  }

  @Test
  void inASparkJobEachRowGetsTheVectorOfItsText() {
    SparkSession spark = SparkTestSession.get();
    StructType schema = new StructType().add(PredictorColumns.ID, DataTypes.StringType)
        .add(PredictorColumns.TEXT, DataTypes.StringType);
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create("q1", ASK), RowFactory.create("q2", UNRELATED),
        RowFactory.create("q3", null)), schema).repartition(2);
    List<Row> out = QueryEmbeddings.encode(rows, PredictorColumns.TEXT, PredictorColumns.EMBEDDING)
        .orderBy(PredictorColumns.ID).collectAsList();
    float[][] direct = ENCODER.encode(List.of(ASK, UNRELATED, ""));
    for (int i = 0; i < 3; i++) {
      List<Double> v = out.get(i).getList(2);
      assertEquals(MiniLmEncoder.DIMENSION, v.size());
      for (int k = 0; k < v.size(); k++) {
        assertEquals(direct[i][k], v.get(k), 1e-6);
      }
    }
  }

  @Test
  void anUnknownEncoderSettingIsOneLineNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryEncoderKind.parse("bert"));
    assertEquals("allot.predictor.encoder is 'bert'; expected none or minilm", e.getMessage());
    assertEquals(QueryEncoderKind.MINILM, QueryEncoderKind.parse("minilm"));
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += (double) a[k] * b[k];
    }
    return s;
  }
}
