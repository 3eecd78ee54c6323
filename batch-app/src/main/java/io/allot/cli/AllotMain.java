package io.allot.cli;

import io.allot.lab.bandit.BanditSimCommand;
import io.allot.config.AllotHome;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of ./allot. Commands that need the database or Spark start Spring themselves. */
@Command(name = "allot", mixinStandardHelpOptions = true, version = "allot 0.1.0",
    description = "Nightly budget-constrained assignment of LLM queries to models.",
    subcommands = {GenerateCommand.class, DemoCommand.class, RunCommand.class, TrainPredictorCommand.class, ServeCommand.class,
        SqlCommand.class, DbRolesCommand.class, ExplainCommand.class,
        BanditSimCommand.class, EvaluateCommand.class, CascadeEvalCommand.class,
        BenchPublishCommand.class, BenchServingCommand.class, BenchSolverCommand.class, BenchIngestCommand.class,
        CommandLine.HelpCommand.class})
public class AllotMain implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    configureLogging();
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AllotMain());
    cli.setExecutionExceptionHandler(new CliErrors());
    return cli;
  }

  /** Spark logs through log4j2; without a configuration it prints its INFO start-up chatter. */
  private static void configureLogging() {
    if ("1".equals(System.getenv("ALLOT_DEBUG")) && System.getProperty("logging.pattern.console") == null) {
      System.setProperty("logging.pattern.console", "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n%throwable");
    }
    if (System.getProperty("log4j2.configurationFile") == null) {
      Path cfg = AllotHome.resolve().resolve("conf/log4j2.properties");
      if (Files.isRegularFile(cfg)) {
        System.setProperty("log4j2.configurationFile", cfg.toString());
      }
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
