package io.allot.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;

/**
 * What a trainPredictor run trains on: the labelled nights in [date - historyDays, date) of the
 * two date-partitioned roots, the same window the nightly run of {@code date} scores with.
 */
public record TrainPredictorRequest(LocalDate date, String logRoot, String outcomesRoot, int historyDays) {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  public TrainPredictorRequest {
    if (historyDays < 1) {
      throw new IllegalArgumentException("allot.input.history-days is " + historyDays + "; it must be at least 1");
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TrainPredictorRequest fromJson(String json) {
    try {
      return JSON.readValue(json, TrainPredictorRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable trainPredictor settings: " + e.getOriginalMessage(), e);
    }
  }
}
