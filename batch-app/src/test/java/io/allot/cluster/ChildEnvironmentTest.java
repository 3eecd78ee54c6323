package io.allot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The spark-submit child gets the variables a Spark job needs, never the app's secrets. */
class ChildEnvironmentTest {

  @Test
  void secretsAndUnknownVariablesStayBehind() {
    Map<String, String> parent = Map.of("PATH", "/usr/bin", "HOME", "/home/a", "ALLOT_DB_PASSWORD", "pw",
        "ALLOT_SQL_PASSWORD", "pw2", "ALLOT_DB_SECRETS_FILE", "/etc/x", "GITHUB_TOKEN", "t",
        "HADOOP_CONF_DIR", "/etc/hadoop", "LC_ALL", "C.UTF-8", "JAVA_HOME", "/jdk");
    Map<String, String> env = ChildEnvironment.of(parent, Map.of("SPARK_HOME", "/spark"));
    assertThat(env).containsEntry("PATH", "/usr/bin").containsEntry("HADOOP_CONF_DIR", "/etc/hadoop")
        .containsEntry("LC_ALL", "C.UTF-8").containsEntry("JAVA_HOME", "/jdk").containsEntry("SPARK_HOME", "/spark")
        .doesNotContainKeys("ALLOT_DB_PASSWORD", "ALLOT_SQL_PASSWORD", "ALLOT_DB_SECRETS_FILE", "GITHUB_TOKEN");
  }

  @Test
  void theChildProcessSeesOnlyThoseVariables() throws Exception {
    SparkSubmitCommand c = new SparkSubmitCommand(List.of("sh", "-c", "env | cut -d= -f1 | tr '\\n' ' '"),
        Map.of("SPARK_HOME", "/spark"));
    SubmitProcess.Result r = SubmitProcess.run(c, "env-test");
    assertThat(r.exitCode()).isZero();
    Set<String> names = r.tail().stream().flatMap(l -> Arrays.stream(l.trim().split(" ")))
        .filter(n -> !n.isBlank()).collect(Collectors.toSet());
    assertThat(names).contains("SPARK_HOME");
    Set<String> allowed = ChildEnvironment.of(System.getenv(), Map.of("SPARK_HOME", "/spark")).keySet();
    Set<String> setByShell = Set.of("PWD", "SHLVL", "_", "OLDPWD");
    assertThat(names).allMatch(n -> allowed.contains(n) || setByShell.contains(n), "only allowed variables");
    assertThat(System.getenv().keySet().stream().filter(k -> !allowed.contains(k) && !setByShell.contains(k)))
        .as("the app's other variables").noneMatch(names::contains);
  }
}
