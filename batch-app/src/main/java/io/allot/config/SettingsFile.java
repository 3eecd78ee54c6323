package io.allot.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The allot.* settings for commands that do not start the application (evaluate, bench-*): the
 * same sources in the same order as the application's (--set overrides, then the environment,
 * then conf/application.yml), bound to the same property records, so those commands use the same
 * settings and defaults as the nightly job.
 */
public final class SettingsFile {
  private final Binder binder;

  private SettingsFile(Binder binder) {
    this.binder = binder;
  }

  /** @param overrides "key=value" or "--key=value", as given to --set */
  public static SettingsFile load(List<String> overrides) {
    return load(AllotHome.resolve().resolve("conf/application.yml"), overrides);
  }

  public static SettingsFile load(Path applicationYml, List<String> overrides) {
    List<PropertySource<?>> sources = new ArrayList<>();
    Map<String, Object> set = new LinkedHashMap<>();
    for (String o : overrides) {
      String kv = o.startsWith("--") ? o.substring(2) : o;
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new SettingException("--set " + o + ": expected KEY=VALUE, e.g. allot.budget-usd=250");
      }
      set.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    sources.add(new MapPropertySource("--set", set));
    sources.add(new SystemEnvironmentPropertySource("environment", new LinkedHashMap<String, Object>(System.getenv())));
    if (Files.isRegularFile(applicationYml)) {
      try {
        sources.addAll(new YamlPropertySourceLoader().load(applicationYml.toString(),
            new FileSystemResource(applicationYml)));
      } catch (IOException e) {
        throw new UncheckedIOException(applicationYml + ": " + e.getMessage(), e);
      }
    }
    return new SettingsFile(new Binder(ConfigurationPropertySources.from(sources)));
  }

  /** The settings under {@code prefix} bound to {@code type} (its @DefaultValue for what is not set). */
  public <T> T bind(String prefix, Class<T> type) {
    try {
      return binder.bindOrCreate(prefix, type);
    } catch (org.springframework.boot.context.properties.bind.BindException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      Object value = e.getProperty() == null ? null : e.getProperty().getValue();
      // No cause: the CLI prints the innermost message, which names the setting and value.
      throw new SettingException("setting " + e.getName()
          + (value == null ? "" : " = '" + value + "'") + " is not valid: " + root.getMessage());
    }
  }

  public AllotProperties allot() {
    return bind("allot", AllotProperties.class);
  }
}
