package io.allot.cli;

import io.allot.config.AllotHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * Binds one settings group from conf/application.yml (plus {@code --set} overrides) without
 * starting the application: offline tools such as {@code evaluate} read the same settings as the
 * nightly job, with the same defaults, and need no database.
 */
final class ConfBinding {
  private ConfBinding() {}

  static <T> T bind(String prefix, Class<T> type, List<String> overrides) {
    StandardEnvironment env = new StandardEnvironment();
    Map<String, Object> set = new HashMap<>();
    for (String o : overrides) {
      String kv = o.startsWith("--") ? o.substring(2) : o;
      int eq = kv.indexOf('=');
      set.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    env.getPropertySources().addFirst(new MapPropertySource("--set", set));
    Path yml = AllotHome.resolve().resolve("conf").resolve("application.yml");
    if (Files.isRegularFile(yml)) {
      try {
        new YamlPropertySourceLoader().load("conf", new FileSystemResource(yml))
            .forEach(env.getPropertySources()::addLast);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + yml + ": " + e.getMessage(), e);
      }
    }
    try {
      return Binder.get(env).bindOrCreate(prefix, Bindable.of(type));
    } catch (org.springframework.boot.context.properties.bind.BindException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      Object value = e.getProperty() == null ? null : e.getProperty().getValue();
      throw new IllegalArgumentException("setting " + e.getName() + (value == null ? "" : " = '" + value + "'")
          + " is not valid: " + root.getMessage()); // no cause: the CLI prints the innermost message
    }
  }
}
