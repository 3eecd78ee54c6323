package io.allot.realised;

import io.allot.agreement.AnswerFormat;
import io.allot.agreement.CascadeOffer;
import io.allot.agreement.OfferedCascade;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The answer formats a run's solve used, read from the offer it pinned in its run folder
 * ({@link CascadeOffer}), so the realised step parses answers exactly as the solve chose them. A
 * cascade gets the format of the task it was offered for; when the same cascade was offered for
 * tasks of different formats, or the run pinned no offer, it has none (and its queries are not
 * replayed). A vote gets the format only when all the run's offered cascades share one: votes are
 * not tied to a task, so with several formats in the night its score stays the lead's.
 */
final class PinnedFormats {
  private PinnedFormats() {}

  static Map<String, OptionRule> apply(Map<String, OptionRule> options, CascadeOffer offer) {
    if (offer == null) {
      return options;
    }
    Map<String, AnswerFormat> byCascade = new HashMap<>();
    Map<String, Boolean> mixed = new HashMap<>();
    AnswerFormat night = null;
    boolean nightMixed = false;
    for (OfferedCascade c : offer.offered()) {
      AnswerFormat f = AnswerFormat.valueOf(c.format().toUpperCase(Locale.ROOT));
      AnswerFormat before = byCascade.putIfAbsent(c.optionId(), f);
      mixed.merge(c.optionId(), before != null && before != f, Boolean::logicalOr);
      nightMixed |= night != null && night != f;
      night = f;
    }
    Map<String, OptionRule> out = new LinkedHashMap<>();
    for (Map.Entry<String, OptionRule> e : options.entrySet()) {
      OptionRule r = e.getValue();
      if (OptionRule.CASCADE.equals(r.kind())) {
        r = mixed.getOrDefault(e.getKey(), false) ? r : r.withFormat(byCascade.get(e.getKey()));
      } else if (OptionRule.VOTE.equals(r.kind()) && !nightMixed) {
        r = r.withFormat(night);
      }
      out.put(e.getKey(), r);
    }
    return out;
  }
}
