package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.config.AllotHome;
import io.allot.config.SparkMaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * deploy/ holds the scheduler examples a team copies (a Kubernetes CronJob, the serve Deployment,
 * an Airflow DAG): each must name the image, run a command line this CLI accepts, take the
 * database from the Secret and set only environment variables that are settings.
 */
class SchedulerExamplesTest {
  private static final Path HOME = AllotHome.resolve();
  private static final Path K8S = HOME.resolve("deploy/kubernetes");
  /** The image Jib builds (batch-app/pom.xml, image.name), pushed to some registry. */
  private static final Pattern IMAGE = Pattern.compile("([a-z0-9.:-]+/)*allot:[A-Za-z0-9_][A-Za-z0-9_.-]*");
  /** ALLOT_* variables the launcher or the CLI reads that are not conf/application.yml settings. */
  private static final Set<String> LAUNCHER_VARIABLES = Set.of("ALLOT_JAVA_OPTS", "ALLOT_DEBUG", "ALLOT_HOME");

  @Test
  void theCronJobRunsTheNightThatEndedWithTheDatabaseFromASecretAndSparkFromTheConfigMap() throws IOException {
    Map<String, Object> cronJob = only(load("cronjob.yaml"), "CronJob");
    Map<String, Object> spec = map(cronJob, "spec");
    assertThat((String) spec.get("schedule")).matches("\\S+( \\S+){4}");
    assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
    Map<String, Object> jobSpec = map(map(spec, "jobTemplate"), "spec");
    Map<String, Object> pod = map(map(jobSpec, "template"), "spec");
    assertThat(pod.get("restartPolicy")).isEqualTo("Never");
    Map<String, Object> container = container(pod);

    ParseResult run = parse(strings(container.get("args")));
    assertThat(run.subcommand().commandSpec().name()).isEqualTo("run");
    RunCommand command = (RunCommand) run.subcommand().commandSpec().userObject();
    assertThat(command.date).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(1));

