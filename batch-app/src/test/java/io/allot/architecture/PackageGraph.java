package io.allot.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Package dependencies among compiled classes, read straight from the class files' constant pools
 * (class references, field and method descriptors, generic signatures), so the check needs no
 * extra library. Only packages under a given prefix count.
 */
final class PackageGraph {
  private static final Pattern CLASS_NAME = Pattern.compile("L?([a-z][\\w]*(?:/[\\w$]+)+)[;<]?");

  /** package -> packages it uses, and for each edge one example "from.Class -> to.Class". */
  final Map<String, Set<String>> edges = new TreeMap<>();
  final Map<String, String> examples = new HashMap<>();
  final Set<String> packages = new TreeSet<>();
  private final String prefix;

  PackageGraph(String prefix) {
    this.prefix = prefix;
  }

  /** The classes folder or jar that holds the given class. */
  static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  PackageGraph addClasses(Path classesOrJar) throws IOException {
    if (Files.isDirectory(classesOrJar)) {
      addTree(classesOrJar);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(classesOrJar)) {
        addTree(jar.getPath("/"));
      }
    }
    return this;
  }

  private void addTree(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".class")).toList();
    }
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        addClass(in);
      }
    }
  }

  void addClass(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    in.readInt(); // magic
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classIndex = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    in.readUnsignedShort(); // access flags
    String self = utf8[classIndex[in.readUnsignedShort()]];
    String from = packageOf(self);
    if (!from.startsWith(prefix)) {
      return;
    }
    packages.add(from);
    for (String s : utf8) {
      if (s == null || !s.contains(prefix.replace('.', '/'))) {
        continue;
      }
      Matcher m = CLASS_NAME.matcher(s);
      while (m.find()) {
        String to = packageOf(m.group(1));
        if (to.startsWith(prefix) && !to.equals(from)) {
          edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
          examples.putIfAbsent(from + " -> " + to, self.replace('/', '.') + " -> " + m.group(1).replace('/', '.'));
        }
      }
    }
  }

  private static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
  }

  /** Groups of two or more packages that reach each other (Tarjan's strongly connected components). */
  List<List<String>> cycles() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> result = new ArrayList<>();
    Set<String> all = new TreeSet<>(packages);
    edges.values().forEach(all::addAll);
    for (String p : all) {
      if (!index.containsKey(p)) {
        connect(p, index, low, stack, onStack, result);
      }
    }
    return result;
  }

  private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<List<String>> result) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : edges.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, index, low, stack, onStack, result);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        component.sort(null);
        result.add(component);
      }
    }
  }

  /** For a cycle, the example class references of the edges inside it (what to look at to break it). */
  List<String> explain(List<String> cycle) {
    List<String> lines = new ArrayList<>();
    for (String a : cycle) {
      for (String b : edges.getOrDefault(a, Set.of())) {
        if (cycle.contains(b)) {
          lines.add(examples.get(a + " -> " + b));
        }
      }
    }
    return lines;
  }
}
