package io.allot.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment of the spark-submit child: what Java, Spark, Hadoop/YARN, Kerberos and
 * Kubernetes read, plus Allot's own SPARK_* entries. Nothing else is passed, so the app's secrets
 * (ALLOT_DB_PASSWORD, ALLOT_*_PASSWORD, any token in the scheduler's environment) never reach
 * the driver, its log or a cluster's process listing.
 */
final class ChildEnvironment {
  /** Passed when set in the app's environment. */
  static final Set<String> PASSED = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ", "TMPDIR", "JAVA_HOME",
      "HADOOP_CONF_DIR", "YARN_CONF_DIR", "HADOOP_HOME", "HADOOP_USER_NAME", "SPARK_CONF_DIR", "KRB5_CONFIG",
      "KRB5CCNAME", "KUBECONFIG");

  private ChildEnvironment() {}

  static Map<String, String> of(Map<String, String> parent, Map<String, String> own) {
    Map<String, String> env = new LinkedHashMap<>();
    parent.forEach((k, v) -> {
      if (PASSED.contains(k) || k.startsWith("LC_")) {
        env.put(k, v);
      }
    });
    env.putAll(own);
    return env;
  }
}
