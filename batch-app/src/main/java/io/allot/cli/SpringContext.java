package io.allot.cli;

import io.allot.AllotApplication;
import io.allot.config.AllotHome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring application for a command, with conf/ as the configuration folder. */
final class SpringContext {
  private SpringContext() {}

  static ConfigurableApplicationContext start(List<String> overrides, Map<String, Object> extra, boolean web) {
    List<String> args = new ArrayList<>();
    for (String o : overrides) {
      args.add(o.startsWith("--") ? o : "--" + o);
    }
    return new SpringApplicationBuilder(AllotApplication.class)
        .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
        .properties(Map.of("spring.config.additional-location",
            "optional:file:" + AllotHome.resolve().resolve("conf") + "/"))
        .properties(extra)
        .logStartupInfo(false)
        .run(args.toArray(String[]::new));
  }
}