    assertThat(secretNames(container)).containsExactlyInAnyOrder("ALLOT_DB_URL", "ALLOT_DB_USER", "ALLOT_DB_PASSWORD");
    assertThat(configMapRefs(container)).containsExactly("allot-config");
    assertThat(workMounts(container)).containsExactly("/opt/allot/work");
    // The exit codes that a retry cannot heal end the Job at once.
    Map<String, Object> rule = maps(map(jobSpec, "podFailurePolicy").get("rules")).get(0);
    assertThat(rule.get("action")).isEqualTo("FailJob");
    assertThat(map(rule, "onExitCodes").get("containerName")).isEqualTo(container.get("name"));
    assertThat(new ArrayList<Object>((List<?>) map(rule, "onExitCodes").get("values")))
        .containsExactlyInAnyOrder(ExitCodes.BAD_INPUT, ExitCodes.BAD_CONFIGURATION, ExitCodes.LOCK_HELD);
    assertThat(envNames(container)).allSatisfy(SchedulerExamplesTest::isASetting);
  }

  @Test
  void theConfigMapSetsTheSparkMasterAndOnlyRealSettings() throws IOException {
    Map<String, Object> config = only(load("config.yaml"), "ConfigMap");
    assertThat(map(config, "metadata").get("name")).isEqualTo("allot-config");
    Map<String, Object> data = map(config, "data");
    assertThat(SparkMaster.parse((String) data.get("ALLOT_SPARK_MASTER")).isLocal()).isTrue();
    assertThat(data.keySet()).allSatisfy(SchedulerExamplesTest::isASetting);
    assertThat(data.keySet()).noneMatch(k -> k.contains("PASSWORD"));
  }

  @Test
  void theServeAlternativeRunsServeAndExposesTheMetricsPort() throws IOException {
    Map<String, Object> deployment = only(load("serve.yaml"), "Deployment");
    Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
    Map<String, Object> container = container(pod);
    List<String> args = strings(container.get("args"));
    assertThat(parse(args).subcommand().commandSpec().name()).isEqualTo("serve");
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--set")) {
        isASetting(args.get(i + 1).substring(0, args.get(i + 1).indexOf('=')));
      }
    }
    Object port = maps(container.get("ports")).get(0).get("containerPort");
    assertThat(port).isEqualTo(setting("allot.metrics.port"));
    assertThat(secretNames(container)).containsExactlyInAnyOrder("ALLOT_DB_URL", "ALLOT_DB_USER", "ALLOT_DB_PASSWORD");
    assertThat(configMapRefs(container)).containsExactly("allot-config");
    assertThat(workMounts(container)).containsExactly("/opt/allot/work");
    assertThat(envNames(container)).allSatisfy(SchedulerExamplesTest::isASetting);
  }

  /** No Python here: the DAG is read as text for what a copy relies on. */
  @Test
  void theAirflowDagRunsTheIntervalsNightFromTheSameImageSecretAndConfigMap() throws IOException {
    String dag = Files.readString(HOME.resolve("deploy/airflow/allot_nightly.py"));
    String image = group(dag, "(?m)^IMAGE = \"([^\"]+)\"");
    assertThat(image).matches(IMAGE).isEqualTo(container(podOfCronJob()).get("image"));

    List<String> args = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(group(dag, "arguments=\\[([^\\]]*)]"));
    while (m.find()) {
      args.add(m.group(1));
    }
    assertThat(args).containsExactly("run", "--date", "{{ ds }}");
    // Airflow renders {{ ds }} as the interval's ISO date.
    ParseResult run = parse(args.stream().map(a -> a.equals("{{ ds }}") ? "2026-12-06" : a).toList());
    assertThat(((RunCommand) run.subcommand().commandSpec().userObject()).date).isEqualTo(LocalDate.of(2026, 12, 6));

    Set<String> secrets = new TreeSet<>();
    Matcher s = Pattern.compile("Secret\\(\"env\", \"(ALLOT_[A-Z_]+)\", \"allot-db\", \"(url|user|password)\"\\)")
        .matcher(dag);
    while (s.find()) {
      secrets.add(s.group(1));
    }
    assertThat(secrets).containsExactlyInAnyOrder("ALLOT_DB_URL", "ALLOT_DB_USER", "ALLOT_DB_PASSWORD");
    assertThat(dag).contains("V1ConfigMapEnvSource(name=\"allot-config\")")
        .contains("mount_path=\"/opt/allot/work\"")
        .contains("max_active_runs=1,")
        .contains("schedule=\"" + map(only(load("cronjob.yaml"), "CronJob"), "spec").get("schedule") + "\"");
  }

  private static Map<String, Object> podOfCronJob() throws IOException {
    return map(map(map(map(map(only(load("cronjob.yaml"), "CronJob"), "spec"), "jobTemplate"), "spec"), "template"),
        "spec");
  }

  /** The command line as the image's entrypoint gets it; picocli refuses unknown options and bad values. */
  private static ParseResult parse(List<String> args) {
    return AllotMain.commandLine().parseArgs(args.toArray(String[]::new));
  }

  /**
   * An environment variable that Spring's binding maps onto a key of conf/application.yml (the
   * mapping the app uses, SettingsFile), so a misspelt one cannot be silently ignored.
   */
  private static void isASetting(String variable) {
    if (LAUNCHER_VARIABLES.contains(variable)) {
      return;
    }
    if (variable.startsWith("allot.")) {
      assertThat(settingKeys()).as("a --set key of conf/application.yml").contains(variable);
      return;
    }
    ConfigurationPropertySource env = ConfigurationPropertySources.from(
        new SystemEnvironmentPropertySource("env", Map.of(variable, "x"))).iterator().next();
    assertThat(settingKeys()).as(variable + " is a setting of conf/application.yml")
        .anyMatch(key -> env.getConfigurationProperty(ConfigurationPropertyName.of(key)) != null);
  }

  private static Set<String> settingKeys() {
    Set<String> keys = new TreeSet<>();
    flatten("", yaml(HOME.resolve("conf/application.yml")), keys);
    return keys;
  }

  private static Object setting(String key) {
    Object node = yaml(HOME.resolve("conf/application.yml"));
    for (String part : key.split("\\.")) {
      node = ((Map<?, ?>) node).get(part);
    }
    return node;
  }

  private static void flatten(String prefix, Object node, Set<String> keys) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        String key = prefix.isEmpty() ? k.toString() : prefix + "." + k;
        keys.add(key);
        flatten(key, v, keys);
      });
    }
  }

  private static Object yaml(Path file) {
    try {
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> load(String file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(Files.readString(K8S.resolve(file)))) {
      docs.add(cast(doc));
    }
    return docs;
  }

  private static Map<String, Object> only(List<Map<String, Object>> docs, String kind) {
    List<Map<String, Object>> of = docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    assertThat(of).as(kind).hasSize(1);
    return of.get(0);
  }

  private static Map<String, Object> container(Map<String, Object> podSpec) {
    List<Map<String, Object>> containers = maps(podSpec.get("containers"));
    assertThat(containers).hasSize(1);
    Map<String, Object> c = containers.get(0);
    assertThat((String) c.get("image")).matches(IMAGE);
    Map<String, Object> security = map(podSpec, "securityContext");
    assertThat(security.get("runAsNonRoot")).isEqualTo(true);
    return c;
  }

  /** The variables filled from the Secret allot-db; no variable named like a secret has a literal value. */
  private static Set<String> secretNames(Map<String, Object> container) {
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> e : maps(container.get("env"))) {
      Object from = e.get("valueFrom");
      if (from != null && cast(from).get("secretKeyRef") != null) {
        assertThat(map(cast(from), "secretKeyRef").get("name")).isEqualTo("allot-db");
        names.add((String) e.get("name"));
      } else {
        assertThat((String) e.get("name")).doesNotContain("PASSWORD");
      }
    }
    return names;
  }

  private static Set<String> envNames(Map<String, Object> container) {
    Set<String> names = new TreeSet<>();
    maps(container.get("env")).forEach(e -> names.add((String) e.get("name")));
    return names;
  }

  private static List<String> configMapRefs(Map<String, Object> container) {
    return maps(container.get("envFrom")).stream().map(e -> (String) map(e, "configMapRef").get("name")).toList();
  }

  private static List<String> workMounts(Map<String, Object> container) {
    return maps(container.get("volumeMounts")).stream().filter(v -> "work".equals(v.get("name")))
        .map(v -> (String) v.get("mountPath")).toList();
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }

  private static List<String> strings(Object list) {
    assertThat(list).isInstanceOf(List.class);
    return ((List<?>) list).stream().map(String::valueOf).toList();
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object child = parent.get(key);
    assertThat(child).as(key).isInstanceOf(Map.class);
    return cast(child);
  }

  private static List<Map<String, Object>> maps(Object list) {
    assertThat(list).isInstanceOf(List.class);
    return ((List<?>) list).stream().map(SchedulerExamplesTest::cast).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }
}
