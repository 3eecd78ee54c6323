package io.allot.cluster;

import io.allot.config.SparkMaster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allot.config.AllotProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The master setting is checked, and the spark-submit command says what the settings say. */
class SparkSubmitCommandTest {

  @Test
  void mastersAreClassified() {
    assertThat(SparkMaster.parse("local[*]").isLocal()).isTrue();
    assertThat(SparkMaster.parse("local[2]").isLocal()).isTrue();
    assertThat(SparkMaster.parse("spark://10.0.0.5:7077").kind()).isEqualTo(SparkMaster.Kind.STANDALONE);
    assertThat(SparkMaster.parse("spark://m1:7077,m2:7077").standaloneHost()).isEqualTo("m1");
    assertThat(SparkMaster.parse("yarn").kind()).isEqualTo(SparkMaster.Kind.YARN);
    assertThat(SparkMaster.parse("k8s://https://api.example:6443").kind()).isEqualTo(SparkMaster.Kind.KUBERNETES);
  }

  @Test
  void aWrongMasterIsOneLineNamingTheSetting() {
    assertThatThrownBy(() -> SparkMaster.parse("spark:/host:7077"))
        .hasMessage("allot.spark.master is 'spark:/host:7077'; expected local[*], local[N], spark://host:port, "
            + "yarn or k8s://https://host:port");
    assertThatThrownBy(() -> DeployMode.parse("remote")).hasMessageContaining("allot.spark.submit.deploy-mode");
  }

  @Test
  void theCommandCarriesMasterModeJarArgsAndExtraConf() {
    AllotProperties.Submit submit = new AllotProperties.Submit("cluster", "spark-jobs/target/spark-home",
        "spark-jobs/target/allot-spark-jobs-0.1.0-SNAPSHOT-cluster.jar", Map.of("spark.executor.memory", "3g"),
        "127.0.0.1", "", "local[2]", "conf/spark-log4j2.properties", 2000);
    AllotProperties.Spark spark = new AllotProperties.Spark("spark://127.0.0.1:7077", "2g", 8, submit);
    SparkSubmitCommand c = SparkSubmitCommand.build(spark, SparkMaster.parse(spark.master()), DeployMode.CLUSTER,
        "allot-score-run7", List.of("--job", "score"));
    String line = String.join(" ", c.command());
    assertThat(line).contains("org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:7077 --deploy-mode cluster")
        .contains("--class " + SparkSubmitCommand.MAIN_CLASS)
        .contains("--conf spark.executor.memory=3g")
        .contains("--conf spark.standalone.submit.waitAppCompletion=false")
        .endsWith("allot-spark-jobs-0.1.0-SNAPSHOT-cluster.jar --job score");
    assertThat(c.environment()).containsEntry("SPARK_SCALA_VERSION", "2.13").containsEntry("SPARK_LOCAL_IP", "127.0.0.1");
  }

  @Test
  void aMissingSparkHomeNamesTheSetting() {
    AllotProperties.Submit submit = new AllotProperties.Submit("client", "/nonexistent/spark", "x.jar", Map.of(), "",
        "", "local[2]", "", 2000);
    AllotProperties.Spark spark = new AllotProperties.Spark("yarn", "2g", 8, submit);
    assertThatThrownBy(() -> SparkSubmitCommand.build(spark, SparkMaster.parse("yarn"), DeployMode.CLIENT, "a",
        List.of())).hasMessageStartingWith("allot.spark.submit.spark-home is /nonexistent/spark");
  }
}
