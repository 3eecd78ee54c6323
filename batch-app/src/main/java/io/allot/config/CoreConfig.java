package io.allot.config;

import io.allot.spark.catalog.ModelCatalog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every step shares: the catalog and the Spark session. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AllotProperties.class)
public class CoreConfig {

  @Bean
  ModelCatalog modelCatalog(AllotProperties props) {
    return ModelCatalog.load(AllotHome.path(props.catalog()));
  }

  @Bean(destroyMethod = "close")
  SparkSessions sparkSessions(AllotProperties props) {
    return new SparkSessions(props.spark());
  }
}
