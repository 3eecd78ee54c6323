package io.allot.cluster;

import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bean the Spark steps run their work through, local or submitted. */
@Configuration(proxyBeanMethods = false)
public class ClusterConfig {

  @Bean
  SparkJobs sparkJobs(AllotProperties props, SparkSessions sessions) {
    return new SparkJobs(props.spark(), sessions);
  }
}
