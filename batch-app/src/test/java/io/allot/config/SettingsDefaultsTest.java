package io.allot.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.agreement.CascadeOptionProperties;
import io.allot.cascade.CascadeProperties;
import io.allot.realised.RealisedProperties;
import io.allot.metrics.MetricsProperties;
import io.allot.solve.SelectLlmProperties;
import io.allot.spark.predict.PredictorSettings;
import io.allot.train.PredictorProperties;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Each setting has one default: the code's (@DefaultValue and the settings records), the one
 * conf/application.yml states, and the one the README's and docs' setting tables state agree.
 */
class SettingsDefaultsTest {
  private static final Path ROOT = root();
  private static final Path YML = ROOT.resolve("conf/application.yml");
  /** A table row: | `allot.key` | default | ... */
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`(allot\\.[a-z0-9.-]+)`\\s*\\|\\s*([^|]*?)\\s*\\|");

  private static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("conf/application.yml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("conf/application.yml not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  @Test
  void codeDefaultsEqualApplicationYml() {
    SettingsFile code = SettingsFile.load(ROOT.resolve("no-such-file.yml"), List.of());
    SettingsFile yml = SettingsFile.load(YML, List.of());
    assertThat(yml.allot()).usingRecursiveComparison().isEqualTo(code.allot());
    assertThat(yml.bind("allot.predictor", PredictorProperties.class))
        .isEqualTo(code.bind("allot.predictor", PredictorProperties.class));
    assertThat(yml.bind("allot.cascade", CascadeProperties.class))
        .usingRecursiveComparison().isEqualTo(code.bind("allot.cascade", CascadeProperties.class));
    assertThat(yml.bind("allot.realised", RealisedProperties.class))
        .isEqualTo(code.bind("allot.realised", RealisedProperties.class));
    assertThat(yml.bind("allot.cascade-options", CascadeOptionProperties.class))
        .isEqualTo(code.bind("allot.cascade-options", CascadeOptionProperties.class));
    assertThat(yml.bind("allot.metrics", MetricsProperties.class))
        .isEqualTo(code.bind("allot.metrics", MetricsProperties.class));
    assertThat(yml.bind("allot.selectllm", SelectLlmProperties.class).subsetSizes())
        .isEqualTo(code.bind("allot.selectllm", SelectLlmProperties.class).subsetSizes());
  }

  @Test
  void thePredictorsLibraryDefaultsAreTheNightlyJobs() {
    PredictorSettings nightly = SettingsFile.load(YML, List.of()).bind("allot.predictor", PredictorProperties.class)
        .settings();
    assertThat(PredictorSettings.defaults()).isEqualTo(nightly);
  }

  @Test
  void settingTablesInTheDocsStateTheDefaultOfApplicationYml() throws IOException {
    Map<String, Object> yml = new TreeMap<>();
    try (Reader r = Files.newBufferedReader(YML)) {
      flatten("", new Yaml().load(r), yml);
    }
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = ROW.matcher(lines.get(i));
        boolean header = i + 1 < lines.size() && lines.get(i + 1).startsWith("|--");
        if (!m.find() || header) {
          continue;
        }
        String key = m.group(1);
        String stated = m.group(2).replace("`", "").trim();
        if (!yml.containsKey(key)) {
          wrong.add(page.getFileName() + ":" + (i + 1) + " " + key + " is not in conf/application.yml");
        } else if (!agrees(stated, yml.get(key))) {
          wrong.add(page.getFileName() + ":" + (i + 1) + " " + key + " default '" + stated
              + "' but conf/application.yml has '" + yml.get(key) + "'");
        }
        checked++;
      }
    }
    assertThat(checked).as("setting rows found").isGreaterThan(20);
    assertThat(wrong).isEmpty();
  }

  @Test
  void aWrongTableDefaultIsCaught() {
    assertThat(agrees("0.05", 0.5)).isFalse();
    assertThat(agrees("empty", "x")).isFalse();
    assertThat(agrees("[2, 3]", List.of(2, 3))).isTrue();
    assertThat(agrees("100", 100.0)).isTrue();
  }

  private static boolean agrees(String stated, Object value) {
    if (value == null || "".equals(value)) {
      // an empty setting means a derived default, which the table describes (e.g. <master host>)
      return stated.equals("empty") || stated.contains("<");
    }
    if (value instanceof Number n) {
      try {
        return Double.parseDouble(stated) == n.doubleValue();
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return stated.equals(String.valueOf(value));
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object node, Map<String, Object> out) {
    if (node instanceof Map<?, ?> map && !map.isEmpty()) {
      ((Map<String, Object>) map).forEach((k, v) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, v, out));
    } else {
      out.put(prefix, node);
    }
  }
}
