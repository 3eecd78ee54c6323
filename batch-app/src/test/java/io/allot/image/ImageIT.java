package io.allot.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image that {@code ./mvnw -B -Pimage verify} builds (Jib's docker-save tarball): its entrypoint
 * is the allot launcher, it runs as a non-root user, and it holds ./allot's layout, the app jar and
 * every jar of target/lib, once. Runs in the image profile only (failsafe, after package). The
 * tarball is read in one streaming pass: its layers are a few hundred MB.
 */
class ImageIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final String HOME = "opt/allot/";

  @TempDir
  static Path root;
  private static JsonNode config;
  /** Each file's or folder's tar entry, by its path in the image (no leading slash). */
  private static final Map<String, TarArchiveEntry> files = new HashMap<>();
  private static final Map<String, Integer> copies = new HashMap<>();

  /** Unpacks every layer into {@link #root} and keeps the entries (mode, type) and the config. */
  @BeforeAll
  static void unpack() throws IOException {
    Map<String, byte[]> small = new HashMap<>();
    Set<String> layersSeen = new HashSet<>();
    try (TarArchiveInputStream outer = new TarArchiveInputStream(
        Files.newInputStream(TARGET.resolve("allot-image.tar")))) {
      for (TarArchiveEntry e = outer.getNextEntry(); e != null; e = outer.getNextEntry()) {
        if (e.getName().endsWith(".tar.gz")) {
          layersSeen.add(e.getName());
          unpackLayer(CloseShieldInputStream.wrap(outer));
        } else if (!e.isDirectory()) {
          small.put(e.getName(), outer.readAllBytes());
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(small.get("manifest.json")).get(0);
    Set<String> layers = new HashSet<>();
    manifest.get("Layers").forEach(l -> layers.add(l.asText()));
    // No layer overwrites another's file (checked below), so the order they were unpacked in does not matter.
    assertThat(layersSeen).isEqualTo(layers);
    config = json.readTree(small.get(manifest.get("Config").asText())).get("config");
  }

  private static void unpackLayer(InputStream gz) throws IOException {
    try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(gz))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String name = e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
        files.put(name, e);
        Path to = root.resolve(name).normalize();
        assertThat(to.startsWith(root)).as(e.getName()).isTrue();
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          copies.merge(name, 1, Integer::sum);
          Files.createDirectories(to.getParent());
          Files.copy(in, to);
          to.toFile().setExecutable((e.getMode() & 0100) != 0);
        }
      }
    }
  }

  @Test
  void theImageRunsTheLauncherAsANonRootUserOnTheLaunchersClasspath() throws IOException {
    assertThat(config.get("Entrypoint").get(0).asText()).isEqualTo("/opt/allot/allot");
    String user = config.get("User").asText();
    assertThat(user).isNotBlank().isNotEqualTo("root").doesNotStartWith("0:").isNotEqualTo("0");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/opt/allot");

    TarArchiveEntry launcher = files.get(HOME + "allot");
    assertThat(launcher).as("the launcher").isNotNull();
    assertThat(launcher.getMode() & 0111).as("launcher is executable").isEqualTo(0111);
    assertThat(files).containsKey(HOME + "conf/application.yml").containsKey(HOME + "conf/log4j2.properties")
        .containsKey(HOME + "conf/models.yml");
    assertThat(files).containsKey(HOME + "batch-app/target/" + jarName(TARGET, "allot-batch-app-", "SNAPSHOT.jar"));
    // the spark.submit.app-jar default: a cluster master needs only a Spark installation besides the image
    Path sparkJobs = TARGET.getParent().resolveSibling("spark-jobs").resolve("target");
    assertThat(files).containsKey(HOME + "spark-jobs/target/" + jarName(sparkJobs, "allot-spark-jobs-", "-cluster.jar"));
    List<String> libs;
    try (Stream<Path> l = Files.list(TARGET.resolve("lib"))) {
      libs = l.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
    }
    assertThat(libs).hasSizeGreaterThan(100);
    for (String lib : libs) {
      assertThat(files).as("lib jar in the image").containsKey(HOME + "batch-app/target/lib/" + lib);
    }
    assertThat(files.keySet().stream().filter(n -> n.startsWith(HOME + "batch-app/target/lib/") && n.endsWith(".jar")))
        .as("no jar the launcher does not use").hasSize(libs.size());
    assertThat(files.keySet()).as("Jib's own app layers are filtered out")
        .noneMatch(n -> n.startsWith(HOME + "jib-app/") && n.endsWith(".jar"));
    assertThat(copies.values()).as("no file twice").allMatch(c -> c == 1);
    TarArchiveEntry work = files.get(HOME + "work");
    assertThat(work).as("the writable work folder").isNotNull();
    assertThat(work.isDirectory()).isTrue();
    assertThat(work.getMode() & 0777).isEqualTo(0777);
  }

  /**
   * No container runtime runs here, so the unpacked image's launcher is run with this JVM's java:
   * it must start the app from the image's jars without trying to build anything.
   */
  @Test
  void theUnpackedImagesLauncherStartsTheAppWithoutBuilding() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("opt/allot/allot").toString(), "--version")
        .redirectErrorStream(true);
    pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    pb.environment().put("ALLOT_JAVA_OPTS", "-Xmx256m");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).contains("allot 0.1.0").doesNotContain("building");
  }

  private static String jarName(Path folder, String prefix, String suffix) throws IOException {
    try (Stream<Path> l = Files.list(folder)) {
      return l.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(suffix))
          .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + "*" + suffix + " in " + folder));
    }
  }
}
