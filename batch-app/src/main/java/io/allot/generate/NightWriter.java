package io.allot.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

/**
 * Writes one night's query log and outcomes, record by record. Files are written under a ".part"
 * name and moved into place by {@link #commit()}, so an interrupted run never leaves a truncated
 * file that looks complete.
 */
final class NightWriter implements Closeable {
  private static final JsonFactory JSON = new JsonFactoryBuilder()
      .rootValueSeparator((String) null).build();
  private static final SerializedString QUERY_ID = new SerializedString("query_id");
  private static final SerializedString TENANT = new SerializedString("tenant");
  private static final SerializedString TASK = new SerializedString("task");
  private static final SerializedString TEXT = new SerializedString("text");
  private static final SerializedString PROMPT_TOKENS = new SerializedString("prompt_tokens");
  private static final SerializedString EXPECTED_OUTPUT = new SerializedString("expected_output_tokens");
  private static final SerializedString SMALL_MODEL = new SerializedString("small_model");
  private static final SerializedString MODEL_ID = new SerializedString("model_id");
  private static final SerializedString OUTPUT = new SerializedString("output");
  private static final SerializedString TOP = new SerializedString("first_token_top_logprobs");
  private static final SerializedString TOKEN = new SerializedString("token");
  private static final SerializedString LOGPROB = new SerializedString("logprob");
  private static final SerializedString TOKEN_LOGPROBS = new SerializedString("token_logprobs");
  private static final SerializedString EMBEDDING = new SerializedString("embedding");
  private static final SerializedString CREATED_AT = new SerializedString("created_at");
  private static final SerializedString SCORE = new SerializedString("score");
  private static final SerializedString COST = new SerializedString("cost_usd");
  private static final SerializedString LATENCY = new SerializedString("latency_ms");
  private static final SerializedString OBSERVED_AT = new SerializedString("observed_at");
  private static final SerializedString ANSWER = new SerializedString("answer");
  private static final char[] ONE = "1.0".toCharArray();
  private static final char[] ZERO = "0.0".toCharArray();

  private final Path queryFile;
  private final Path outcomeFile;
  private final Path queryPart;
  private final Path outcomePart;
  private final JsonGenerator queries;
  private final JsonGenerator outcomes;
  private final String[] modelIds;
  private final String smallModelId;
  private final String unknownSmallModelId;
  private final char[] idPrefix;
  private final int idWidth;
  private final char[] day;
  private final char[] nextDay;
  private final char[] id = new char[48];
  private final char[] dupId = new char[48];
  private final char[] num = new char[40];
  private final char[] text = new char[2048];
  private final char[] time = new char[20];
  private boolean closed;

  NightWriter(Path queryFile, Path outcomeFile, LocalDate date, long count, SkillModel skills)
      throws IOException {
    this.queryFile = queryFile;
    this.outcomeFile = outcomeFile;
    this.queryPart = queryFile.resolveSibling(queryFile.getFileName() + ".part");
    this.outcomePart = outcomeFile.resolveSibling(outcomeFile.getFileName() + ".part");
    Files.createDirectories(queryFile.getParent());
    Files.createDirectories(outcomeFile.getParent());
    this.queries = JSON.createGenerator(open(queryPart), JsonEncoding.UTF8);
    this.outcomes = JSON.createGenerator(open(outcomePart), JsonEncoding.UTF8);
    this.modelIds = skills.catalog().ids().toArray(new String[0]);
    this.smallModelId = modelIds[skills.smallIndex()];
    String unknown = smallModelId + "-retired";
    while (skills.catalog().contains(unknown)) {
      unknown += "-x";
    }
    this.unknownSmallModelId = unknown;
    String compact = date.toString().replace("-", "");
    this.idPrefix = ("q-" + compact + "-").toCharArray();
    this.idWidth = Math.max(6, Long.toString(count).length());
    this.day = (date + "T").toCharArray();
    this.nextDay = (date.plusDays(1) + "T").toCharArray();
  }

