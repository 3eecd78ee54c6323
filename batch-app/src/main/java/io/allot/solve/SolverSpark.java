package io.allot.solve;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a distributed solve. Its tasks run this module's solver classes on the
 * executors, so the session ships them: the application jar as it is, or (run from a build's
 * class folder, as in tests) a jar made of that folder.
 */
public final class SolverSpark {
  private SolverSpark() {}

  /** @param conf further Spark settings, e.g. spark.executor.memory */
  public static SparkSession start(String master, Map<String, String> conf) {
    SparkSession.Builder b = SparkSession.builder().appName("allot-solve").master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    if (!master.startsWith("local")) {
      b.config("spark.jars", solverJar().toString());
    }
    conf.forEach(b::config);
    SparkSession spark = b.getOrCreate();
    if (!spark.sparkContext().master().equals(master)) {
      // getOrCreate hands back a session already running in this JVM, whatever master was asked for.
      throw new IllegalStateException("a SparkSession on " + spark.sparkContext().master() + " already runs in this "
          + "JVM; the distributed solve on " + master + " needs its own: stop the other first");
    }
    return spark;
  }

  /** The jar holding this module's classes (made from the class folder when there is none). */
  static Path solverJar() {
    try {
      Path source = Path.of(SolverSpark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isDirectory(source)) {
        return source;
      }
      Path jar = Files.createTempFile("allot-solver-classes", ".jar");
      jar.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
          Stream<Path> files = Files.walk(source)) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
          j.putNextEntry(new JarEntry(source.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, j);
          j.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot package the solver classes for the Spark executors", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
