package io.allot.lab.evaluate;

/** RouterBench stores a prompt as a Python list literal of strings; the classifier wants the text. */
final class PromptText {
  private PromptText() {}

  /**
   * The list's strings joined by newlines, with Python escapes (\n, \t, \', \", \\) undone.
   * Anything that is not a list literal is returned as it is.
   */
  static String fromPythonList(String raw) {
    String s = raw.trim();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      return raw;
    }
    StringBuilder out = new StringBuilder();
    int i = 1;
    while (i < s.length() - 1) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        i = readString(s, i, out);
        out.append('\n');
      } else {
        i++;
      }
    }
    return out.toString().trim();
  }

  /** Reads the quoted string starting at {@code start}; returns the index after its closing quote. */
  private static int readString(String s, int start, StringBuilder out) {
    char quote = s.charAt(start);
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        out.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> e;
        });
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return i;
  }
}
