package io.allot.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Surefire points java.io.tmpdir at target/tmp, which nothing creates on a clean checkout, so the
 * default @TempDir factory fails there. This one creates the base folder first.
 */
public final class TargetTempDirs implements TempDirFactory {
  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
      throws IOException {
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(base);
    return Files.createTempDirectory(base, "allot-gen-");
  }
}
