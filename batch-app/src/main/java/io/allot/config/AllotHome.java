package io.allot.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installation root that relative paths in conf/ are resolved against: the
 * {@code allot.home} system property (set by the ./allot launcher), ALLOT_HOME, or the nearest
 * folder at or above the working directory that holds conf/models.yml.
 */
public final class AllotHome {
  private AllotHome() {}

  public static Path resolve() {
    String prop = System.getProperty("allot.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    String env = System.getenv("ALLOT_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("conf/models.yml"))) {
        return p;
      }
    }
    return Path.of("").toAbsolutePath();
  }

  /** A configured path: absolute as given, relative ones against the home folder. */
  public static Path path(String configured) {
    Path p = Path.of(configured);
    return p.isAbsolute() ? p.normalize() : resolve().resolve(p).normalize();
  }
}
