package io.allot.solve;

import io.allot.spark.predict.WeightedVote;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code allot.selectllm.*} settings; conf/application.yml documents each default.
 *
 * @param subsetSizes each k adds, per query, the subset of its top-k models by predicted quality
 *     as an extra option (answered by a weighted vote); empty = single models only
 */
@ConfigurationProperties(prefix = "allot.selectllm")
public record SelectLlmProperties(@DefaultValue({"2", "3"}) List<Integer> subsetSizes) {
  public static final String KEY = "allot.selectllm.subset-sizes";

  @Override
  public List<Integer> subsetSizes() {
    return subsetSizes == null ? List.of() : subsetSizes;
  }

  /**
   * The sizes as an array, checked against the catalog.
   *
   * @throws IllegalArgumentException naming the setting when a size is outside 2..5, larger than
   *     the catalog, or listed twice
   */
  public int[] sizes(int catalogModels) {
    return validate(subsetSizes(), catalogModels);
  }

  /** The same checks for sizes from elsewhere (a run's stored settings). */
  public static int[] validate(List<Integer> sizes, int catalogModels) {
    int[] out = new int[sizes.size()];
    for (int i = 0; i < out.length; i++) {
      Integer k = sizes.get(i);
      if (k == null || k < 2 || k > WeightedVote.MAX_MEMBERS) {
        throw new IllegalArgumentException(KEY + " contains " + k + "; each subset size must be 2.."
            + WeightedVote.MAX_MEMBERS + " (use [] for single models only)");
      }
      if (k > catalogModels) {
        throw new IllegalArgumentException(KEY + " contains " + k + " but the catalog has only " + catalogModels
            + " models; each subset size must be at most the number of models");
      }
      for (int j = 0; j < i; j++) {
        if (out[j] == k) {
          throw new IllegalArgumentException(KEY + " lists " + k + " twice; list each subset size once");
        }
      }
      out[i] = k;
    }
    return out;
  }
}
