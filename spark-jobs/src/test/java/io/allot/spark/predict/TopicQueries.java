package io.allot.spark.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generated labelled queries with a known truth. Two topics with their own words; model 0
 * ("topic-expert") is right on physics with probability {@code expertHit} and on cooking with
 * 1 - expertHit; model 1 ("coin") is right half the time; model 2 ("patchy") is always right but
 * its score is missing on every third row.
 */
final class TopicQueries {
  static final List<String> MODELS = List.of("topic-expert", "coin", "patchy");
  private static final String[] PHYSICS = {"quantum", "electron", "momentum", "relativity",
      "photon", "gravity", "entropy", "voltage"};
  private static final String[] COOKING = {"recipe", "oven", "garlic", "simmer", "flour",
      "butter", "roast", "basil"};
  private static final String[] COMMON = {"what", "is", "the", "how", "does", "explain", "a",
      "why"};
  static final StructType SCHEMA = new StructType()
      .add(PredictorColumns.ID, DataTypes.StringType, false)
      .add(PredictorColumns.TEXT, DataTypes.StringType, false)
      .add(PredictorColumns.SCORES, DataTypes.createArrayType(DataTypes.DoubleType, true), false)
      .add("topic", DataTypes.StringType, false);

  private TopicQueries() {}

  static Dataset<Row> make(SparkSession spark, String prefix, int n, double expertHit, long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean physics = i % 2 == 0;
      String[] vocab = physics ? PHYSICS : COOKING;
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 8; w++) {
        text.append(w % 2 == 0 ? vocab[rnd.nextInt(vocab.length)] : COMMON[rnd.nextInt(8)])
            .append(' ');
      }
      boolean expertRight = rnd.nextDouble() < (physics ? expertHit : 1 - expertHit);
      Double coin = rnd.nextBoolean() ? 1.0 : 0.0;
      Double patchy = i % 3 == 0 ? null : 1.0;
      rows.add(RowFactory.create(prefix + i, text.toString().trim(),
          Arrays.asList(expertRight ? 1.0 : 0.0, coin, patchy), physics ? "physics" : "cooking"));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