  private static OutputStream open(Path p) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(p), 1 << 16);
  }

  /** Writes d as a query line; with {@code bad} set, corrupts it in that one way. */
  void writeQuery(QueryDraft d, BadRecordKind bad, long duplicateOf) throws IOException {
    JsonGenerator g = queries;
    int idLen = queryId(d.index, id);
    if (bad == BadRecordKind.MALFORMED_JSON) {
      g.writeRaw("{\"query_id\":\"");
      g.writeRaw(id, 0, idLen);
      g.writeRaw("\",\"tenant\":\"" + d.tenant.id() + "\",\"task\":\"" + d.task.id() + "\",\"text\":\"");
      int cut = Math.min(d.text.length(), 40);
      d.text.getChars(0, cut, text, 0);
      g.writeRaw(text, 0, cut);
      g.writeRaw('\n');
      return;
    }
    g.writeStartObject();
    if (bad == BadRecordKind.DUPLICATE_QUERY_ID) {
      g.writeFieldName(QUERY_ID);
      g.writeString(dupId, 0, queryId(duplicateOf, dupId));
    } else if (bad != BadRecordKind.MISSING_QUERY_ID) {
      g.writeFieldName(QUERY_ID);
      g.writeString(id, 0, idLen);
    }
    g.writeFieldName(TENANT);
    g.writeString(d.tenant.id());
    g.writeFieldName(TASK);
    g.writeString(d.task.id());
    g.writeFieldName(TEXT);
    int textLen = Math.min(d.text.length(), text.length);
    d.text.getChars(0, textLen, text, 0);
    g.writeString(text, 0, textLen);
    g.writeFieldName(PROMPT_TOKENS);
    g.writeNumber(bad == BadRecordKind.NEGATIVE_PROMPT_TOKENS ? -d.promptTokens : d.promptTokens);
    g.writeFieldName(EXPECTED_OUTPUT);
    g.writeNumber(d.expectedOutputTokens);

    g.writeFieldName(SMALL_MODEL);
    g.writeStartObject();
    g.writeFieldName(MODEL_ID);
    g.writeString(bad == BadRecordKind.UNKNOWN_SMALL_MODEL ? unknownSmallModelId : smallModelId);
    g.writeFieldName(OUTPUT);
    int outLen = Math.min(d.output.length(), text.length);
    d.output.getChars(0, outLen, text, 0);
    g.writeString(text, 0, outLen);
    g.writeFieldName(TOP);
    g.writeStartArray();
    for (int i = 0; i < d.topCount; i++) {
      g.writeStartObject();
      g.writeFieldName(TOKEN);
      g.writeString(d.topTokens[i]);
      g.writeFieldName(LOGPROB);
      if (bad == BadRecordKind.NAN_LOGPROB && i == d.topCount - 1) {
        g.writeNumber("NaN");
      } else if (bad == BadRecordKind.POSITIVE_LOGPROB && i == 0) {
        logprob(g, 0.05 - d.topLogprobs[0]);
      } else {
        logprob(g, d.topLogprobs[i]);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName(TOKEN_LOGPROBS);
    g.writeStartArray();
    for (int i = 0; i < d.tokenCount; i++) {
      logprob(g, d.tokenLogprobs[i]);
    }
    g.writeEndArray();
    g.writeEndObject();

    g.writeFieldName(EMBEDDING);
    g.writeStartArray();
    for (double e : d.embedding) {
      g.writeNumber(num, 0, Fixed.format(e, 4, num));
    }
    g.writeEndArray();
    g.writeFieldName(CREATED_AT);
    g.writeString(time, 0, timestamp(d.secondOfDay));
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** One row per catalog model, in catalog order. */
  void writeOutcomes(QueryDraft d) throws IOException {
    JsonGenerator g = outcomes;
    int idLen = queryId(d.index, id);
    for (int m = 0; m < modelIds.length; m++) {
      g.writeStartObject();
      g.writeFieldName(QUERY_ID);
      g.writeString(id, 0, idLen);
      g.writeFieldName(MODEL_ID);
      g.writeString(modelIds[m]);
      g.writeFieldName(SCORE);
      char[] score = d.correct[m] ? ONE : ZERO;
      g.writeNumber(score, 0, score.length);
      g.writeFieldName(COST);
      g.writeNumber(num, 0, Fixed.format(d.costUsd[m], 9, num));
      g.writeFieldName(LATENCY);
      g.writeNumber(d.latencyMs[m]);
      g.writeFieldName(OBSERVED_AT);
      g.writeString(time, 0, timestamp(d.observedSecond[m]));
      g.writeFieldName(ANSWER);
      g.writeString(d.answer[m]);
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /** Logprobs are written with 4 decimals and kept strictly below zero after rounding. */
  private void logprob(JsonGenerator g, double lp) throws IOException {
    long scaled = Math.round(lp * 10_000);
    if (lp <= 0 && scaled > -1) {
      scaled = -1;
    }
    g.writeNumber(num, 0, Fixed.formatScaled(scaled, 4, num));
  }

  int queryId(long index, char[] buf) {
    System.arraycopy(idPrefix, 0, buf, 0, idPrefix.length);
    return Fixed.writePadded(index + 1, idWidth, buf, idPrefix.length);
  }

  /** ISO-8601 UTC at whole seconds, from seconds after the night's midnight (may spill into the next day). */
  private int timestamp(long secondOfDay) {
    char[] date = day;
    long s = secondOfDay;
    if (s >= 86_400) {
      date = nextDay;
      s -= 86_400;
    }
    System.arraycopy(date, 0, time, 0, 11);
    int pos = Fixed.writePadded(s / 3600, 2, time, 11);
    time[pos++] = ':';
    pos = Fixed.writePadded(s / 60 % 60, 2, time, pos);
    time[pos++] = ':';
    pos = Fixed.writePadded(s % 60, 2, time, pos);
    time[pos++] = 'Z';
    return pos;
  }

  /** Flushes, closes and moves both files into place. */
  void commit() throws IOException {
    close();
    Files.move(queryPart, queryFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(outcomePart, outcomeFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (JsonGenerator q = queries; JsonGenerator o = outcomes) {
      q.flush();
      o.flush();
    }
  }
}
