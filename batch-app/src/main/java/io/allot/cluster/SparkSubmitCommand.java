package io.allot.cluster;

import io.allot.config.SparkMaster;
import io.allot.spark.cluster.SubmittedJobMain;
import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * The child JVM that submits one job: {@code java -cp <spark-home>/jars/* SparkSubmit ...}.
 * SparkLauncher would need a Spark distribution's bin/ scripts; calling SparkSubmit's main in a
 * JVM of our own needs only the jars (docs/architecture.md, "Stack and dependency pins").
 */
public record SparkSubmitCommand(List<String> command, Map<String, String> environment) {
  public static final String MAIN_CLASS = "io.allot.spark.cluster.SubmittedJobMain";

  public static SparkSubmitCommand build(AllotProperties.Spark spark, SparkMaster master, DeployMode mode,
      String appName, List<String> jobArgs) {
    AllotProperties.Submit s = spark.submit();
    Path home = AllotHome.path(s.sparkHome());
    Path jars = home.resolve("jars");
    if (!Files.isDirectory(jars)) {
      throw new IllegalArgumentException("allot.spark.submit.spark-home is " + home + ", which has no jars/ folder; "
          + "build it with ./mvnw -DskipTests package or point the setting at a Spark 4.0.1 (Scala 2.13) installation");
    }
    Path appJar = AllotHome.path(s.appJar());
    if (!Files.isRegularFile(appJar)) {
      throw new IllegalArgumentException("allot.spark.submit.app-jar is " + appJar + ", which does not exist; "
          + "build it with ./mvnw -DskipTests package");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // In client mode this JVM is the driver, so it gets the driver's memory; in cluster mode it only submits.
    cmd.add("-Xmx" + (mode == DeployMode.CLIENT ? spark.driverMemory() : "256m"));
    // What Spark's own launcher gives every driver JVM: without these opens, Kryo fails on
    // java.nio.HeapByteBuffer once a 1M-query ingest serializes buffers (measured on Java 17).
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    Path log4j = AllotHome.path(s.log4jConfig());
    if (Files.isRegularFile(log4j)) {
      cmd.add("-Dlog4j2.configurationFile=" + log4j.toUri());
    }
    cmd.add("-cp");
    cmd.add(jars + "/*");
    cmd.add("org.apache.spark.deploy.SparkSubmit");
    cmd.addAll(List.of("--master", master.url(), "--deploy-mode", mode.flag(), "--name", appName,
        "--class", MAIN_CLASS, "--driver-memory", spark.driverMemory()));
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.shuffle.partitions", String.valueOf(spark.shufflePartitions()));
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put("spark.ui.showConsoleProgress", "false");
    if (master.kind() == SparkMaster.Kind.STANDALONE && mode == DeployMode.CLUSTER) {
      // SparkSubmit would wait and still exit 0 on a FAILED driver; StandaloneDriverWatch polls the master instead.
      conf.put("spark.standalone.submit.waitAppCompletion", "false");
    }
    conf.putAll(s.conf());
    conf.forEach((k, v) -> cmd.addAll(List.of("--conf", k + "=" + v)));
    cmd.add(appJar.toString());
    cmd.addAll(jobArgs);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    if (!s.localIp().isBlank()) {
      env.put("SPARK_LOCAL_IP", s.localIp());
    }
    return new SparkSubmitCommand(List.copyOf(cmd), Map.copyOf(env));
  }
}
