package io.allot.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.cli.AllotMain;
import io.allot.spark.catalog.ModelCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Package rules over the compiled main classes of batch-app and spark-jobs. */
class PackageCyclesTest {

  private static PackageGraph batchApp() throws IOException {
    return new PackageGraph("io.allot").addClasses(PackageGraph.location(AllotMain.class));
  }

  private static PackageGraph sparkJobs() throws IOException {
    return new PackageGraph("io.allot").addClasses(PackageGraph.location(ModelCatalog.class));
  }

  @Test
  void noPackageCycles() throws IOException {
    PackageGraph g = batchApp().addClasses(PackageGraph.location(ModelCatalog.class));
    assertThat(g.packages).as("classes were read").contains("io.allot.solve", "io.allot.spark.score");
    List<List<String>> cycles = g.cycles();
    assertThat(cycles).as(() -> cycles.stream()
        .map(c -> c + " via " + g.explain(c)).collect(Collectors.joining("\n"))).isEmpty();
  }

  @Test
  void eachPackageLivesInOneModule() throws IOException {
    Set<String> both = new TreeSet<>(batchApp().packages);
    both.retainAll(sparkJobs().packages);
    assertThat(both).isEmpty();
    assertThat(sparkJobs().packages).allMatch(p -> p.startsWith("io.allot.spark."));
  }

  @Test
  void findsACycleInHandMadeClasses() throws IOException {
    PackageGraph g = new PackageGraph("x");
    g.addClass(classFile("x/a/A", "x/b/B"));
    g.addClass(classFile("x/b/B", "x/c/C"));
    g.addClass(classFile("x/c/C", "x/d/D"));
    assertThat(g.cycles()).isEmpty();
    g.addClass(classFile("x/c/C2", "x/a/A"));
    assertThat(g.cycles()).containsExactly(List.of("x.a", "x.b", "x.c"));
    assertThat(g.explain(g.cycles().get(0))).contains("x.c.C2 -> x.a.A");
  }

  /** A minimal class file: this class and one field whose type is {@code uses}. */
  private static ByteArrayInputStream classFile(String self, String uses) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0xCAFEBABE);
    out.writeShort(0);
    out.writeShort(61);
    out.writeShort(4); // constant pool: 1 utf8 self, 2 class -> 1, 3 utf8 descriptor
    out.writeByte(1);
    out.writeUTF(self);
    out.writeByte(7);
    out.writeShort(1);
    out.writeByte(1);
    out.writeUTF("L" + uses + ";");
    out.writeShort(0x21);
    out.writeShort(2);
    return new ByteArrayInputStream(bytes.toByteArray());
  }
}
