package io.allot.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code allot serve}: stays up and runs the nightly job on the configured cron. */
@Command(name = "serve", description = "Run the nightly job on allot.schedule.cron until stopped.")
class ServeCommand implements Callable<Integer> {
  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(),
        Map.of("allot.serve.enabled", "true",
            // JSON log lines for the log pipeline; --set logging.structured.format.console= turns it off
            "logging.structured.format.console", "ecs"), false);
    String cron = ctx.getEnvironment().getProperty("allot.schedule.cron");
    System.out.println("allot serve: nightly job scheduled on cron '" + cron + "' ("
        + ctx.getEnvironment().getProperty("allot.schedule.zone") + "); Ctrl-C to stop");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ctx.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }
}
