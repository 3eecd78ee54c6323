package io.allot.agreement;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a model's answer text is reduced to something two answers can agree on. A parsed answer of
 * null means "not well-formed": it agrees with nothing, so a cascade escalates and a vote ignores
 * it.
 */
public enum AnswerFormat {
  /** A multiple-choice letter: "C", "C)", "(C)", "C." or "C (because ..."; not "A chart ...". */
  CHOICE {
    @Override
    public String parse(String text) {
      Matcher m = LETTER.matcher(text.strip());
      return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }
  },
  /** Yes or no, read from the first word ("No (the context ..." is no). */
  YES_NO {
    @Override
    public String parse(String text) {
      Matcher m = YES_NO_WORD.matcher(text.strip());
      return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }
  },
  /**
   * Free text such as code: the first fenced block (or the whole text) without comment lines and
   * white space. Different wordings of the same program do not agree, so agreement is a weak
   * signal here and cascades rarely survive validation.
   */
  TEXT {
    @Override
    public String parse(String text) {
      Matcher fence = FENCE.matcher(text);
      String body = fence.find() ? fence.group(1) : text;
      StringBuilder out = new StringBuilder();
      for (String line : body.split("\n")) {
        String l = line.strip();
        if (!l.startsWith("#")) {
          out.append(l.replaceAll("\\s+", ""));
        }
      }
      return out.length() == 0 ? null : out.toString();
    }
  };

  private static final Pattern LETTER = Pattern.compile("^\\(?([A-Ea-e])(?:\\)|\\.|:|\\s*\\(|\\s*$)");
  private static final Pattern YES_NO_WORD = Pattern.compile("^(yes|no)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\n(.*?)```", Pattern.DOTALL);
  /** A format is chosen when at least this share of the training answers parses under it. */
  static final double DETECT_SHARE = 0.8;

  public abstract String parse(String text);

  /** The first of CHOICE, YES_NO whose parser reads most answers, else TEXT. */
  public static AnswerFormat detect(LabelledAnswers data) {
    for (AnswerFormat f : new AnswerFormat[] {CHOICE, YES_NO}) {
      long parsed = 0;
      long total = 0;
      for (int i = 0; i < data.rows(); i++) {
        for (int j = 0; j < data.modelCount(); j++) {
          String a = data.answer(i, j);
          if (a != null) {
            total++;
            parsed += f.parse(a) != null ? 1 : 0;
          }
        }
      }
      if (total > 0 && parsed >= DETECT_SHARE * total) {
        return f;
      }
    }
    return TEXT;
  }

  /** Parsed answers n x m (null = not well-formed or missing). */
  public String[] parseAll(LabelledAnswers data) {
    String[] out = new String[data.rows() * data.modelCount()];
    for (int i = 0; i < data.rows(); i++) {
      for (int j = 0; j < data.modelCount(); j++) {
        String a = data.answer(i, j);
        out[i * data.modelCount() + j] = a == null ? null : parse(a);
      }
    }
    return out;
  }
}
