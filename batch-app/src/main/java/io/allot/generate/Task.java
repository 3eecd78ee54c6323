package io.allot.generate;

/**
 * The task kinds of the demo world. Each carries what the generator needs to draw a query of that
 * kind: designed accuracies (small model, cheapest large model, most expensive model), the
 * prompt-size and answer-size distributions, the small model's plausible first tokens, and the
 * words its query text is made of.
 */
enum Task {
  CLASSIFY("classify", 0.90, 0.87, 0.95, 350, 0.5, 5, 20, true,
      new String[] {"Billing", "Technical", "Account", "Shipping", "Other", "Yes", "No"},
      new String[] {"Classify this support ticket:", "Which category fits this message?",
          "Route the following request:"},
      words("category label ticket request route intent complaint inquiry account billing login"
          + " password invoice delivery priority queue department issue customer message escalate"
          + " spam topic tag")),
  EXTRACT("extract", 0.84, 0.84, 0.94, 900, 0.6, 30, 120, false,
      new String[] {"Name", "Date", "Amount", "Company", "None", "Address"},
      new String[] {"Extract the fields from this document:", "Pull out every entity mentioned:",
          "Fill the schema from the text below:"},
      words("field entity name date amount address company contract clause party signature"
          + " total currency identifier reference schema value record table column row form"
          + " invoice number")),
  SENTIMENT("sentiment", 0.88, 0.86, 0.94, 250, 0.5, 3, 10, true,
      new String[] {"Positive", "Negative", "Neutral", "Mixed", "Very"},
      new String[] {"What is the sentiment of this review?", "Rate the tone of the message:",
          "Is this feedback positive or negative?"},
      words("review feedback rating stars happy disappointed love hate experience product"
          + " service recommend refund quality broken excellent terrible okay delighted angry"
          + " satisfied tone opinion")),
  SUMMARIZE("summarize", 0.58, 0.74, 0.90, 1800, 0.5, 150, 400, false,
      new String[] {"This", "In", "Summary", "Overall", "Key", "Customer"},
      new String[] {"Summarize the following report:", "Write a short summary of this thread:",
          "Give the key points of the document below:"},
      words("report thread meeting notes document section findings conclusion background"
          + " decision action owner timeline quarter update discussion summary paragraph points"
          + " stakeholder outcome risk")),
  QA("qa", 0.50, 0.70, 0.89, 600, 0.6, 20, 150, false,
      new String[] {"Yes", "No", "Paris", "Because", "It", "1969"},
      new String[] {"Answer the question using the context:", "Question:",
          "Based on the passage, answer:"},
      words("question answer context passage who what when where why which source fact"
          + " evidence claim policy handbook article according mentioned cited detail")),
  TRANSLATE("translate", 0.60, 0.76, 0.91, 500, 0.5, 80, 400, false,
      new String[] {"Bonjour", "Hola", "Merci", "Gracias", "Danke", "Hallo"},
      new String[] {"Translate into French:", "Translate the text below to Spanish:",
          "Render this in German, keeping the tone:"},
      words("translate french spanish german japanese sentence phrase wording tone formal"
          + " informal idiom locale glossary term literal fluent dialect register label string"
          + " interface")),
  CODE("code", 0.25, 0.52, 0.86, 1200, 0.6, 200, 600, false,
      new String[] {"def", "import", "function", "class", "public", "return", "const"},
      new String[] {"Write a function that", "Fix the bug in this code:",
          "Refactor the following module:"},
      words("function method class variable loop array list map parse return exception test"
          + " compile python java typescript query index thread cache api endpoint refactor"
          + " bug stack trace")),
  MATH("math", 0.20, 0.45, 0.87, 400, 0.5, 60, 300, false,
      new String[] {"Let", "First", "We", "12", "42", "7", "3"},
      new String[] {"Solve step by step:", "Compute the following:", "Find the value of x:"},
      words("solve equation integer fraction percent ratio probability sum product derivative"
          + " integral triangle angle area volume sequence prime remainder average rate compound"
          + " interest"));

  private final String id;
  private final double smallAccuracy;
  private final double cheapAccuracy;
  private final double topAccuracy;
  private final double promptLogMedian;
  private final double promptSigma;
  private final int outputMin;
  private final int outputMax;
  private final boolean labelAnswer;
  private final String[] firstTokens;
  private final String[] leads;
  private final String[] vocabulary;

  Task(String id, double smallAccuracy, double cheapAccuracy, double topAccuracy,
      double promptMedian, double promptSigma, int outputMin, int outputMax, boolean labelAnswer,
      String[] firstTokens, String[] leads, String[] vocabulary) {
    this.id = id;
    this.smallAccuracy = smallAccuracy;
    this.cheapAccuracy = cheapAccuracy;
    this.topAccuracy = topAccuracy;
    this.promptLogMedian = Math.log(promptMedian);
    this.promptSigma = promptSigma;
    this.outputMin = outputMin;
    this.outputMax = outputMax;
    this.labelAnswer = labelAnswer;
    this.firstTokens = firstTokens;
    this.leads = leads;
    this.vocabulary = vocabulary;
  }

  static String[] words(String spaceSeparated) {
    return spaceSeparated.split(" ");
  }

  String id() {
    return id;
  }

  double smallAccuracy() {
    return smallAccuracy;
  }

  double cheapAccuracy() {
    return cheapAccuracy;
  }

  double topAccuracy() {
    return topAccuracy;
  }

  double promptLogMedian() {
    return promptLogMedian;
  }

  double promptSigma() {
    return promptSigma;
  }

  int outputMin() {
    return outputMin;
  }

  int outputMax() {
    return outputMax;
  }

  /** True when the whole answer is one label, so the small model's output is its first token. */
  boolean labelAnswer() {
    return labelAnswer;
  }

  String[] firstTokens() {
    return firstTokens;
  }

  String[] leads() {
    return leads;
  }

  String[] vocabulary() {
    return vocabulary;
  }
}
