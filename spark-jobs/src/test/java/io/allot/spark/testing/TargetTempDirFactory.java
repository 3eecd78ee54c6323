package io.allot.spark.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * The parent POM points java.io.tmpdir at target/tmp, which nothing creates; the default
 * factory would fail on a fresh checkout. Registered in junit-platform.properties.
 */
public final class TargetTempDirFactory implements TempDirFactory {
  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(root);
    return Files.createTempDirectory(root, "junit");
  }
}
