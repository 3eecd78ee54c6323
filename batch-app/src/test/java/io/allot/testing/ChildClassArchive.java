package io.allot.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Class-data sharing for the child JVMs: the first child that runs to its end writes an archive of
 * the classes it loaded (-XX:ArchiveClassesAtExit), and every later child of this test JVM maps it
 * (-XX:SharedArchiveFile) instead of loading and verifying some 20,000 Spring and Spark classes
 * again (docs/testing.md).
 *
 * <p>JDK 17 refuses an archive when the class path holds a non-empty directory, so the children get
 * the build's class directories packed as jars. A child killed while it writes the archive leaves
 * none; the next child that runs to its end tries again. A missing or unusable archive only costs
 * time: the JVM then loads the classes as usual.
 */
final class ChildClassArchive {
  private enum State { NONE, WRITING, READY }

  private static String classPath;
  private static State state = State.NONE;

  private ChildClassArchive() {}

  /** The test JVM's class path with each directory replaced by a jar of it, packed once per JVM. */
  static synchronized String classPath() {
    if (classPath == null) {
      List<String> entries = new ArrayList<>();
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "child-classpath-" + ProcessHandle.current().pid());
      int n = 0;
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path p = Path.of(entry);
        entries.add(Files.isDirectory(p) ? jar(p, dir.resolve((n++) + "-" + p.getFileName() + ".jar")).toString() : entry);
      }
      classPath = String.join(File.pathSeparator, entries);
      // About 200 MB per test JVM (java.io.tmpdir is target/ under surefire): removed when the JVM
      // exits, so repeated builds do not fill the disk.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
    }
    return classPath;
  }

  /**
   * JVM flags for a new child. {@code runsToEnd}: the child is expected to exit by itself (not be
   * killed), so it may be the one to write the archive (see {@link #writes}).
   */
  static synchronized List<String> flags(boolean runsToEnd) {
    List<String> flags = new ArrayList<>();
    // The archive's warnings (classes it cannot hold) are not the child's output.
    flags.add("-Xlog:cds*=error,class+path=error");
    if (state == State.READY) {
      flags.add("-XX:SharedArchiveFile=" + archive());
    } else if (state == State.NONE && runsToEnd) {
      state = State.WRITING;
      flags.add("-XX:ArchiveClassesAtExit=" + archive());
    }
    return flags;
  }

  static boolean writes(List<String> flags) {
    return flags.stream().anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit="));
  }

  /**
   * The writing child has ended: its archive is used when it ran to a normal end (exit 0), else (a
   * failed or killed run saw only part of the classes) the next child that runs to its end writes one.
   */
  static synchronized void writerEnded(boolean exitedNormally) {
    try {
      if (!exitedNormally) {
        Files.deleteIfExists(archive());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    state = exitedNormally && Files.isRegularFile(archive()) ? State.READY : State.NONE;
  }

  /** The packed jars and the archive; each on its own, so a class path without folders still loses its archive. */
  private static void deleteQuietly(Path jars) {
    try {
      Files.deleteIfExists(archive());
      if (Files.isDirectory(jars)) {
        try (Stream<Path> files = Files.walk(jars)) {
          for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
            Files.deleteIfExists(f);
          }
        }
      }
    } catch (IOException e) {
      // the JVM is exiting; a leftover file in target/ does no harm
    }
  }

  private static Path archive() {
    return Path.of(System.getProperty("java.io.tmpdir"), "child-allot-" + ProcessHandle.current().pid() + ".jsa");
  }

  private static Path jar(Path classes, Path jar) {
    try {
      Files.createDirectories(jar.getParent());
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
          Stream<Path> files = Files.walk(classes)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          if (f.equals(classes)) {
            continue;
          }
          // Directory entries too: Spring's component scan and Flyway's location scan list them.
          String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
          boolean isDir = Files.isDirectory(f);
          zip.putNextEntry(new JarEntry(isDir ? name + "/" : name));
          if (!isDir) {
            Files.copy(f, zip);
          }
          zip.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + classes + " for the child JVMs", e);
    }
  }
}
